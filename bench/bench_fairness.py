"""Fairness: how long Bob's one share waits behind Alice's backlog, at Shazam's budget.

Run: python bench/bench_fairness.py [--rates 5,10,30] [--backlogs 10,25,50,talk25]
                                    [--patience 150]      (figures printed, never asserted)

Stash is wired as `stash run` wires it (real yt-dlp fetcher, Shazam recognizer and budget,
Spotify catalog, SQLite), in real time; the stand-ins (media host, Shazam, Spotify) run in a
process of their own (bench/herd_world.py). Alice shares her backlog at once (distinct links:
songs, or "talk" clips of speech with no song, each listened to in up to three windows); a
second later Bob shares one song. Bob's wait is the time until his answer, also counted in
turns of the budget (60 / SHAZAM_REQUESTS_PER_MINUTE seconds); "told" is when his "Queued … up
in about N s" said he would be heard (the latest promise) and when he was first told of a queue;
"held" whether he was answered by then (plus the few seconds his own search may take). A run
gives up on Bob after `--patience` seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))  # herd_world, beside this file

from cryptography.fernet import Fernet
from herd_world import world_process

from bot.bootstrap import FrontParts, build_front
from bot.settings import load_settings
from core.models import UserKey
from core.outcomes import Outcome, ShareFailed
from core.ports import Stage
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET

ALICE, BOB = UserKey("telegram", "1"), UserKey("telegram", "2")
SLACK = 5.0  # seconds Bob's own download, listening and search may add to a promised wait


class Seen:
    """A StatusReporter that keeps what a person was told, and when."""

    def __init__(self) -> None:
        self.stages: list[tuple[float, Stage, str]] = []

    async def stage(self, stage: Stage, detail: str = "") -> None:
        self.stages.append((time.monotonic(), stage, detail))


@asynccontextmanager
async def app_for(info: dict[str, str], folder: Path, rate: float) -> AsyncIterator[FrontParts]:
    settings = load_settings(
        _env_file=None, database_url=f"sqlite:///{folder / 'bench.db'}",
        shazam_api_base_url=info["shazam"], shazam_requests_per_minute=rate,
        token_encryption_keys=Fernet.generate_key().decode(),
        spotify_client_id=SANDBOX_CLIENT_ID, spotify_client_secret=SANDBOX_CLIENT_SECRET,
        spotify_api_base_url=info["spotify_api"],
        spotify_accounts_base_url=info["spotify_accounts"],
        media_extra_hosts=info["media_host"], links_per_minute=1000)
    async with build_front(settings) as app:
        yield app


def backlog_links(host: str, backlog: str, run: int) -> list[str]:
    talk = backlog.startswith("talk")
    count = int(backlog.removeprefix("talk"))
    key = "speech" if talk else "40000001"
    return [f"http://{host}/clip/{key}.m4a?seconds=30&n={run}-{n}" for n in range(count)]


async def one(info: dict[str, str], rate: float, backlog: str, run: int, patience: float
              ) -> dict[str, Any]:
    host = info["media_host"]
    with tempfile.TemporaryDirectory(prefix="stash-fair-") as folder:
        async with AsyncExitStack() as stack:
            app = await stack.enter_async_context(app_for(info, Path(folder), rate))
            stash = app.stash
            alice = [asyncio.create_task(stash.share(ALICE, stash.links_in(url)[0], Seen()))
                     for url in backlog_links(host, backlog, run)]
            await asyncio.sleep(1.0)
            seen = Seen()
            bob_link = stash.links_in(f"http://{host}/clip/40000002.m4a?seconds=30&n={run}")[0]
            began = time.monotonic()
            bob = asyncio.create_task(stash.share(BOB, bob_link, seen))
            done, _ = await asyncio.wait([bob], timeout=patience)
            waited = time.monotonic() - began if done else None
            outcome: Outcome | None = bob.result() if done else None
            alice_done = sum(1 for task in alice if task.done())
            alice_busy = sum(1 for task in alice if task.done()
                             and isinstance(task.result(), ShareFailed)
                             and task.result().error.kind == "rate_limited")
            for task in [*alice, bob]:
                task.cancel()
            await asyncio.gather(*alice, bob, return_exceptions=True)
    told = [(at - began, int(detail)) for at, stage, detail in seen.stages
            if stage is Stage.QUEUED and detail]
    promised = max((at + n for at, n in told), default=None)
    return {"rate": rate, "backlog": backlog, "waited": waited,
            "queued_at": told[0][0] if told else None,
            "turns": None if waited is None else waited / (60 / rate),
            "outcome": type(outcome).__name__ if outcome else "-",
            "told": promised, "held": (promised is None or (waited is not None
                                                              and waited <= promised + SLACK)),
            "alice": f"{alice_done}/{len(alice)} ({alice_busy} busy)",
            "stages": " → ".join(s.value for _, s, _ in seen.stages)}


def show(row: dict[str, Any], patience: float) -> None:
    waited = f"{row['waited']:7.1f}s" if row["waited"] is not None else f">{patience:6.0f}s"
    turns = f"{row['turns']:5.2f}" if row["turns"] is not None else "    -"
    told = (f"{row['told']:6.1f}s at {row['queued_at']:5.1f}s" if row["told"] is not None
            else f"{'-':>16}")
    print(f"{row['rate']:>5g}/min {row['backlog']:>7} {waited} {turns} {told} "
          f"{'yes' if row['held'] else 'NO':>4} {row['outcome']:>13} {row['alice']:>16}  "
          f"{row['stages']}", flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="5,10,30")
    parser.add_argument("--backlogs", default="10,25,50,talk25")
    parser.add_argument("--patience", type=float, default=150.0)
    args = parser.parse_args()
    print(f"{'rate':>9} {'backlog':>7} {'Bob':>8} {'turns':>5} {'told (when)':>16} {'held':>4} "
          f"{'Bob got':>13} {'Alice answered':>16}  Bob's stages", flush=True)
    async with world_process(False) as world:
        run = 0
        for rate in (float(r) for r in args.rates.split(",")):
            for backlog in args.backlogs.split(","):
                run += 1
                show(await one(world.info, rate, backlog, run, args.patience), args.patience)


if __name__ == "__main__":
    asyncio.run(main())
