"""Redis for distributed-mode tests: the shared server on 127.0.0.1:6379 with a queue name per
test run (its keys removed afterwards), a TCP relay in front of it that a test can cut and
restore, and a private redis-server a test may flush or restart."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import shutil
import socket
from collections.abc import AsyncIterator
from pathlib import Path

from redis import asyncio as aioredis
from redis.exceptions import RedisError

from tests.relay import TcpRelay
from tests.services import missing

REDIS_URL = "redis://127.0.0.1:6379/0"


async def redis_or_skip() -> aioredis.Redis:
    client = aioredis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        await client.ping()
    except (RedisError, OSError):
        await client.aclose()
        missing("Redis", "run redis-server on 127.0.0.1:6379")
    return client


@contextlib.asynccontextmanager
async def queue_name() -> AsyncIterator[str]:
    """A fresh saq queue name; every key under it is deleted at the end."""
    client = await redis_or_skip()
    name = "stash-test-" + secrets.token_hex(6)
    try:
        yield name
    finally:
        keys = [key async for key in client.scan_iter(match=f"saq:{name}:*", count=500)]
        keys += [key async for key in client.scan_iter(match=f"saq:job:{name}:*", count=500)]
        keys += [key async for key in client.scan_iter(match=f"stash:{name}:*", count=500)]
        if keys:
            await client.delete(*keys)
        await client.aclose()


class RedisRelay(TcpRelay):
    """127.0.0.1:port → the Redis on 6379, to cut and restore (see TcpRelay)."""

    def __init__(self, port: int = 0) -> None:
        super().__init__(6379, port)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def __aenter__(self) -> RedisRelay:
        await self.restore()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.cut()


class PrivateRedis:
    """A redis-server of one test's own on a free port, with nothing on disk: a test may flush
    it, stop it and start it again (empty, as a restart without persistence leaves it)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self._process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def start(self) -> None:
        server = shutil.which("redis-server")
        if server is None:
            missing("redis-server", "install Redis (its redis-server binary on PATH)")
        self._process = await asyncio.create_subprocess_exec(
            server, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", "no", "--dir", str(self.folder),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL)
        client = aioredis.from_url(self.url, socket_connect_timeout=1)
        try:
            for _ in range(100):
                with contextlib.suppress(RedisError, OSError):
                    if await client.ping():
                        return
                await asyncio.sleep(0.05)
        finally:
            await client.aclose()
        raise AssertionError("the private redis-server never answered")

    async def stop(self) -> None:
        if self._process is not None and self._process.returncode is None:
            self._process.kill()
            await self._process.wait()

    async def flushall(self) -> None:
        client = aioredis.from_url(self.url)
        try:
            await client.flushall()
        finally:
            await client.aclose()
