"""Single-flight: one identification per key at a time, however many people are waiting for it."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from core.errors import ShuttingDown
from core.ports import Stage, StatusReporter

T = TypeVar("T")


class _Broadcast:
    """A StatusReporter that passes each stage to everyone waiting on one flight."""

    def __init__(self) -> None:
        self.listeners: list[StatusReporter] = []
        self.last: tuple[Stage, str] | None = None

    async def stage(self, stage: Stage, detail: str = "") -> None:
        self.last = (stage, detail)
        # A failing or slow status message must not hold up the identification of others.
        await asyncio.gather(
            *(listener.stage(stage, detail) for listener in list(self.listeners)),
            return_exceptions=True,
        )


class _Flight(Generic[T]):
    def __init__(self, task: asyncio.Task[T], broadcast: _Broadcast) -> None:
        self.task = task
        self.broadcast = broadcast


class Flights(Generic[T]):
    """Runs `work` once per key; concurrent callers with the same key share its result.

    A caller that is cancelled stops waiting; the work goes on for the others.
    """

    def __init__(self) -> None:
        self._running: dict[str, _Flight[T]] = {}
        self.started = 0  # identifications begun, and shares that joined one (for /metrics)
        self.coalesced = 0

    @property
    def in_flight(self) -> int:
        """How many keys are being worked on now."""
        return len(self._running)

    async def close(self, grace: float = 5.0) -> None:
        """Let the work under way finish for `grace` seconds, then cancel what is left."""
        tasks = [flight.task for flight in self._running.values()]
        if not tasks:
            return
        _, late = await asyncio.wait(tasks, timeout=grace)
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)

    async def run(
        self,
        key: str,
        work: Callable[[StatusReporter], Awaitable[T]],
        reporter: StatusReporter,
    ) -> T:
        """The result of `work` for `key`, started now or already under way."""
        flight = self._running.get(key)
        if flight is None:
            flight = self._start(key, work)
        else:
            self.coalesced += 1
            if flight.broadcast.last is not None:
                with contextlib.suppress(Exception):
                    await reporter.stage(*flight.broadcast.last)
        flight.broadcast.listeners.append(reporter)
        try:
            return await asyncio.shield(flight.task)
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if flight.task.cancelled() and current is not None and not current.cancelling():
                raise ShuttingDown() from None  # the work was stopped, not this waiter
            raise
        finally:
            with contextlib.suppress(ValueError):
                flight.broadcast.listeners.remove(reporter)

    def _start(self, key: str, work: Callable[[StatusReporter], Awaitable[T]]) -> _Flight[T]:
        broadcast = _Broadcast()

        async def runner() -> T:
            return await work(broadcast)

        flight = _Flight(asyncio.create_task(runner(), name=f"identify {key}"), broadcast)
        self._running[key] = flight
        self.started += 1

        def finished(task: asyncio.Task[T]) -> None:
            if self._running.get(key) is flight:
                del self._running[key]
            if not task.cancelled():
                task.exception()  # retrieved: every waiter may have gone

        flight.task.add_done_callback(finished)
        return flight
