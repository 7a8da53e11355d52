"""The bot-wide message budget: about 30 messages a second across all chats, urgent ones first.

PTB's AIORateLimiter would queue each Bot API request as it was made, first come first served.
A status message needs more: while it waits for its turn a newer view may replace the queued
one (the result replacing "Listening…"), and first answers and results must go before the
intermediate stages of others. So a sender takes a ticket here, and decides what to send only
when the ticket is granted.

An operator may pay Telegram to send more (`allow_paid_broadcast`: up to 1,000 messages a second,
a fee in Stars for each). With a paid rate set, a new message (a first message, or a result sent
as one) that finds the free rate spent goes at once as a paid one, within that rate. Edits
cannot be paid for, and intermediate stages never are. Replicas share the free rate in Redis
(shared_rate.py): there a new message sent unpaid but marked PAYABLE goes paid when the
replicas together have spent it.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable, Generator
from typing import Any

from adapters.telegram.bucket import TokenBucket
from adapters.telegram.pacing import Sleep, wait_first

PAYABLE = "payable"  # a send's rate_limit_args: a new message the operator would pay for
# How far below a full budget intermediate stages may still go out.
ROUTINE_ROOM = 3
# With no rate limit, how long after the last first message or result stages wait: in a herd
# they went out between first messages (4.4 calls a person, a fifth of the loop).
QUIET = 0.1


class Ticket:
    """A place in the queue for one message; `promote` moves it to the urgent queue."""

    def __init__(self, budget: BotBudget, urgent: bool, payable: bool = False) -> None:
        self._budget = budget
        self.urgent = urgent
        self.payable = urgent and payable  # a new message, which Telegram lets us pay for
        self.paid = False  # granted from the paid rate: send it with allow_paid_broadcast
        self.granted: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def promote(self, payable: bool = False) -> None:
        """The message became urgent (it is a result now): let it pass the routine ones; a
        `payable` one (a result sent as a new message) may go paid too."""
        if self.granted.done():
            return
        if not self.urgent or (payable and not self.payable):
            self.urgent, self.payable = True, self.payable or payable
            self._budget.enqueue(self)

    def cancel(self) -> None:
        """Not needed any more; a granted ticket's message is counted as sent."""
        self.granted.cancel()

    def __await__(self) -> Generator[Any, None, None]:
        return self.granted.__await__()


