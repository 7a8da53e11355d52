"""Distributed mode under a herd: many front and worker processes on one Redis queue.

Fronts are processes running the real service (core Stash and Identifier) with the real queue
runner (adapters/jobs); workers are processes running a real saq worker with the real job
function and core Identifier. Only the outside services are stand-ins, with injected latency:
media 800 ms, Shazam 600 ms, Spotify search 150 ms (pure waits: no audio is cut or signed, so
the figures show the coordination, not ffmpeg's CPU). Every process shares one SQLite file
(the identification cache) and a queue of this run's own on the Redis at 127.0.0.1:6379.

Run: python bench/bench_distributed.py [--herd 10000] [--links 500] [--fronts 4] [--workers 4]
One run, figures printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REDIS_URL = "redis://127.0.0.1:6379/0"
LATENCY = {"media": 0.8, "shazam": 0.6, "spotify": 0.15}
CONCURRENCY = 16  # jobs one worker runs at once (WORKER_CONCURRENCY)


def link(n: int):  # type: ignore[no-untyped-def]
    from core.models import Link, Platform

    url = f"https://media.example/clip/bench-{n}.m4a"
    return Link(Platform.DIRECT, f"bench-{n}", url, url)


class _Quiet:
    async def stage(self, stage: object, detail: str = "") -> None:
        return None


class _Slow:
    """Media, Shazam and Spotify stand-ins that only wait, and count their calls."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()

    async def resolve(self, link):  # type: ignore[no-untyped-def]
        return link

    async def fetch(self, link, window=0):  # type: ignore[no-untyped-def]
        from core.models import AudioClip

        self.calls["fetches"] += 1
        await asyncio.sleep(LATENCY["media"])
        return AudioClip(b"\0" * 1024, "m4a", window, final_window=True)

    async def recognize(self, clip, progress=None):  # type: ignore[no-untyped-def]
        from core.models import Recognition

        self.calls["recognitions"] += 1
        await asyncio.sleep(LATENCY["shazam"])
        return Recognition("Golden Hour", ("JVKE",), isrc="USA2B2200100")

    async def search(self, query, limit=10):  # type: ignore[no-untyped-def]
        from core.models import CatalogTrack

        self.calls["searches"] += 1
        await asyncio.sleep(LATENCY["spotify"])
        return [CatalogTrack("spotify:track:1", "Golden Hour", ("JVKE",), isrc="USA2B2200100")]

    async def add(self, user, track):  # type: ignore[no-untyped-def]
        raise AssertionError("the bench delivers nothing")


async def _stash(database: str, runner: object = None):  # type: ignore[no-untyped-def]
    from adapters.storage import SqlStore, open_database
    from core.service import Policy, Stash

    engine = await open_database(database)
    slow = _Slow()
    stash = Stash(fetcher=slow, recognizer=slow, catalog=slow, playlists=slow,
                  store=SqlStore(engine), runner=runner,  # type: ignore[arg-type]
                  policy=Policy(workers=CONCURRENCY))  # as bot/bootstrap.py sets a worker's
    return engine, stash, slow


async def front(database: str, queue_name: str, links: list[int]) -> dict[str, object]:
    """Wait for "go", identify every link at once, report when the last one was answered."""
    from adapters.jobs.queue import JobLimits, open_queue
    from adapters.jobs.runner import QueuedIdentifications

    queue = open_queue(REDIS_URL, queue_name, heartbeat=10)
    runner = QueuedIdentifications(queue, JobLimits(timeout=60, heartbeat=10))
    engine, stash, _ = await _stash(database, runner)
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    answers = await asyncio.gather(*(stash.identify(link(n), _Quiet()) for n in links),
                                   return_exceptions=True)
    last = time.time()
    failed = [a for a in answers if isinstance(a, BaseException)]
    await runner.close()
    await queue.disconnect()
    await engine.close()
    return {"last": last, "answered": len(answers) - len(failed), "failed": len(failed),
            "jobs": runner.enqueued, "joined": runner.joined, "rss_kb": _rss()}


