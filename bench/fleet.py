"""Real Stash processes for the benchmarks (`stash run`, `stash worker` under bench/stash_probe),
a throwaway PostgreSQL database and a Redis queue of the run's own; each process's memory read
from /proc while it runs, or reported by the process itself on a signal."""

from __future__ import annotations

import asyncio
import json
import secrets
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import asyncpg

PROBE = Path(__file__).with_name("stash_probe.py")
POSTGRES = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/0"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Member:
    """One Stash process, its web port and its reports folder."""

    name: str
    process: asyncio.subprocess.Process
    base: str
    folder: Path

    def rss(self) -> dict[str, float]:
        """Current and peak RSS in MB, read from outside."""
        lines = Path(f"/proc/{self.process.pid}/status").read_text().splitlines()
        fields = dict(line.split(":", 1) for line in lines)
        return {k: int(fields[k].split()[0]) / 1024 for k in ("VmRSS", "VmHWM")}

    async def report(self, collect: bool = False) -> dict[str, Any]:
        """The process's own memory report (a full collection first with `collect`)."""
        n = len(list(self.folder.glob("report-*.json")))
        self.process.send_signal(signal.SIGUSR2 if collect else signal.SIGUSR1)
        path = self.folder / f"report-{n}.json"
        for _ in range(600):
            if path.exists():
                return dict(json.loads(path.read_text()))
            await asyncio.sleep(0.05)
        raise TimeoutError(f"{self.name} wrote no memory report")

    async def ready(self, timeout: float = 120) -> None:  # noqa: ASYNC109
        async with aiohttp.ClientSession() as session:
            for _ in range(int(timeout / 0.2)):
                if self.process.returncode is not None:
                    log = (self.folder / "stderr.log").read_text(errors="replace")
                    raise RuntimeError(f"{self.name} exited: {log[-2000:]}")
                try:
                    async with session.get(self.base + "/readyz") as response:
                        if response.status == 200:
                            return
                except aiohttp.ClientConnectionError:
                    pass
                await asyncio.sleep(0.2)
        raise TimeoutError(f"{self.name} never became ready")

    async def stop(self) -> None:
        if self.process.returncode is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(self.process.wait(), 60)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()


async def start(name: str, folder: Path, env: dict[str, str], *args: str,
                trace: bool = False) -> Member:
    """`stash ARGS` (e.g. "run", "--fronts", "telegram,web") with its own HTTP port."""
    port = free_port()
    mine = folder / name
    mine.mkdir(parents=True, exist_ok=True)
    env = {**env, "HTTP_PORT": str(port), "WORKER_HTTP_PORT": str(port),
           "STASH_PROBE_OUT": str(mine), **({"PYTHONTRACEMALLOC": "1"} if trace else {})}
    with (mine / "stderr.log").open("wb") as err:
        process = await asyncio.create_subprocess_exec(
            sys.executable, str(PROBE), *args, env=env,
            stdout=asyncio.subprocess.DEVNULL, stderr=err)
    return Member(name, process, f"http://127.0.0.1:{port}", mine)


@asynccontextmanager
async def postgres_database() -> AsyncIterator[str]:
    """A database of this run's own (no disk flush on commit), dropped at the end."""
    name = f"stash_bench_{secrets.token_hex(6)}"
    await _admin(f'CREATE DATABASE "{name}"',
                 f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(*statements: str) -> None:
    connection = await asyncpg.connect(f"{POSTGRES}/postgres", timeout=5)
    try:
        for statement in statements:
            await connection.execute(statement)
    finally:
        await connection.close()


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
