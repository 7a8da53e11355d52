"""What the stores need from an engine: SQL with `?` parameters, one dialect both engines speak.

The statements the stores run are written once, in the subset SQLite and PostgreSQL share
(ON CONFLICT, RETURNING, `excluded`); each engine only changes how parameters are marked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
Row = tuple[Any, ...]
Args = Sequence[object]


class StorageUnavailable(RuntimeError):
    """The database cannot be opened or used; the message is one line and names no secret."""


class Session(Protocol):
    """One write transaction."""

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row, or None."""
        ...

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row."""
        ...

    async def execute(self, sql: str, args: Args = ()) -> int:
        """Run a statement; the number of rows it changed."""
        ...


class Engine(Protocol):
    """A database both stores can use: reads outside any write, and serialized write sessions."""

    name: str

    def write(self, urgent: bool = False, reserved: bool = False
              ) -> AbstractAsyncContextManager[Session]:
        """A write transaction: committed when the block ends, rolled back when it raises.
        An urgent one (a person waits on it for a first answer) goes before others waiting;
        a `reserved` one (lease renewals) waits behind no ordinary work at all."""
        ...

    async def again(self, work: Callable[[], Awaitable[T]]) -> T:
        """`work`, a write that means the same done twice, tried again while the database is
        briefly unreachable (a server restarted, a connection cut)."""
        ...

    @property
    def answering(self) -> bool:
        """Whether the database answered the last time it was asked."""
        ...

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row of a read, or None."""
        ...

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row of a read."""
        ...

    async def schema_version(self) -> int:
        """The number of migrations applied."""
        ...

    async def ping(self) -> bool:
        """True when the database answers a query."""
        ...

    def wipe_soon(self) -> None:
        """Deleted personal data is about to be gone: make it unreadable in the files too."""
        ...

    async def wipe_owed(self) -> bool:
        """Retry making deleted data unreadable where it was kept from finishing; True when
        nothing is owed."""
        ...

    async def close(self) -> None:
        """Close every connection."""
        ...
