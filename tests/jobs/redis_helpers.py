"""The real Redis on 127.0.0.1:6379 for distributed-mode tests: a queue name per test run, its
keys removed afterwards; and a TCP relay in front of Redis that a test can cut and restore."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator

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