class BotBudget:
    """Hands out messages at `per_second` (0: no limit) and at most `max_in_flight` at once,
    urgent tickets before routine ones; when the free rate is spent, payable tickets at
    `paid_per_second` (0: never). Each granted turn is given back with `release`."""

    def __init__(self, per_second: float, clock: Callable[[], float], sleep: Sleep,
                 max_in_flight: int = 64, paid_per_second: float = 0.0) -> None:
        self.per_second = per_second
        self.max_in_flight = max(2, max_in_flight)
        self.in_flight = 0
        self._released = asyncio.Event()
        self._sleep = sleep
        self._free = TokenBucket(per_second, clock)
        self.paid_per_second = paid_per_second
        self._paid = TokenBucket(paid_per_second, clock) if paid_per_second > 0 else None
        self._payable: deque[Ticket] = deque()  # new messages among the urgent ones
        self.paid = 0  # messages granted from the paid rate
        self._urgent: deque[Ticket] = deque()
        self._routine: deque[Ticket] = deque()
        self._dispatcher: asyncio.Task[None] | None = None
        self._urgent_came = asyncio.Event()
        self.granted = 0
        self._clock = clock
        self._last_urgent = float("-inf")  # when the last urgent ticket was granted

    def ticket(self, urgent: bool, payable: bool = False) -> Ticket:
        """A ticket in the queue; await it for the turn (`payable`: a new message)."""
        ticket = Ticket(self, urgent, payable)
        self.enqueue(ticket)
        return ticket

    async def take(self, urgent: bool = True) -> None:
        """Wait for a turn."""
        ticket = self.ticket(urgent)
        try:
            await ticket
        except asyncio.CancelledError:
            if ticket.granted.done() and not ticket.granted.cancelled():
                self.release()  # granted just as the wait was cancelled
            ticket.cancel()
            raise

    def release(self, paid: bool = False) -> None:
        """A granted message has been sent (or failed): its place in flight is free, and its
        token starts to come back (`paid`: a token of the paid rate)."""
        self.in_flight = max(0, self.in_flight - 1)
        rate = self._paid if paid else self._free
        if rate is not None:
            rate.landed()
        self._released.set()

    @property
    def waiting(self) -> int:
        """Tickets waiting (promoted ones may count twice)."""
        return len(self._urgent) + len(self._routine)

    def enqueue(self, ticket: Ticket) -> None:
        """Queue a ticket (a promoted one again, in the urgent queue)."""
        idle = not self._urgent and not self._routine
        if self.per_second <= 0 and idle and self.in_flight < self._room(ticket.urgent) and \
                (ticket.urgent or self._quiet() == 0):
            self._grant(ticket)
            return
        (self._urgent if ticket.urgent else self._routine).append(ticket)
        if ticket.payable and self._paid is not None:
            self._payable.append(ticket)
        if ticket.urgent:
            self._urgent_came.set()
        if self._dispatcher is None or self._dispatcher.done():
            self._dispatcher = asyncio.create_task(self._dispatch(), name="telegram budget")

    async def _dispatch(self) -> None:
        while (head := self._next()) is not None:
            # A routine message goes only while the budget is all but full (the bot has been
            # quiet for a moment): in a herd the first messages and results take it all, and
            # intermediate stages wait until the answer has replaced them.
            if self.in_flight >= self._room(head.urgent):
                await self._pause(None, wake=not head.urgent)
                continue
            needed = 1 if head.urgent else max(1, self._free.capacity - ROUTINE_ROOM)
            wait = self._free.wait(needed) if head.urgent else max(self._free.wait(needed),
                                                                   self._quiet())
            if wait > 0 and head.urgent and self._paid is not None:
                paid_wait = self._grant_paid(self._paid)
                if paid_wait == 0:
                    continue
                wait = min(wait, paid_wait)
            if wait > 0:
                # A new message queued meanwhile may go paid at once.
                await self._pause(wait, wake=not head.urgent or self._paid is not None)
                continue
            ticket = self._next()
            if ticket is not None:
                (self._urgent if self._urgent else self._routine).popleft()
                self._free.spend()
                self._grant(ticket)

    def _grant_paid(self, paid: TokenBucket) -> float:
        """Grant the first waiting new message from the paid rate: 0 when one was granted,
        else the seconds until one could be (infinite: no new message is waiting)."""
        while self._payable and self._payable[0].granted.done():
            self._payable.popleft()
        if not self._payable:
            return float("inf")
        wait = paid.wait(1)
        if wait == 0:
            paid.spend()
            self._payable[0].paid = True
            self.paid += 1
            self._grant(self._payable.popleft())
        return wait

    def _next(self) -> Ticket | None:
        """The next live ticket, dropping cancelled, granted and promoted-away ones."""
        for queue in (self._urgent, self._routine):
            while queue and (queue[0].granted.done() or queue[0].urgent != (queue is self._urgent)):
                queue.popleft()
            if queue:
                return queue[0]
        return None

    def _quiet(self) -> float:
        """With no rate limit, seconds until the bot has sent no urgent message for QUIET (a
        rate's bucket says when it has been quiet)."""
        if self.per_second > 0:
            return 0.0
        return max(0.0, self._last_urgent + QUIET - self._clock())

    def _room(self, urgent: bool) -> int:
        # Routine messages use at most half the places in flight: with no rate limit (a local
        # Bot API server, a benchmark) this is what holds intermediate stages back in a herd.
        return self.max_in_flight if urgent else self.max_in_flight // 2

    async def _pause(self, seconds: float | None, *, wake: bool) -> None:
        """Sleep `seconds` (None: until a place in flight is released); when waiting for a
        routine message, an urgent one cuts the wait short."""
        self._urgent_came.clear()
        self._released.clear()
        freed = self._released.wait() if seconds is None else self._sleep(seconds)
        await (wait_first(freed, self._urgent_came.wait()) if wake else freed)

    def _grant(self, ticket: Ticket) -> None:
        if not ticket.granted.done():
            ticket.granted.set_result(None)
            self.granted += 1
            self.in_flight += 1
            if ticket.urgent:
                self._last_urgent = self._clock()
