"""Services that run beside each other in one loop: `start`, `stop`, or `async with`."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from types import TracebackType
from typing import Self


class Running:
    """A service with `start` and `stop`; `async with` starts it and stops it on any exit."""

    async def start(self) -> None:
        """Begin serving."""
        raise NotImplementedError

    async def stop(self) -> None:
        """Stop serving (safe to call when it never started)."""
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()


def stop_on_signals() -> asyncio.Event:
    """An event set by SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    return stop
