"""Memory of real Stash processes: `stash run` idle with both chat fronts and the web server,
`stash worker` idle (Redis and PostgreSQL), and `stash run` after a herd of people shares one
reel (and after a full garbage collection), with what stayed held.

Run: python bench/bench_memory.py [--herd 1000] [--trace] [--env NAME=VALUE ...]
(figures printed, never asserted)

Every outside service is a stand-in: Telegram (flood limits off), media, Shazam and Spotify in
a process of their own (bench/herd_world.py), Discord in this one. The processes are started as
an operator starts them, under bench/stash_probe.py, which writes a memory report (RSS, live
objects by type, big libraries loaded) on a signal. The herd's accounts are linked through the
OAuth flow (in this process, on the same database) before the front starts. --trace runs the
front under tracemalloc (slower, more memory) and prints where the memory held after the herd
was allocated.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import tracemalloc
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).parent))  # beside this file

from bench_herd import connect_people
from fleet import REDIS_URL, redis_queue, report, start
from herd_world import TOKEN, Remote, world_process

from bot.bootstrap import build_front
from bot.settings import Settings, load_settings
from sandbox.databases import throwaway_database
from sandbox.discord import DiscordStandIn
from sandbox.discord.standin import FAKE_BOT_TOKEN
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET


def environment(info: dict[str, str], database_url: str, key: str) -> dict[str, str]:
    """The settings an operator would give, pointed at the stand-ins."""
    return {"PATH": os.environ.get("PATH", ""), "HOME": os.environ.get("HOME", ""),
            "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_BASE_URL": info["telegram"],
            "SPOTIFY_CLIENT_ID": SANDBOX_CLIENT_ID,
            "SPOTIFY_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
            "SPOTIFY_API_BASE_URL": info["spotify_api"],
            "SPOTIFY_ACCOUNTS_BASE_URL": info["spotify_accounts"],
            "SHAZAM_API_BASE_URL": info["shazam"], "SHAZAM_REQUESTS_PER_MINUTE": "120",
            "MEDIA_EXTRA_HOSTS": info["media_host"], "TOKEN_ENCRYPTION_KEYS": key,
            "DATABASE_URL": database_url, "LINKS_PER_MINUTE": "1000", "LOG_LEVEL": "WARNING"}


async def link(env: dict[str, str], world: Remote, size: int) -> list[int]:
    """`size` people with linked Spotify accounts, through the OAuth flow (not measured)."""
    settings = load_settings(_env_file=None, **{k.lower(): v for k, v in env.items()
                                                if k.lower() in Settings.model_fields})
    async with build_front(settings) as app:
        return await connect_people(app, world, size)


async def idle_front(env: dict[str, str], folder: Path, discord: DiscordStandIn,
                     rows: dict[str, Any]) -> None:
    both = {**env, "DISCORD_BOT_TOKEN": FAKE_BOT_TOKEN, "DISCORD_API_BASE_URL": discord.base_url}
    member = await start("front-both", folder, both, "run")
    try:
        await member.ready()
        await asyncio.sleep(3)
        rows["idle front (telegram+discord+web)"] = await report(member, collect=True)
    finally:
        await member.stop()


async def idle_worker(env: dict[str, str], folder: Path, rows: dict[str, Any]) -> None:
    async with throwaway_database("stash_bench") as database, redis_queue() as queue:
        work = {**env, "DATABASE_URL": database, "REDIS_URL": REDIS_URL, "REDIS_QUEUE": queue,
                "SHAZAM_BUDGET_KEY": queue}
        member = await start("worker", folder, work, "worker")
        try:
            await member.ready()
            await asyncio.sleep(3)
            rows["idle worker (redis+postgresql)"] = await report(member, collect=True)
        finally:
            await member.stop()


async def herd(env: dict[str, str], folder: Path, world: Remote, people: list[int],
               rounds: int, trace: bool, settle: float, rows: dict[str, Any]) -> None:
    member = await start("front-herd", folder, env, "run", "--fronts", "telegram,web",
                         trace=trace)
    try:
        await member.ready()
        await asyncio.sleep(3)
        rows["idle front (telegram+web)"] = await report(member, collect=True)
        for n in range(1, rounds + 1):
            seen = await world.call("herd", ids=people, link=world.info["herd_link"],
                                    patience=60 + len(people) / 5)
            print(f"herd {n}: {len(seen['answered'])} of {len(people)} answered, last "
                  f"{max(seen['answered'], default=float('nan')):.1f} s", file=sys.stderr)
            await asyncio.sleep(2)
            rows[f"after herd {n}"] = await report(member)
            rows[f"after herd {n} + gc"] = await report(member, collect=True)
        if settle:  # per-person bookkeeping goes at the first share a minute after the herd
            await asyncio.sleep(settle)
            await world.call("herd", ids=people[:1], link=world.info["herd_link"], patience=60)
            rows[f"{settle:.0f} s later, one share + gc"] = await report(member, collect=True)
    finally:
        await member.stop()


def show(rows: dict[str, Any]) -> None:
    print(f"{'process':<36} {'RSS MB':>7} {'peak MB':>8} {'objects':>9} {'threads':>7}  "
          "libraries loaded")
    for name, r in rows.items():
        print(f"{name:<36} {r['VmRSS'] / 1024:>7.1f} {r['VmHWM'] / 1024:>8.1f} "
              f"{r['objects']:>9} {r['Threads']:>7}  {','.join(r['libraries'])}"
              + (f"  (traced {r['traced'][0] / 2**20:.1f} MB, peak {r['traced'][1] / 2**20:.1f})"
                 if r["traced"][1] else ""))
    held, after = rows.get("after herd 1"), rows.get("after herd 1 + gc")
    if held and after:
        garbage = {t: held["types"].get(t, 0) - after["types"].get(t, 0) for t in held["types"]}
        top = sorted(garbage.items(), key=lambda kv: -kv[1])[:15]
        print(f"cyclic garbage a full collection freed after the herd ({after['collected']} "
              "objects): " + ", ".join(f"{t} {n}" for t, n in top if n > 0))
    idle = rows.get("idle front (telegram+web)")
    if idle and after:
        grown = {t: after["types"].get(t, 0) - idle["types"].get(t, 0)
                 for t in set(after["types"]) | set(idle["types"])}
        top = sorted(grown.items(), key=lambda kv: -kv[1])[:15]
        print("live objects grown over the herd (after gc): "
              + ", ".join(f"{t} +{n}" for t, n in top if n > 0))


def traced(folder: Path) -> None:
    """Where the memory held after the first herd (after gc) was allocated, beyond idle's."""
    member = folder / "front-herd"
    idle, after = (tracemalloc.Snapshot.load(str(member / f"report-{n}.trace")) for n in (0, 2))
    print("allocations grown over the herd (tracemalloc, after gc):")
    for stat in after.compare_to(idle, "lineno")[:20]:
        print(f"  {stat.size_diff / 1024:>9.1f} KiB {stat.count_diff:>+7}  {stat.traceback}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herd", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2, help="herds, one after another")
    parser.add_argument("--trace", action="store_true", help="tracemalloc in the front")
    parser.add_argument("--settle", type=float, default=65,
                        help="seconds after the herds before one more share (0: none)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting or variable for every Stash process (repeatable)")
    args = parser.parse_args()
    rows: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="stash-memory-") as name:
        folder = Path(name)
        async with AsyncExitStack() as stack:
            world = await stack.enter_async_context(world_process(flood=False))
            discord = await stack.enter_async_context(DiscordStandIn())
            env = environment(world.info, f"sqlite:///{folder / 'stash.db'}",
                              Fernet.generate_key().decode()) | dict(
                                  e.split("=", 1) for e in args.env)
            people = await link(env, world, args.herd)
            await idle_front(env, folder, discord, rows)
            await idle_worker(env, folder, rows)
            await herd(env, folder, world, people, args.rounds, args.trace, args.settle, rows)
        show(rows)
        if args.trace:
            traced(folder)


if __name__ == "__main__":
    asyncio.run(main())
