"""A token bucket for Shazam's few requests a minute: bursts wait their turn in order."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable


class RequestBudget:
    """`per_minute` requests a minute on average, at most `burst` at once; waiters go in order."""

    def __init__(self, per_minute: float, burst: int = 1, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._interval = 60.0 / per_minute
        self._burst = burst
        self._tokens = float(burst)
        self._clock = clock
        self._sleep = sleep
        self._updated = clock()
        self._turn = asyncio.Lock()  # asyncio locks wake waiters first come, first served
        self.waiting = 0

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self._burst, self._tokens + (now - self._updated) / self._interval)
        self._updated = now

    async def acquire(self) -> None:
        """Wait until a request may be sent."""
        self.waiting += 1
        try:
            async with self._turn:
                self._refill()
                while self._tokens < 1:
                    await self._sleep((1 - self._tokens) * self._interval)
                    self._refill()
                self._tokens -= 1
        finally:
            self.waiting -= 1

    def delay(self) -> float:
        """Seconds until the next request could go, were nobody waiting."""
        self._refill()
        return max(0.0, (1 - self._tokens) * self._interval)

    def pause(self, seconds: float) -> None:
        """Spend the budget for `seconds`: the service said to wait (429 with retryms)."""
        self._refill()
        self._tokens = min(self._tokens, 0.0) - seconds / self._interval
