"""Fair turns at a scarce thing (identification slots, Shazam's budget): people take turns, the
one served least recently first, and each person's own requests keep their order.

A person who starts waiting ranks as the turn now going (the round) unless served more recently:
never before someone already waiting unserved, so a newcomer cannot step in front of a person
already told their place; and a person back after a while goes before those served since.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Hashable, Iterator
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

T = TypeVar("T")

# Past this many people remembered, those not served for as many turns are forgotten.
PRUNE_AT = 1024


class FairOrder(Generic[T]):
    """Who goes next among waiting requests (pure bookkeeping, no waiting)."""

    def __init__(self) -> None:
        self._queues: dict[Hashable, deque[T]] = {}  # people waiting, in the order they came
        self._rank: dict[Hashable, int] = {}  # each waiting person's place: lower goes first
        self._served: dict[Hashable, int] = {}  # each person's last turn
        self._round = -1  # the rank of the last request to go
        self.turns = 0

    def __len__(self) -> int:
        return sum(len(queue) for queue in self._queues.values())

    def __iter__(self) -> Iterator[tuple[Hashable, T]]:
        for who, queue in list(self._queues.items()):
            for item in list(queue):
                yield who, item

    def add(self, who: Hashable, item: T) -> None:
        """`item` waits behind `who`'s earlier ones."""
        if who not in self._queues:
            self._queues[who] = deque()
            self._rank[who] = self._joining(who)
        self._queues[who].append(item)

    def remove(self, who: Hashable, item: T) -> None:
        """`item` no longer waits (given up, or past its deadline)."""
        queue = self._queues.get(who)
        if queue is not None and item in queue:
            queue.remove(item)
            if not queue:
                self._drop(who)

    def pop(self) -> tuple[Hashable, T]:
        """The next request to go, its turn counted; raises IndexError when nobody waits."""
        if not self._queues:
            raise IndexError("nobody waits")
        who = min(self._queues, key=self._rank.__getitem__)  # ties: the one who came first
        self._round = self._rank[who]
        item = self._queues[who].popleft()
        if not self._queues[who]:
            self._drop(who)
        self.served(who)
        return who, item

    def served(self, who: Hashable) -> None:
        """Count a turn for `who` (taken now, without waiting or from `pop`)."""
        self.turns += 1
        self._served[who] = self.turns
        if who in self._rank:
            self._rank[who] = self.turns
        if len(self._served) > PRUNE_AT:
            self._served = {w: t for w, t in self._served.items()
                            if t > self.turns - PRUNE_AT or w in self._queues}

    def ahead(self, who: Hashable) -> tuple[int, int]:
        """Requests that go before a new one from `who`: (theirs, other people's)."""
        mine = len(self._queues.get(who, ()))
        others = 0  # in each round, one of everyone's, starting with whoever ranks first
        for other, queue in self._queues.items():
            if other != who:
                others += min(len(queue), mine + (1 if self._before(other, who) else 0))
        return mine, others

    def others_wait(self, who: Hashable) -> bool:
        """Whether anyone but `who` waits (before or after them)."""
        return any(other != who for other in self._queues)

    def _before(self, other: Hashable, who: Hashable) -> bool:
        theirs = self._rank[other]
        mine = self._rank[who] if who in self._rank else self._joining(who)
        if theirs != mine:
            return theirs < mine
        if who not in self._queues:
            return True  # on a tie, whoever came first
        order = list(self._queues)
        return order.index(other) < order.index(who)

    def _joining(self, who: Hashable) -> int:
        return max(self._served.get(who, -1), self._round)

    def _drop(self, who: Hashable) -> None:
        del self._queues[who]
        del self._rank[who]


class FairSlots:
    """At most `slots` holders at once; a freed slot goes to the waiting person served least
    recently, so one person's backlog holds another's request back one slot at most."""

    def __init__(self, slots: int) -> None:
        self._free = slots
        self._order: FairOrder[asyncio.Future[None]] = FairOrder()

    @property
    def waiting(self) -> int:
        """How many requests wait for a slot."""
        return len(self._order)

    @asynccontextmanager
    async def slot(self, who: Hashable) -> AsyncIterator[None]:
        """Hold a slot for `who` for the duration of the block."""
        await self._take(who)
        try:
            yield
        finally:
            self._release()

    async def _take(self, who: Hashable) -> None:
        if self._free > 0 and not len(self._order):
            self._free -= 1
            self._order.served(who)
            return
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._order.add(who, turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release()  # handed the slot just as the wait was cancelled
            else:
                self._order.remove(who, turn)
            raise

    def _release(self) -> None:
        while len(self._order):
            _, turn = self._order.pop()
            if not turn.done():
                turn.set_result(None)  # the slot passes straight to the next person
                return
        self._free += 1
