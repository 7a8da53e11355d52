"""Cookie-set cool-downs shared by every worker: a login wall seen by one rests that set for all.

Each cool-down is a Redis key per cookie index that expires when the rest is over; every worker
reads them every few seconds and rests its own copy of the set as long. The sets must be the
same files under the same YTDLP_COOKIES_n index on every worker.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from types import TracebackType
from typing import Self

from redis.asyncio import Redis

from adapters.jobs.queue import UNREACHABLE
from adapters.media.cookies import CookiePool

log = logging.getLogger(__name__)

EVERY = 2.0  # seconds between reads of the shared cool-downs


class SharedCoolDowns:
    """Publishes this pool's cool-downs and applies the others' while open."""

    def __init__(self, pool: CookiePool, redis: Redis, prefix: str) -> None:
        self._pool = pool
        self._redis = redis
        self._prefix = prefix
        self._tasks: set[asyncio.Task[None]] = set()
        self._reader: asyncio.Task[None] | None = None

    def _key(self, index: int) -> str:
        return f"{self._prefix}:cookies:{index}"

    def _cooled(self, index: int, seconds: float) -> None:
        task = asyncio.create_task(self._publish(index, seconds))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _publish(self, index: int, seconds: float) -> None:
        try:
            left = await self._redis.pttl(self._key(index))
            if left < seconds * 1000:  # never shorten another worker's longer rest
                await self._redis.set(self._key(index), "1", px=max(1, int(seconds * 1000)))
        except UNREACHABLE as err:
            log.warning("could not share a cookie cool-down (%s)", type(err).__name__)

    async def apply(self) -> None:
        """Rest here every set another worker rests."""
        indexes = list(self._pool.state())
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for index in indexes:
                    pipe.pttl(self._key(index))
                lefts = await pipe.execute()
        except UNREACHABLE:
            return
        for index, left in zip(indexes, lefts, strict=True):
            if left > 0:
                self._pool.rest(index, left / 1000)

    async def _read(self) -> None:
        while True:
            await self.apply()
            await asyncio.sleep(EVERY)

    async def __aenter__(self) -> Self:
        self._pool.on_cool = self._cooled
        if not self._pool.empty:
            self._reader = asyncio.create_task(self._read(), name="shared cookie cool-downs")
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        for task in [self._reader, *self._tasks]:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
