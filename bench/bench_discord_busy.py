"""A busy Discord channel: twenty people share one link at once in a channel that takes 5 messages
per 5 s and one reaction per 0.25 s (the Discord stand-in's limits, in real time).

    python bench/bench_discord_busy.py [--people 20] [--instant-edits]

Times are read from the stand-in's records (snowflakes and edit timestamps), from the first
shared message: each person's first sign of life (a reaction on their message, their status
message, or their name in another message), how many had one within 2 s, when the last status
message was posted and when the last one showed its answer.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from adapters.discord import EditPacing
from sandbox.discord.limits import CHANNEL_SENDS
from sandbox.discord.model import DISCORD_EPOCH_MS
from tests.discord_helpers import World, done, running_world
from tests.unit.test_service import REEL

Json = dict[str, Any]


def at(snowflake: int) -> float:
    """When a snowflake was taken, in seconds since the Unix epoch."""
    return ((snowflake >> 22) + DISCORD_EPOCH_MS) / 1000


def answered_at(message: Json) -> float:
    """When a status message first showed its outcome."""
    if not message["edits"]:
        return at(message["id"])
    return datetime.fromisoformat(message["edited_timestamp"]).timestamp()


def first_text(message: Json) -> str:
    return str(message["edits"][0]["content"] if message["edits"] else message["content"])


async def run(people: int, *, instant_edits: bool) -> dict[str, str]:
    # Stash paces its own edits in real time, as it runs; or (as the e2e test does) on a clock
    # that moves only when paced, so that only the stand-in's limits take time.
    pacing: dict[str, Any] = {} if instant_edits else {"pacing": EditPacing()}
    with tempfile.TemporaryDirectory() as tmp, pytest.MonkeyPatch.context() as monkeypatch:
        async with running_world(Path(tmp), monkeypatch, route_limits=CHANNEL_SENDS,
                                 **pacing) as bot:
            names = [f"person{n}" for n in range(people)]
            members = [await bot.dc.add_member(name) for name in names]
            shared = [await bot.dc.send_message(member, f"this one {REEL.original}")
                      for member in members]
            ids = {m["id"] for m in shared}

            def statuses(world: World = bot) -> list[Json]:
                return [m for m in world.bot_messages() if m["reply_to"] in ids]

            await bot.dc.wait_for(lambda: len(statuses()) == people
                                  and all(done(m) for m in statuses()), 120)
            transcript = bot.dc.transcript()
    start = at(shared[0]["id"])
    by_id = {m["id"]: m for m in transcript}
    mine = [m for m in transcript if m["author"]["id"] == bot.dc.bot_id]
    status_of = {m["reply_to"]: m for m in mine if m["reply_to"] in ids}
    first = []
    for name, message in zip(names, shared, strict=True):
        signs = [at(r["order"]) for r in by_id[message["id"]]["reactions"]]
        signs.append(at(status_of[message["id"]]["id"]))
        signs += [at(m["id"]) for m in mine if re.search(rf"\b{name}\b", first_text(m))]
        first.append(min(signs) - start)
    posted = [at(m["id"]) - start for m in status_of.values()]
    answered = [answered_at(m) - start for m in status_of.values()]
    return {"people": str(people), "last first sign of life": f"{max(first):.2f} s",
            "within 2 s": f"{sum(t <= 2.0 for t in first)} of {people}",
            "last status message": f"{max(posted):.2f} s",
            "last answer": f"{max(answered):.2f} s",
            "messages sent": str(len(mine)),
            "reactions": str(sum(len(by_id[m["id"]]["reactions"]) for m in shared))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--instant-edits", action="store_true",
                        help="Stash's own edit pacing takes no time (as in the e2e test)")
    args = parser.parse_args()
    for key, value in asyncio.run(run(args.people, instant_edits=args.instant_edits)).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
