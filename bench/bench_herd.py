"""A viral reel: a herd of people shares one link at once through the Telegram stand-in.

Run: python bench/bench_herd.py [--sizes 100,1000] [--cached]   (figures printed, never asserted)

One process: every stand-in (Telegram Bot API with its flood limits on or off, media host,
Shazam, Spotify) and Stash wired as `stash run` wires it (real adapters, real SQLite). Each
person has their own private chat and their own linked Spotify account (linked through the
OAuth dance before the clock starts). The herd is sent in one go; the stand-in's message
handlers are timed, so "first status" is when the Bot API accepted the first message in that
chat, and "answered" when it accepted the result.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import resource
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from cryptography.fernet import Fernet
from prometheus_client import CollectorRegistry

from adapters.metrics import PrometheusTelemetry
from adapters.telegram import Pacing, TelegramConfig, TelegramFront
from bot.settings import load_settings
from bot.wiring import App, open_app
from core.linking import parse_pasted_callback
from core.models import UserKey
from sandbox.media import MediaHost
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from sandbox.spotify.state import SpotifyUser
from sandbox.telegram import FloodLimits, TelegramStandIn
from sandbox.telegram import standin as tg_standin

TOKEN = "123456:BENCH-TOKEN"  # noqa: S105 - the stand-in's fake token
FIRST_ID = 10_000_000
TELEGRAM_RATE = 30.0  # messages a second, bot-wide (the stand-in's and Telegram's)


@dataclass
class Clock:
    """When the stand-in accepted messages, per chat (installed on its method table)."""

    first: dict[int, float] = field(default_factory=dict)
    answered: dict[int, float] = field(default_factory=dict)
    writes: Counter[int] = field(default_factory=Counter)

    def install(self) -> None:
        """Time the stand-in's sendMessage and editMessageText (once per process)."""
        for method in ("sendmessage", "editmessagetext"):
            handler = tg_standin.METHODS[method]
            original = getattr(handler, "original", handler)
            tg_standin.METHODS[method] = self._timed(original)

    def _timed(self, handler: Any) -> Any:
        async def timed(world: Any, params: Any) -> Any:
            result = await handler(world, params)
            chat, now = int(result["chat"]["id"]), time.perf_counter()
            self.writes[chat] += 1
            self.first.setdefault(chat, now)
            if not str(result.get("text", "")).endswith("…"):
                self.answered.setdefault(chat, now)
            return result

        timed.original = handler  # type: ignore[attr-defined]
        return timed


@asynccontextmanager
async def stack(folder: Path, flood: bool) -> AsyncIterator[tuple[App, TelegramStandIn,
                                                                   SpotifyStandIn, MediaHost]]:
    """Every stand-in and the app, started; the Telegram front running."""
    async with AsyncExitStack() as stack:
        media = await stack.enter_async_context(MediaHost())
        shazam = await stack.enter_async_context(ShazamStandIn())
        spotify = await stack.enter_async_context(SpotifyStandIn())
        limits = FloodLimits(global_per_second=TELEGRAM_RATE, enabled=flood)
        tg = await stack.enter_async_context(TelegramStandIn(TOKEN, flood=limits))
        await shazam.ready()
        settings = load_settings(
            _env_file=None, database_url=f"sqlite:///{folder / 'bench.db'}",
            spotify_client_id=SANDBOX_CLIENT_ID, spotify_client_secret=SANDBOX_CLIENT_SECRET,
            spotify_api_base_url=spotify.api_base_url,
            spotify_accounts_base_url=spotify.accounts_base_url,
            token_encryption_keys=Fernet.generate_key().decode(),
            shazam_api_base_url=shazam.origin, shazam_requests_per_minute=120,
            media_extra_hosts=f"127.0.0.1:{media.port}", links_per_minute=1000)
        telemetry = PrometheusTelemetry(CollectorRegistry())
        app = await stack.enter_async_context(open_app(settings, telemetry))
        pacing = Pacing(bot_per_second=29.0 if flood else 0.0)
        front = TelegramFront(app.stash, app.linking,
                              TelegramConfig(TOKEN, tg.base_url, pacing=pacing, poll_timeout=1))
        await stack.enter_async_context(front)
        yield app, tg, spotify, media


async def link_people(app: App, spotify: SpotifyStandIn, tg: TelegramStandIn, size: int
                      ) -> list[int]:
    """`size` people, each with a Spotify account of their own linked (not timed)."""
    people = list(range(FIRST_ID, FIRST_ID + size))
    async with aiohttp.ClientSession() as session:
        for user_id in people:
            tg.add_user(user_id, f"P{user_id}")
            account = f"listener{user_id}"
            spotify.store.users[account] = SpotifyUser(account, f"Listener {user_id}")
            spotify.login_as(account)
            user = UserKey("telegram", str(user_id))
            url = await app.linking.start(user)
            async with session.get(url, allow_redirects=False) as response:
                pasted = parse_pasted_callback(response.headers["Location"])
            assert pasted is not None
            await app.linking.finish_pasted(user, pasted)
    return people


