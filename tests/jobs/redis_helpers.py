"""The real Redis on 127.0.0.1:6379 for distributed-mode tests: a queue name per test run, its
keys removed afterwards; and a TCP relay in front of Redis that a test can cut and restore."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator

from redis import asyncio as aioredis
from redis.exceptions import RedisError

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


class RedisRelay:
    """127.0.0.1:port → Redis. `cut()` closes the port and every connection through it (as an
    outage looks to a client); `restore()` listens on the same port again."""

    def __init__(self, port: int = 0) -> None:
        self.port = port
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    async def restore(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
        self.port = self._server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", 6379)
        except OSError:
            writer.close()
            return
        pipes = [asyncio.create_task(_pipe(reader, up_writer)),
                 asyncio.create_task(_pipe(up_reader, writer))]
        self._pipes.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pipe in pipes:
                pipe.cancel()
                self._pipes.discard(pipe)
            for w in (writer, up_writer):
                w.close()

    async def __aenter__(self) -> RedisRelay:
        await self.restore()
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.cut()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
