"""A fleet: N people share one reel through real fronts, then D people each share a different
reel, over the same processes.

Run: python bench/bench_fleet.py [--people 10000] [--replicas 4] [--workers 4] [--reels 1000]
     [--env NAME=VALUE ...]   (figures printed, never asserted; --people 0: reels only)

K `stash run --fronts telegram,web` processes (python-telegram-bot, webhook mode) behind a
round-robin forwarder (a process of its own), M `stash worker` processes, one PostgreSQL database
and one Redis queue of the run's own. Every outside service is a stand-in in a process of its own
(bench/fleet_world.py): Telegram with its flood limits off (Stash's own send budget still paces,
shared in Redis by the replicas), media, Shazam and Spotify. The people's Spotify accounts are
seeded straight into the database through the project's storage API and token cipher, with
tokens the Spotify stand-in issued, instead of through the OAuth flow (10,000 OAuth dances would
take longer than the herd). Times are the Telegram stand-in's: "first status" when it accepted
the first message in a person's chat, "answered" when it accepted the result.

The D reels are D different songs (bench/fleet_catalogue.py: each its own audio, title, artist,
ISRC and Spotify track), each clip encoded once before the round as a platform's CDN holds it.
Where their time goes: the stage durations every process exports, and per person the record
saq keeps of their job (bench/fleet_timing.py): share to queued, queue wait, in a worker,
finished to answered.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
from collections import Counter, defaultdict
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import aiohttp
from cryptography.fernet import Fernet

sys.path.insert(0, str(Path(__file__).parent))  # beside this file

from bench_memory import environment
from fleet import REDIS_URL, redis_queue, rss, start
from fleet_timing import JobRecords, cpu_seconds, pct, peak_rss, show_cpu, show_spans, spans
from fleet_world import bot_token, fleet_world, forwarder

from adapters.crypto import TokenCipher
from adapters.storage import SqlAccountStore, SqlStore
from bot.parts import open_storage
from bot.settings import load_settings
from core.models import UserKey
from sandbox.databases import throwaway_database
from sandbox.processes import Launched, free_port

HERD_FIRST, REELS_FIRST = 20_000_000, 30_000_000
STAGE = r'stash_stage_duration_seconds_(sum|count)\{stage="(\w+)"\} (\S+)'


async def seed(env: dict[str, str], control: str, ids: list[int]) -> None:
    """Linked Spotify accounts for `ids`, written through the storage API (not timed)."""
    settings = load_settings(_env_file=None, database_url=env["DATABASE_URL"],
                             token_encryption_keys=env["TOKEN_ENCRYPTION_KEYS"])
    cipher = TokenCipher([env["TOKEN_ENCRYPTION_KEYS"]])
    database = await open_storage(settings)
    accounts = SqlAccountStore(database)
    try:
        async with aiohttp.ClientSession() as session:
            for at in range(0, len(ids), 1000):
                async with session.post(f"{control}/seed", json={"ids": ids[at:at + 1000]}) as r:
                    tokens = await r.json()
                for user_id, info in tokens.items():
                    user = UserKey("telegram", user_id)
                    await accounts.save_account(user, f"listener{user_id}",
                                                f"Listener {user_id}", cipher.encrypt(user, info))
    finally:
        await database.close()


async def outcomes(env: dict[str, str], ids: list[int]) -> dict[int, Counter[str]]:
    """The outcomes in each history of `ids` (each should have one: added), and under the key
    0 the distinct tracks and links among them."""
    settings = load_settings(_env_file=None, database_url=env["DATABASE_URL"])
    database = await open_storage(settings)
    try:
        store, found, distinct = SqlStore(database), {}, Counter[str]()
        uris, urls = set(), set()
        for user_id in ids:
            entries = await store.history(UserKey("telegram", str(user_id)), 5)
            found[user_id] = Counter(e.outcome for e in entries)
            uris.update(e.track_uri for e in entries if e.track_uri)
            urls.update(e.url for e in entries)
        distinct.update(tracks=len(uris), links=len(urls))
        return {0: distinct, **found}
    finally:
        await database.close()


async def scrape(members: list[Launched]) -> dict[str, dict[str, float]]:
    """Outside calls by service, and stage time sums and counts, over every process."""
    calls: dict[str, float] = defaultdict(float)
    stage_sum: dict[str, float] = defaultdict(float)
    stage_count: dict[str, float] = defaultdict(float)
    async with aiohttp.ClientSession() as session:
        for member in members:
            async with session.get(member.base + "/metrics") as page:
                text = await page.text()
            for line in text.splitlines():
                if m := re.match(r'stash_outside_calls_total\{.*service="(\w+)".*\} (\S+)', line):
                    calls[m[1]] += float(m[2])
                elif m := re.match(r'stash_shares_resumed_total\{.*\} (\S+)', line):
                    calls["resumed"] += float(m[1])
                elif m := re.match(STAGE, line):
                    (stage_sum if m[1] == "sum" else stage_count)[m[2]] += float(m[3])
    return {"calls": calls, "stage_sum": stage_sum, "stage_count": stage_count}


async def share(control: str, route: str, body: dict[str, Any]) -> dict[str, Any]:
    """A control route's answer; after a round, with the playlists' entries."""
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=None)) as session:
        async with session.post(f"{control}/{route}", json=body) as response:
            response.raise_for_status()
            answer = dict(await response.json())
        if route in ("herd", "reels"):
            async with session.post(f"{control}/entries", json={}) as response:
                answer["entries"] = await response.json()
        return answer


def difference(after: dict[str, dict[str, float]], before: dict[str, dict[str, float]]
               ) -> dict[str, dict[str, float]]:
    return {k: {n: v - before[k].get(n, 0) for n, v in after[k].items()} for k in after}


def show_round(name: str, n: int, seen: dict[str, Any], each: dict[int, Counter[str]],
               outside: dict[str, dict[str, float]], links: dict[str, str] | None = None
               ) -> None:
    answered, last = seen["answered"], max(seen["answered"], default=float("nan"))
    distinct = each.pop(0)
    got = sum(each.values(), Counter[str]())
    odd = [p for p, c in each.items() if c != Counter(added=1)]
    calls = outside["calls"]
    print(f"{name}: {len(answered)}/{n} answered, outcomes {dict(got)}, Bot API calls per person "
          f"{seen['writes'] / n:.2f} ({seen.get('paid', 0)} paid); "
          f"first status p50 {pct(seen['first'], 50):.2f} s, "
          f"p95 {pct(seen['first'], 95):.2f} s; last answer {last:.1f} s "
          f"({n / last:.1f} a second); media/shazam/search calls "
          + "/".join(f"{calls.get(s, 0):.0f}" for s in ("media", "shazam", "spotify_search"))
          + f"; {distinct['links']} links, {distinct['tracks']} tracks in the histories; "
          f"{calls.get('resumed', 0):.0f} shares taken over from another replica; Spotify "
          f"playlists: {seen['entries']['entries']} tracks, {seen['entries']['twice']} twice")
    if links and odd:
        print("  not added once: " + ", ".join(f"{links[str(p)]} {dict(each[p])}"
                                                for p in odd[:5]))
    stages = outside["stage_count"]
    print("  where the time goes (mean per stage, over every process): " + ", ".join(
        f"{s} {outside['stage_sum'][s] / c:.2f} s x{c:.0f}"
        for s, c in sorted(stages.items(), key=lambda kv: -outside["stage_sum"][kv[0]]) if c))


async def run(args: argparse.Namespace) -> None:
    token = bot_token()
    async with AsyncExitStack() as stack:
        info, world_pid = await stack.enter_async_context(fleet_world(token, args.reels,
                                                                        args.parallel_webhook))
        database = await stack.enter_async_context(throwaway_database("stash_bench"))
        queue = await stack.enter_async_context(redis_queue())
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="stash-fleet-")))
        port = free_port()
        env = {**environment(info, database, Fernet.generate_key().decode()),
               "TELEGRAM_BOT_TOKEN": token, "REDIS_URL": REDIS_URL, "REDIS_QUEUE": queue,
               "SHAZAM_BUDGET_KEY": queue, "SHAZAM_REQUESTS_PER_MINUTE": str(args.shazam_rpm),
               "TELEGRAM_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram",
               "LINKS_PER_MINUTE": "100000",
               **dict(e.split("=", 1) for e in args.env)}
        herd_ids = list(range(HERD_FIRST, HERD_FIRST + args.people))
        reel_ids = list(range(REELS_FIRST, REELS_FIRST + args.reels))
        await seed(env, info["control"], herd_ids + reel_ids)
        links = {str(p): link for p, link in zip(reel_ids, info["reel_links"], strict=True)}
        if links:
            warm = await share(info["control"], "warm", {"links": list(links.values()),
                                                        "at_once": 2})
            print(f"{len(links)} reels encoded beforehand in {warm['seconds']:.0f} s "
                  f"({warm['megabytes']:.0f} MB, {warm['failed']} failed)")
        workers = [await start(f"worker-{n}", folder, env, "worker") for n in range(args.workers)]
        replicas = [await start(f"replica-{n}", folder, env, "run", "--fronts", "telegram,web")
                    for n in range(args.replicas)]
        members = workers + replicas
        stack.push_async_callback(lambda: asyncio.gather(*(m.stop() for m in members)))
        for member in members:
            await member.ready()
        forwarder_pid = await stack.enter_async_context(
            forwarder(port, [r.base for r in replicas]))
        pids = {**{m.name: m.process.pid for m in members}, "stand-ins": world_pid,
                "forwarder": forwarder_pid}
        control = info["control"]
        print(f"{args.people} people, {args.replicas} replicas, {args.workers} workers, "
              f"{args.reels} reels, webhook {'parallel' if args.parallel_webhook else 'serial'}"
              f"; load average {os.getloadavg()[0]:.1f} at start")
        after, used = await scrape(members), cpu_seconds(pids)
        if args.people:
            seen = await share(control, "herd", {"ids": herd_ids, "link": info["herd_link"],
                                                 "patience": 120 + args.people / 5})
            before, after = after, await scrape(members)
            show_round("one reel", args.people, seen, await outcomes(env, herd_ids),
                       difference(after, before))
            used = show_cpu(used, cpu_seconds(pids))
        if links:
            async with JobRecords(queue) as records:
                seen = await share(control, "reels", {"links": links,
                                                      "patience": 300 + args.reels})
            show_round("different reels", len(links), seen, await outcomes(env, reel_ids),
                       difference(await scrape(members), after), links)
            show_spans(spans(seen, reel_ids, records.by_person()))
            show_cpu(used, cpu_seconds(pids))
        print(f"load average {os.getloadavg()[0]:.1f} at the end; peak RSS (MB): " + ", ".join(
            f"{m.name} {rss(m)['VmHWM']:.0f}" for m in members)
            + f", stand-ins {peak_rss(world_pid):.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--replicas", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--reels", type=int, default=1000, help="different reels at once")
    parser.add_argument("--shazam-rpm", type=int, default=6000,
                        help="the Shazam budget (SHAZAM_REQUESTS_PER_MINUTE) for D reels")
    parser.add_argument("--parallel-webhook", action="store_true",
                        help="updates delivered up to 40 at once, as Telegram does (the "
                             "stand-in's own delivery: one at a time)")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="a setting for every Stash process (repeatable)")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
