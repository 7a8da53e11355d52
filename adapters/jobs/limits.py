"""Limits shared by every process through Redis, with `limits` (a maintained library: moving
windows in Redis without Lua of our own): each person's links a minute across the fronts, and
Shazam's budget across the workers behind one egress address.

Both fail open when Redis does not answer: each process's own limits still hold meanwhile, and
a share is never refused because the limiter's store is down.
"""

from __future__ import annotations

import asyncio
import logging
import math
import time
from collections.abc import Awaitable, Callable, Hashable

from limits import RateLimitItemPerMinute
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from redis.asyncio import Redis

from adapters.jobs.queue import UNREACHABLE
from adapters.recognition.budget import RequestBudget
from core.models import UserKey

log = logging.getLogger(__name__)


def limiter(redis_url: str, prefix: str) -> MovingWindowRateLimiter:
    """A moving-window limiter whose keys start with `prefix` on the Redis at `redis_url`."""
    storage = RedisStorage("async+" + redis_url, implementation="redispy", key_prefix=prefix,
                           socket_connect_timeout=2.0, socket_timeout=5.0)
    return MovingWindowRateLimiter(storage)


class SharedShareLimit:
    """A ShareGate: at most `per_minute` shares per person in any 60 seconds, all fronts."""

    def __init__(self, windows: MovingWindowRateLimiter, per_minute: int) -> None:
        self._windows = windows
        self._item = RateLimitItemPerMinute(per_minute)

    async def admit(self, user: UserKey) -> bool:
        try:
            return await self._windows.hit(self._item, "links", user.platform, user.user_id)
        except UNREACHABLE as err:
            log.warning("the shared share limit is unreachable (%s)", type(err).__name__)
            return True


class SharedBudget(RequestBudget):
    """Shazam's budget for every worker sharing `key` (one egress address).

    People first take turns in this worker (the fair queue of RequestBudget, carried across
    processes by the requester of each job), then the turn takes a slot of the shared moving
    window; when none is free it waits for the window to move, within the request's deadline.
    A 429 seen by one worker pauses every worker with the key (Shazam answers the address).
    """

    def __init__(self, per_minute: float, burst: int, windows: MovingWindowRateLimiter,
                 key: str, redis: Redis, prefix: str) -> None:
        super().__init__(per_minute, burst)
        self._windows = windows
        self._item = RateLimitItemPerMinute(max(1, math.floor(per_minute)))
        self._key = key
        self._redis = redis
        self._pause_key = f"{prefix}:shazam-pause:{key}"
        self._told: set[asyncio.Task[None]] = set()

    def pause(self, seconds: float) -> None:
        super().pause(seconds)
        task = asyncio.get_running_loop().create_task(self._share_pause(seconds))
        self._told.add(task)
        task.add_done_callback(self._told.discard)

    async def _share_pause(self, seconds: float) -> None:
        try:
            if await self._redis.pttl(self._pause_key) < seconds * 1000:
                await self._redis.set(self._pause_key, "1", px=max(1, int(seconds * 1000)))
        except UNREACHABLE as err:
            log.warning("could not share a Shazam pause (%s)", type(err).__name__)

    async def _paused_for(self) -> float:
        """Seconds until another worker's 429 pause ends (0 when none, or Redis is down)."""
        try:
            left = await self._redis.pttl(self._pause_key)
        except UNREACHABLE:
            return 0.0
        return max(0, left) / 1000

    async def acquire(self, who: Hashable = None, deadline: float = math.inf,
                      queued: Callable[[float], Awaitable[None]] | None = None) -> bool:
        if not await super().acquire(who, deadline, queued):
            return False
        while True:
            paused = await self._paused_for()
            if paused > 0:
                if self.now() + paused > deadline:
                    return False
                await asyncio.sleep(paused)
                continue
            try:
                if await self._windows.hit(self._item, "shazam", self._key):
                    return True
                stats = await self._windows.get_window_stats(self._item, "shazam", self._key)
            except UNREACHABLE as err:
                log.warning("the shared Shazam budget is unreachable (%s)", type(err).__name__)
                return True
            wait = max(0.05, stats.reset_time - time.time())
            if self.now() + wait > deadline:
                return False
            await asyncio.sleep(wait)
