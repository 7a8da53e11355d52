"""Services that run beside each other in one loop: `start`, `stop`, or `async with`."""

from __future__ import annotations

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
