"""Turns at SQLite's single writer: in order of asking, except that urgent writes go first.

In a herd, hundreds of shares queue writes (kept shares, the playlist ledger, history) while
new messages still arrive; a claim of a new message stands between its person and their first
status message, so it must not wait behind all of them."""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class WriterTurns:
    """A lock with two queues: urgent waiters are woken before routine ones."""

    def __init__(self) -> None:
        self._held = False
        self._urgent: deque[asyncio.Future[None]] = deque()
        self._routine: deque[asyncio.Future[None]] = deque()

    @asynccontextmanager
    async def turn(self, urgent: bool = False) -> AsyncIterator[None]:
        """Hold the writer for the block."""
        await self._wait(urgent)
        try:
            yield
        finally:
            self._pass_on()

    async def _wait(self, urgent: bool) -> None:
        if not self._held:
            self._held = True
            return
        queue = self._urgent if urgent else self._routine
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        queue.append(turn)
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._pass_on()  # given the turn just as the wait was cancelled
            else:
                with contextlib.suppress(ValueError):
                    queue.remove(turn)
            raise

    def _pass_on(self) -> None:
        for queue in (self._urgent, self._routine):
            while queue:
                turn = queue.popleft()
                if not turn.done():
                    turn.set_result(None)
                    return  # still held, by the one woken
        self._held = False
