"""Real Stash processes for the benchmarks (`stash run`, `stash worker` under bench/stash_probe,
launched as the end-to-end tests launch theirs: sandbox/processes.py) and a Redis queue of the
run's own (the throwaway database is sandbox/databases.py's); each process's memory read from
/proc while it runs, or reported by the process itself on a signal."""

from __future__ import annotations

import asyncio
import json
import secrets
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sandbox.processes import Launched, free_port, launch

PROBE = Path(__file__).with_name("stash_probe.py")
REDIS_URL = "redis://127.0.0.1:6379/0"


def rss(member: Launched) -> dict[str, float]:
    """A process's current and peak RSS in MB, read from outside."""
    lines = Path(f"/proc/{member.process.pid}/status").read_text().splitlines()
    fields = dict(line.split(":", 1) for line in lines)
    return {k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}


async def report(member: Launched, collect: bool = False) -> dict[str, Any]:
    """The process's own memory report (a full collection first with `collect`), written
    beside its log."""
    folder = member.log.parent
    n = len(list(folder.glob("report-*.json")))
    member.process.send_signal(signal.SIGUSR2 if collect else signal.SIGUSR1)
    path = folder / f"report-{n}.json"
    for _ in range(600):
        if path.exists():
            return dict(json.loads(path.read_text()))
        await asyncio.sleep(0.05)
    raise TimeoutError(f"{member.name} wrote no memory report")


async def start(name: str, folder: Path, env: dict[str, str], *args: str,
                trace: bool = False) -> Launched:
    """`stash ARGS` (e.g. "run", "--fronts", "telegram,web") under the probe, with its own HTTP
    port; its log and memory reports in folder/NAME."""
    port = free_port()
    mine = folder / name
    mine.mkdir(parents=True, exist_ok=True)
    env = {**env, "HTTP_PORT": str(port), "WORKER_HTTP_PORT": str(port),
           "STASH_PROBE_OUT": str(mine), **({"PYTHONTRACEMALLOC": "1"} if trace else {})}
    return await launch(name, [sys.executable, str(PROBE), *args], env, mine / "stderr.log", port)


@asynccontextmanager
async def redis_queue() -> AsyncIterator[str]:
    """A queue name of this run's own; its keys deleted at the end."""
    from redis.asyncio import Redis

    name = f"bench-{secrets.token_hex(6)}"
    try:
        yield name
    finally:
        client = Redis.from_url(REDIS_URL)
        for pattern in (f"saq:{name}:*", f"saq:job:{name}:*", f"stash:{name}*", f"*{name}*"):
            keys = [key async for key in client.scan_iter(match=pattern, count=1000)]
            if keys:
                await client.delete(*keys)
        await client.aclose()
