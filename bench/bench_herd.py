"""A viral reel: a herd of people shares one link at once through the Telegram stand-in.

Run: python bench/bench_herd.py [--sizes 100,1000] [--cached] [--paid 300] [--http both]
(figures printed, never asserted; --paid: TELEGRAM_PAID_BROADCAST_PER_SECOND, flood limits on;
--http: Bot API calls over aiohttp (Stash's) or over PTB's own httpx, or both side by side)

Stash runs here, wired as `stash run` wires it (real adapters, real SQLite); every stand-in
(Telegram Bot API with its flood limits on or off, media host, Shazam, Spotify) runs in a
process of its own (bench/herd_world.py), so the figures are Stash's, not the stand-ins' sharing
its event loop. Each person has their own private chat and their own linked Spotify account
(linked through the OAuth dance before the clock starts). The herd is sent in one go; the
stand-in's message handlers are timed, so "first status" is when the Bot API accepted the first
message in that chat, and "answered" when it accepted the result.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp
from cryptography.fernet import Fernet
from prometheus_client import CollectorRegistry

sys.path.insert(0, str(Path(__file__).parent))  # herd_world, beside this file

from herd_world import TELEGRAM_RATE, TOKEN, Remote, world_process
from telegram.request import HTTPXRequest

from adapters.metrics import PrometheusTelemetry
from adapters.telegram import MessagePacing, TelegramConfig, TelegramFront
from bot.bootstrap import FrontParts, build_front
from bot.collector import tune_collector
from bot.settings import load_settings
from core.connect_codes import parse_pasted_callback
from core.models import UserKey
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

FIRST_ID = 10_000_000


@asynccontextmanager
async def stack(folder: Path, flood: bool, paid: int = 0, http: str = "aiohttp"
                ) -> AsyncIterator[tuple[FrontParts, Remote]]:
    """The stand-ins' process and the app, started; the Telegram front running."""
    async with AsyncExitStack() as stack:
        world = await stack.enter_async_context(world_process(flood))
        info = world.info
        settings = load_settings(
            _env_file=None, database_url=f"sqlite:///{folder / 'bench.db'}",
            spotify_client_id=SANDBOX_CLIENT_ID, spotify_client_secret=SANDBOX_CLIENT_SECRET,
            spotify_api_base_url=info["spotify_api"],
            spotify_accounts_base_url=info["spotify_accounts"],
            token_encryption_keys=Fernet.generate_key().decode(),
            shazam_api_base_url=info["shazam"], shazam_requests_per_minute=120,
            media_extra_hosts=info["media_host"], links_per_minute=1000)
        app = await stack.enter_async_context(build_front(settings, Timed()))
        pacing = MessagePacing(bot_per_second=29.0 if flood else 0.0, paid_per_second=paid)
        front = TelegramFront(app.stash, app.connecting,
                              TelegramConfig(TOKEN, info["telegram"], pacing=pacing,
                                             poll_timeout=1),
                              requests=(HTTPXRequest(), HTTPXRequest(1))
                              if http == "httpx" else None)
        await stack.enter_async_context(front)
        tune_collector()  # as `stash run` does once its fronts are up
        yield app, world


async def connect_people(app: FrontParts, world: Remote, size: int) -> list[int]:
    """`size` people, each with a Spotify account of their own linked (not timed)."""
    people = list(range(FIRST_ID, FIRST_ID + size))
    await world.call("people", ids=people)
    async with aiohttp.ClientSession() as session:
        for user_id in people:
            await world.call("login", account=f"listener{user_id}")
            user = UserKey("telegram", str(user_id))
            url = await app.connecting.start(user)
            async with session.get(url, allow_redirects=False) as response:
                pasted = parse_pasted_callback(response.headers["Location"])
            assert pasted is not None
            await app.connecting.finish_pasted(user, pasted)
    return people


async def herd(app: FrontParts, world: Remote, people: list[int], link: str, patience: float
               ) -> dict[str, Any]:
    """Everyone sends the link at once; figures once all are answered (or after `patience`)."""
    outside = _outside_calls(app)
    seen = await world.call("herd", ids=people, link=link, patience=patience)
    firsts, done = sorted(seen["first"]), seen["answered"]
    added = 0
    for p in people:
        entries = await app.store.history(UserKey("telegram", str(p)), 5)
        added += sum(1 for e in entries if e.outcome == "added")
    writes = seen["writes"]
    calls = _outside_calls(app) - outside
    return {"n": len(people), "answered": len(done), "added": added,
            "calls": writes / len(people), "last": max(done, default=float("nan")),
            "paid": seen["paid"], "refused": seen["refused"],
            # A second's worth goes at once, the rest at Telegram's rate.
            "floor": max(0.0, writes - TELEGRAM_RATE) / TELEGRAM_RATE,
            "p50": _pct(firsts, 50), "p95": _pct(firsts, 95),
            "outside": "/".join(str(calls[s]) for s in ("media", "shazam", "spotify_search"))}


