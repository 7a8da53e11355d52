"""Shazam's few requests a minute, shared fairly: people take turns, each person's own in order.

A token bucket refills at `per_minute`. When a request cannot go at once it waits in its person's
queue, and each token goes to the waiting person served least recently: one person's ten links
cannot hold back another person's one for more than a turn.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field

# Past this many people remembered, those not served for as many turns are forgotten.
PRUNE_AT = 1024


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
        self._queues: dict[Hashable, deque[_Waiter]] = {}  # people waiting, in arrival order
        self._served: dict[Hashable, int] = {}  # each person's last turn
        self._turns = 0
        self._granter: asyncio.Task[None] | None = None

    @property
    def waiting(self) -> int:
        """How many requests wait for their turn."""
        return sum(len(queue) for queue in self._queues.values())

    async def acquire(self, who: Hashable = None, deadline: float = math.inf,
                      queued: Callable[[float], Awaitable[None]] | None = None) -> bool:
        """Wait for a turn for `who`. False, as soon as that is known, when the turn would come
        after `deadline` (on this budget's clock); `queued(seconds)` hears of a wait."""
        wait = self.wait_for(who)
        if wait > deadline - self.now():
            return False
        if not self._queues and self._tokens >= 1:
            self._take(who)
            return True
        waiter = _Waiter(deadline)
        self._queues.setdefault(who, deque()).append(waiter)
        if self._granter is None:
            self._granter = asyncio.create_task(self._grant(), name="shazam budget")
        try:
            if queued is not None:
                await queued(wait)
            return await waiter.turn
        except BaseException:  # cancelled, or the status could not be shown: give the place up
            self._leave(who, waiter)
            raise

    def wait_for(self, who: Hashable = None) -> float:
        """Seconds until a request from `who` would go, given who waits now (newcomers may
        still take turns before it)."""
        self._refill()
        mine = len(self._queues.get(who, ()))
        ahead = mine  # the person's own earlier requests, and in each round one of everyone's
        for other, queue in self._queues.items():
            if other != who:
                ahead += min(len(queue), mine + (1 if self._before(other, who) else 0))
        return max(0.0, (ahead + 1 - self._tokens) * self._interval)

    def _before(self, other: Hashable, who: Hashable) -> bool:
        """Whether `other`'s next turn comes before `who`'s: served less recently, or as
        recently (never) and waiting longer."""
        theirs, mine = self._served.get(other, -1), self._served.get(who, -1)
        if theirs != mine:
            return theirs < mine
        order = list(self._queues)
        return who not in self._queues or order.index(other) < order.index(who)

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
        self._turns += 1
        self._served[who] = self._turns
        if len(self._served) > PRUNE_AT:
            self._served = {w: t for w, t in self._served.items()
                            if t > self._turns - PRUNE_AT or w in self._queues}

    async def _grant(self) -> None:
        """Hand each token to the person served least recently; answer waiters past their
        deadline with False."""
        try:
            while self._queues:
                self._refill()
                if self._tokens >= 1:
                    who = min(self._queues, key=lambda w: self._served.get(w, -1))
                    waiter = self._pop(who)
                    if not waiter.turn.done():  # done: cancelled, and about to leave
                        self._take(who)
                        waiter.turn.set_result(True)
                    continue
                self._expire()
                if self._queues:
                    earliest = min(w.deadline for q in self._queues.values() for w in q)
                    until_token = (1 - self._tokens) * self._interval
                    await self._sleep(max(0.0, min(until_token, earliest - self.now())))
        finally:
            if self._granter is asyncio.current_task():
                self._granter = None

    def _pop(self, who: Hashable) -> _Waiter:
        queue = self._queues[who]
        waiter = queue.popleft()
        if not queue:
            del self._queues[who]
        return waiter

    def _expire(self) -> None:
        now = self.now()
        for who, queue in list(self._queues.items()):
            for waiter in [w for w in queue if w.deadline <= now]:
                queue.remove(waiter)
                if not waiter.turn.done():
                    waiter.turn.set_result(False)
            if not queue:
                del self._queues[who]

    def _leave(self, who: Hashable, waiter: _Waiter) -> None:
        """A waiter gave up (cancelled): its place goes, or its token if it had one already."""
        if waiter.turn.done() and not waiter.turn.cancelled() and waiter.turn.result():
            self._tokens += 1
            return
        queue = self._queues.get(who)
        if queue is not None and waiter in queue:
            queue.remove(waiter)
            if not queue:
                del self._queues[who]
        if not self._queues and self._granter is not None:
            self._granter.cancel()  # nobody left to wake for; a newcomer starts another
            self._granter = None
