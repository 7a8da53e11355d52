"""Shazam's few requests a minute, shared fairly: people take turns, each person's own in order.

A token bucket refills at `per_minute`. When a request cannot go at once it waits in its person's
queue, and each token goes to the waiting person served least recently (core.turns): one
person's ten links cannot hold back another person's one for more than a turn.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field

from core.turns import FairOrder


@dataclass(eq=False)
class _Waiter:
    deadline: float
    turn: asyncio.Future[bool] = field(default_factory=lambda: asyncio.get_running_loop()
                                       .create_future())


class RequestBudget:
    """`per_minute` requests a minute on average, at most `burst` at once, shared fairly."""

    def __init__(self, per_minute: float, burst: int = 1, *,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self._interval = 60.0 / per_minute
        self._burst = burst
        self._tokens = float(burst)
        self.now = clock
        self._sleep = sleep
        self._updated = clock()
        self._order: FairOrder[_Waiter] = FairOrder()
        self._granter: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        """How many requests wait for their turn."""
        return len(self._order)

    async def acquire(self, who: Hashable = None, deadline: float = math.inf,
                      queued: Callable[[float], Awaitable[None]] | None = None) -> bool:
        """Wait for a turn for `who`. False, as soon as that is known, when the turn would come
        after `deadline` (on this budget's clock); `queued(seconds)` hears of a wait while other
        people's requests wait too (a person alone waits only on their own songs)."""
        wait = self.wait_for(who)
        if wait > deadline - self.now():
            return False
        if not len(self._order) and self._tokens >= 1:
            self._take(who)
            return True
        shared = self._order.others_wait(who)
        waiter = _Waiter(deadline)
        self._order.add(who, waiter)
        if self._granter is None:
            self._granter = asyncio.create_task(self._grant(), name="shazam budget")
        try:
            if queued is not None and shared:
                await queued(wait)
            return await waiter.turn
        except BaseException:  # cancelled, or the status could not be shown: give the place up
            self._leave(who, waiter)
            raise

    def wait_for(self, who: Hashable = None) -> float:
        """Seconds until a request from `who` would go, given who waits now (a newcomer ranks
        after it, though one may take a turn before the person's later requests)."""
        self._refill()
        ahead = sum(self._order.ahead(who))
        return max(0.0, (ahead + 1 - self._tokens) * self._interval)

    def pause(self, seconds: float) -> None:
        """Spend the budget for `seconds`: the service said to wait (429 with retryms)."""
        self._refill()
        self._tokens = min(self._tokens, 0.0) - seconds / self._interval

    def _refill(self) -> None:
        now = self.now()
        self._tokens = min(self._burst, self._tokens + (now - self._updated) / self._interval)
        self._updated = now

    def _take(self, who: Hashable) -> None:
        self._tokens -= 1
        self._order.served(who)

    async def _grant(self) -> None:
        """Hand each token to the person served least recently; answer waiters past their
        deadline with False."""
        try:
            while len(self._order):
                self._refill()
                if self._tokens >= 1:
                    _, waiter = self._order.pop()
                    if not waiter.turn.done():  # done: cancelled, and about to leave
                        self._tokens -= 1
                        waiter.turn.set_result(True)
                    continue
                self._expire()
                if len(self._order):
                    earliest = min(w.deadline for _, w in self._order)
                    until_token = (1 - self._tokens) * self._interval
                    await self._sleep(max(0.0, min(until_token, earliest - self.now())))
        finally:
            if self._granter is asyncio.current_task():
                self._granter = None

    def _expire(self) -> None:
        now = self.now()
        for who, waiter in self._order:
            if waiter.deadline <= now:
                self._order.remove(who, waiter)
                if not waiter.turn.done():
                    waiter.turn.set_result(False)

    def _leave(self, who: Hashable, waiter: _Waiter) -> None:
        """A waiter gave up (cancelled): its place goes, or its token if it had one already."""
        if waiter.turn.done() and not waiter.turn.cancelled() and waiter.turn.result():
            self._tokens += 1
            return
        self._order.remove(who, waiter)
        if not len(self._order) and self._granter is not None:
            self._granter.cancel()  # nobody left to wake for; a newcomer starts another
            self._granter = None