async def worker(database: str, queue_name: str) -> dict[str, object]:
    """Take jobs until "stop" on stdin; report the outside calls made."""
    from saq import Worker
    from saq.types import PartialTimersDict

    from adapters.jobs.queue import open_queue
    from adapters.jobs.work import job_function

    queue = open_queue(REDIS_URL, queue_name, heartbeat=10)
    engine, stash, slow = await _stash(database)
    saq_worker = Worker(queue, [("identify", job_function(stash.identify, 10,
                                                          stash.links_in))],
                        concurrency=CONCURRENCY, dequeue_timeout=1.0,
                        timers=PartialTimersDict(sweep=10, abort=1, schedule=1, worker_info=5))
    saq_worker.SIGNALS = []
    task = asyncio.create_task(saq_worker.start())
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.readline)
    await saq_worker.stop()
    await asyncio.gather(task, return_exceptions=True)
    await queue.disconnect()
    await engine.close()
    return {**slow.calls, "rss_kb": _rss()}


def _rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _spawn(*args: str) -> subprocess.Popen[str]:
    process = subprocess.Popen([sys.executable, __file__, *args], stdin=subprocess.PIPE,  # noqa: S603
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "ready"
    return process


def _finish(process: subprocess.Popen[str]) -> dict[str, object]:
    assert process.stdin is not None and process.stdout is not None
    if process.poll() is None:
        process.stdin.write("\n")
        process.stdin.flush()
    return dict(json.loads(process.stdout.read().strip().splitlines()[-1]))


def _forget(queue_name: str) -> None:
    """Delete this run's keys from Redis."""
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for pattern in (f"saq:{queue_name}:*", f"saq:job:{queue_name}:*"):
        keys = list(client.scan_iter(match=pattern, count=1000))
        if keys:
            client.delete(*keys)
    client.close()


def scenario(fronts: int, workers: int, shares: list[int]) -> dict[str, object]:
    """`shares` (link numbers) spread over the fronts, identified by `workers` workers."""
    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{Path(folder) / 'bench.db'}"
        queue_name = "bench-" + secrets.token_hex(4)
        running = [_spawn("worker", database, queue_name) for _ in range(workers)]
        parts = [shares[i::fronts] for i in range(fronts)]
        front_processes = [_spawn("front", database, queue_name, json.dumps(part))
                           for part in parts]
        started = time.time()
        for process in front_processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        front_results = [_finish(p) for p in front_processes]
        worker_results = [_finish(p) for p in running]
        _forget(queue_name)
    calls = Counter[str]()
    for result in worker_results:
        calls.update({k: int(v) for k, v in result.items() if k != "rss_kb"})  # type: ignore[call-overload]
    return {
        "seconds": max(float(r["last"]) for r in front_results) - started,  # type: ignore[arg-type]
        "answered": sum(int(r["answered"]) for r in front_results),  # type: ignore[call-overload]
        "failed": sum(int(r["failed"]) for r in front_results),  # type: ignore[call-overload]
        "jobs": sum(int(r["jobs"]) for r in front_results),  # type: ignore[call-overload]
        **calls,
        "front_rss_mb": [round(int(r["rss_kb"]) / 1024) for r in front_results],  # type: ignore[call-overload]
        "worker_rss_mb": [round(int(r["rss_kb"]) / 1024) for r in worker_results],  # type: ignore[call-overload]
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("front", "worker"):
        role, database, queue_name = sys.argv[1:4]
        if role == "front":
            result = asyncio.run(front(database, queue_name, json.loads(sys.argv[4])))
        else:
            result = asyncio.run(worker(database, queue_name))
        print(json.dumps(result), flush=True)
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--herd", type=int, default=10_000)
    parser.add_argument("--links", type=int, default=500)
    parser.add_argument("--fronts", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    herd = scenario(args.fronts, args.workers, [0] * args.herd)
    print(f"herd: {args.herd} shares of one link, {args.fronts} fronts, {args.workers} workers")
    print(json.dumps(herd))
    for count in (1, 2, 4):
        result = scenario(args.fronts, count, list(range(1, args.links + 1)))
        rate = result["answered"] / float(result["seconds"])  # type: ignore[arg-type, operator]
        print(f"{args.links} distinct links, {count} worker(s) x {CONCURRENCY}: "
              f"{rate:.1f} links/s")
        print(json.dumps(result))


if __name__ == "__main__":
    main()
