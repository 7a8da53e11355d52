"""Acknowledging an incoming update only once what it started is safe.

A webhook's 200 tells the platform never to send the update again. It is given once each
handler the update started has finished, or has put the shares it starts on record (from there,
a process that dies is replaced by another that finishes them). A handler that fails before
that leaves its update unacknowledged, and the platform delivers it again.
"""

from __future__ import annotations

import asyncio
from contextvars import ContextVar


class _Slot:
    """One handler of an update: open until it finishes or its shares are all on record."""

    def __init__(self, receipt: Receipt) -> None:
        self._receipt = receipt
        self._expected: int | None = None  # None: until the handler finishes
        self.open = True

    def expect(self, shares: int) -> None:
        self._expected = shares
        if shares <= 0:
            self.close()

    def recorded(self) -> None:
        if self._expected is not None:
            self._expected -= 1
            if self._expected <= 0:
                self.close()

    def close(self) -> None:
        if self.open:
            self.open = False
            self._receipt.closed()


class Receipt:
    """The handlers one update started; `settled` once none of them is still unsafe."""

    def __init__(self) -> None:
        self._open = 0
        self._settled = asyncio.Event()
        self._settled.set()
        self.refused = False  # the update could not be taken now: to be delivered again

    def slot(self) -> _Slot:
        """A handler starts (call it before its task is created: the task carries the slot)."""
        self._open += 1
        self._settled.clear()
        return _Slot(self)

    def closed(self) -> None:
        self._open -= 1
        if self._open <= 0:
            self._settled.set()

    async def settled(self) -> None:
        """Every handler finished or put its shares on record."""
        await self._settled.wait()


receipt: ContextVar[Receipt | None] = ContextVar("receipt", default=None)
slot: ContextVar[_Slot | None] = ContextVar("receipt_slot", default=None)


def refuse() -> None:
    """The update cannot be taken now (its claim failed): leave it to be delivered again."""
    current = receipt.get()
    if current is not None:
        current.refused = True


def expect(shares: int) -> None:
    """The handler running now is about to start `shares` shares: its update may be
    acknowledged once they are on record (not only when they are done)."""
    current = slot.get()
    if current is not None:
        current.expect(shares)


def recorded() -> None:
    """One share of the handler running now is on record."""
    current = slot.get()
    if current is not None:
        current.recorded()
