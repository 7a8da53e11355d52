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
    """

    def __init__(self, per_minute: float, burst: int, windows: MovingWindowRateLimiter,
                 key: str) -> None:
        super().__init__(per_minute, burst)
        self._windows = windows
        self._item = RateLimitItemPerMinute(max(1, math.floor(per_minute)))
        self._key = key

    async def acquire(self, who: Hashable = None, deadline: float = math.inf,
                      queued: Callable[[float], Awaitable[None]] | None = None) -> bool:
        if not await super().acquire(who, deadline, queued):
            return False
        while True:
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