def _outside_calls(app: FrontParts) -> Counter[str]:
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


class Timed(PrometheusTelemetry):
    """Stash's own metrics, and when each share's pipeline finished (before its result shows:
    Stash counts a share as it ends, then the front shows it)."""

    def __init__(self) -> None:
        super().__init__(CollectorRegistry())
        self.finished: list[float] = []

    def share_finished(self, platform: str, outcome: str, error: str) -> None:
        self.finished.append(time.perf_counter())  # the same clock as the stand-ins' (Linux)
        super().share_finished(platform, outcome, error)


async def single(app: FrontParts, world: Remote, user_id: int, link: str) -> tuple[float, float]:
    """One share alone: first status, and result shown after the pipeline finished."""
    telemetry = app.stash.telemetry
    assert isinstance(telemetry, Timed)
    before = len(telemetry.finished)
    seen = await world.call("herd", ids=[user_id], link=link, patience=60)
    finished = telemetry.finished[before]
    return seen["first"][0], seen["began"] + seen["answered"][0] - finished


async def run(size: int, flood: bool, cached: bool, paid: int, http: str = "aiohttp"
              ) -> list[dict[str, Any]]:
    """One herd of `size` (and, with `cached`, a second herd on the same link)."""
    rows = []
    with tempfile.TemporaryDirectory(prefix="stash-bench-") as folder:
        async with stack(Path(folder), flood, paid, http) as (app, world):
            people = await connect_people(app, world, size + 1)
            alone, people = people[0], people[1:]
            link = world.info["herd_link"]
            first, after = await single(app, world, alone, world.info["alone_link"])
            row = await herd(app, world, people, link, patience=30 + size / 5)
            rows.append(row | {"flood": flood, "alone": (first, after), "kind": "new link",
                               "http": http})
            if cached:  # the same people share the same link again: the answer is known
                # Once their chats' allowances are full again: a chat still paced from the
                # first herd would hold the first message back until the result was known.
                pacing = MessagePacing()
                await asyncio.sleep(pacing.private_burst * pacing.private_interval)
                row = await herd(app, world, people, link, patience=30 + size / 5)
                rows.append(row | {"flood": flood, "alone": (first, after), "kind": "cached",
                                   "http": http})
    return rows


def show(rows: list[dict[str, Any]]) -> None:
    """The issue's table rows, goal beside measurement."""
    print(f"{'herd':>6} {'http':>7} {'flood':>5} {'link':>8} {'answered':>9} {'added':>6} "
          f"{'calls/p':>7} {'f/r/s':>5} {'first p50':>9} {'p95':>7} {'last':>7} {'floor':>7} "
          f"{'paid':>5} {'429s':>5}")
    for r in rows:
        print(f"{r['n']:>6} {r['http']:>7} {'on' if r['flood'] else 'off':>5} {r['kind']:>8} "
              f"{r['answered']:>9} {r['added']:>6} {r['calls']:>7.2f} {r['outside']:>5} "
              f"{r['p50']:>8.3f}s {r['p95']:>6.3f}s {r['last']:>6.2f}s "
              f"{r['floor'] if r['flood'] else float('nan'):>6.2f}s {r['paid']:>5} "
              f"{r['refused']:>5}")
    for r in rows[:1]:
        print(f"one share alone: first status {r['alone'][0] * 1000:.0f} ms (goal <= 300 ms); "
              f"result shown {r['alone'][1] * 1000:.0f} ms after the pipeline (goal <= 250 ms)")
    print(f"max RSS of Stash's process "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000")
    parser.add_argument("--flood", choices=("on", "off", "both"), default="both")
    parser.add_argument("--cached", action="store_true", help="a second herd, answer known")
    parser.add_argument("--http", choices=("aiohttp", "httpx", "both"), default="aiohttp",
                        help="how Bot API calls go (both: side by side, httpx first)")
    parser.add_argument("--paid", type=int, default=0,
                        help="paid broadcasts a second past the free rate (0: none)")
    args = parser.parse_args()
    floods = {"on": [True], "off": [False], "both": [True, False]}[args.flood]
    https = ["httpx", "aiohttp"] if args.http == "both" else [args.http]
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        for flood in floods:
            for http in https:
                rows += await run(size, flood, args.cached, args.paid, http)
    show(rows)


if __name__ == "__main__":
    asyncio.run(main())