async def herd(app: App, tg: TelegramStandIn, clock: Clock, people: list[int], link: str,
               patience: float) -> dict[str, Any]:
    """Everyone sends the link at once; figures once all are answered (or after `patience`)."""
    for figures in (clock.first, clock.answered, clock.writes):
        figures.clear()
    outside = _outside_calls(app)
    began = time.perf_counter()
    for user_id in people:
        tg.user_sends(user_id, link)
    with contextlib.suppress(TimeoutError):
        await tg.wait_for(lambda: len(clock.answered) >= len(people), patience)
    firsts = sorted(clock.first[p] - began for p in people if p in clock.first)
    done = [clock.answered[p] - began for p in people if p in clock.answered]
    added = 0
    for p in people:
        entries = await app.store.history(UserKey("telegram", str(p)), 5)
        added += sum(1 for e in entries if e.outcome == "added")
    writes = sum(clock.writes[p] for p in people)
    calls = _outside_calls(app) - outside
    return {"n": len(people), "answered": len(done), "added": added,
            "calls": writes / len(people), "last": max(done, default=float("nan")),
            # A second's worth goes at once, the rest at Telegram's rate.
            "floor": max(0.0, writes - TELEGRAM_RATE) / TELEGRAM_RATE,
            "p50": _pct(firsts, 50), "p95": _pct(firsts, 95),
            "outside": "/".join(str(calls[s]) for s in ("media", "shazam", "spotify_search"))}


def _outside_calls(app: App) -> Counter[str]:
    """Fetches, recognitions and searches so far (from Stash's own metrics)."""
    telemetry = app.stash.telemetry
    assert isinstance(telemetry, PrometheusTelemetry)
    counts: Counter[str] = Counter()
    for metric in telemetry.calls.collect():
        for sample in metric.samples:
            if sample.name.endswith("_total"):
                counts[sample.labels["service"]] += int(sample.value)
    return counts


def _pct(values: list[float], pct: int) -> float:
    if not values:
        return float("nan")
    return values[min(len(values) - 1, round(pct / 100 * (len(values) - 1)))]


async def single(app: App, tg: TelegramStandIn, clock: Clock, user_id: int, link: str
                 ) -> tuple[float, float]:
    """One share alone: first status, and result shown after the pipeline finished."""
    finished: list[float] = []
    # Fronts share through the kept-shares wrapper, which holds the service's share function.
    kept = app.stash.kept
    share = kept._share

    async def timed_share(*args: Any, **kwargs: Any) -> Any:
        outcome = await share(*args, **kwargs)
        finished.append(time.perf_counter())
        return outcome

    kept._share = timed_share
    clock.first.pop(user_id, None)
    clock.answered.pop(user_id, None)
    began = time.perf_counter()
    tg.user_sends(user_id, link)
    await tg.wait_for(lambda: user_id in clock.answered, 60)
    kept._share = share
    return clock.first[user_id] - began, clock.answered[user_id] - finished[0]


async def run(size: int, flood: bool, cached: bool) -> list[dict[str, Any]]:
    """One herd of `size` (and, with `cached`, a second herd on the same link)."""
    clock = Clock()
    clock.install()
    rows = []
    with tempfile.TemporaryDirectory(prefix="stash-bench-") as folder:
        async with stack(Path(folder), flood) as (app, tg, spotify, media):
            people = await link_people(app, spotify, tg, size + 1)
            alone, people = people[0], people[1:]
            link = media.url("40000001", "m4a", seconds=60)
            first, after = await single(app, tg, clock, alone, media.url("40000001", "mp3"))
            row = await herd(app, tg, clock, people, link, patience=30 + size / 5)
            rows.append(row | {"flood": flood, "alone": (first, after), "kind": "new link"})
            if cached:  # the same people share the same link again: the answer is known
                row = await herd(app, tg, clock, people, link, patience=30 + size / 5)
                rows.append(row | {"flood": flood, "alone": (first, after), "kind": "cached"})
    return rows


def show(rows: list[dict[str, Any]]) -> None:
    """The issue's table rows, goal beside measurement."""
    print(f"{'herd':>6} {'flood':>5} {'link':>8} {'answered':>9} {'added':>6} {'calls/p':>7} "
          f"{'f/r/s':>5} {'first p50':>9} {'p95':>7} {'last':>7} {'floor':>7}")
    for r in rows:
        print(f"{r['n']:>6} {'on' if r['flood'] else 'off':>5} {r['kind']:>8} "
              f"{r['answered']:>9} {r['added']:>6} {r['calls']:>7.2f} {r['outside']:>5} "
              f"{r['p50']:>8.3f}s {r['p95']:>6.3f}s {r['last']:>6.2f}s "
              f"{r['floor'] if r['flood'] else float('nan'):>6.2f}s")
    for r in rows[:1]:
        print(f"one share alone: first status {r['alone'][0] * 1000:.0f} ms (goal <= 300 ms); "
              f"result shown {r['alone'][1] * 1000:.0f} ms after the pipeline (goal <= 250 ms)")
    print(f"max RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--flood", choices=("on", "off", "both"), default="both")
    parser.add_argument("--cached", action="store_true", help="a second herd, answer known")
    args = parser.parse_args()
    floods = {"on": [True], "off": [False], "both": [True, False]}[args.flood]
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for flood in floods:
            rows += await run(size, flood, args.cached)
    show(rows)


if __name__ == "__main__":
    asyncio.run(main())
