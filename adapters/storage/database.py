"""One SQLite database: WAL, a busy timeout, BEGIN IMMEDIATE writes, migrations at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import TypeVar

import aiosqlite

from adapters.storage.checkpoint import Checkpointer
from adapters.storage.migrations import MIGRATIONS, check_not_newer
from adapters.storage.sql import Args, Row, StorageUnavailable
from adapters.storage.sqlite_files import (
    absolute,
    connect,
    create_private,
    is_file,
    read_only_uri,
    reason,
)
from adapters.storage.turns import WriterTurns

BUSY_TIMEOUT = 30.0
T = TypeVar("T")


class _Session:
    """A write transaction on the writing connection."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self.connection = connection

    # One trip to aiosqlite's thread a statement (a cursor's execute, fetch and close were
    # three): on a loop busy with a herd, each trip waits for the loop's next turn.
    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        rows = await self.connection.execute_fetchall(sql, tuple(args))
        return next((tuple(row) for row in rows), None)

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        return [tuple(row) for row in await self.connection.execute_fetchall(sql, tuple(args))]

    async def execute(self, sql: str, args: Args = ()) -> int:
        cursor = await self.connection.execute(sql, tuple(args))
        return cursor.rowcount


class Database:
    """A writing connection with the pragmas Stash relies on and a lock that serializes its
    writes, and a read-only connection, so reads never see another coroutine's open write."""

    name = "sqlite"

    def __init__(self, connection: aiosqlite.Connection,
                 reader: aiosqlite.Connection | None = None, path: str = ":memory:",
                 busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.connection = connection
        self.reader = reader or connection
        self._writer = WriterTurns()
        self._checkpointer = (Checkpointer(path, patience=busy_timeout) if path != ":memory:"
                              else None)

    @classmethod
    async def open(cls, path: str, busy_timeout: float = BUSY_TIMEOUT) -> Database:
        """Open (creating if needed, readable by its owner only) and migrate the database."""
        timeout_ms = int(busy_timeout * 1000)
        try:
            if path != ":memory:":
                create_private(path)
            database = cls(await connect(path, timeout_ms), path=path, busy_timeout=busy_timeout)
        except (sqlite3.Error, OSError) as err:
            raise StorageUnavailable(f"cannot open the database {path}: {reason(err)}") from None
        try:
            await database.migrate()
            if path != ":memory:":  # a second in-memory connection would be another database
                database.reader = await connect(read_only_uri(path), timeout_ms, uri=True)
        except BaseException as err:
            # aiosqlite's thread would keep the process alive: close before reporting.
            await database.close()
            if isinstance(err, sqlite3.Error | OSError):
                raise StorageUnavailable(f"cannot use the database {path}: {reason(err)}"
                                         ) from None
            raise
        return database

    @classmethod
    async def open_read_only(cls, path: str, busy_timeout: float = BUSY_TIMEOUT) -> Database:
        """Open an existing file to read it: never create it, never migrate it (`stash run
        --check`, the source of `stash db copy`). A missing file is StorageUnavailable."""
        if path == ":memory:" or not is_file(path):
            raise StorageUnavailable(f"no database at {absolute(path)}")
        try:
            reader = await connect(read_only_uri(path), int(busy_timeout * 1000), uri=True)
        except (sqlite3.Error, OSError) as err:
            raise StorageUnavailable(f"cannot open the database {path}: {reason(err)}") from None
        database = cls(reader)  # it never writes, so it has no log to checkpoint
        try:
            await database.schema_version()  # a file that is not a database fails here
        except BaseException as err:
            await database.close()
            if isinstance(err, sqlite3.Error):
                raise StorageUnavailable(f"cannot use the database {path}: {reason(err)}"
                                         ) from None
            raise
        return database

    async def close(self) -> None:
        """Close both connections."""
        if self._checkpointer is not None:
            await self._checkpointer.close()
        if self.reader is not self.connection:
            await self.reader.close()
        await self.connection.close()

    async def again(self, work: Callable[[], Awaitable[T]]) -> T:
        """`work`: a file on this host does not go away and come back, nothing to retry."""
        return await work()

    @property
    def answering(self) -> bool:
        """Always, for a file on this host (a broken one fails at start-up)."""
        return True

    @asynccontextmanager
    async def write(self, urgent: bool = False, reserved: bool = False
                    ) -> AsyncIterator[_Session]:
        """A write transaction taken with BEGIN IMMEDIATE: it waits for other writers, never fails
        half-way with "database is locked". An urgent (or `reserved`) one waits only for urgent
        ones."""
        async with self._writer.turn(urgent or reserved):
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
                yield _Session(self.connection)
                await self.connection.execute("COMMIT")
            except BaseException:
                # Also after a cancelled BEGIN (the thread still ran it) or a failed COMMIT:
                # a transaction left open would refuse every later write on this connection.
                await asyncio.shield(self._rollback())
                raise

    async def _rollback(self) -> None:
        # Queued behind a BEGIN still running in aiosqlite's thread, so it ends what that opens.
        with contextlib.suppress(sqlite3.OperationalError):  # no transaction was open
            await self.connection.execute("ROLLBACK")

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row of a read on the read-only connection."""
        return await _Session(self.reader).fetchone(sql, args)

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row of a read on the read-only connection."""
        return await _Session(self.reader).fetchall(sql, args)

    def wipe_soon(self) -> None:
        """Old page images live on in the write-ahead log until a checkpoint truncates it."""
        if self._checkpointer is not None:
            self._checkpointer.soon()

    async def wipe_owed(self) -> bool:
        """Retry a truncation a reader kept from finishing; True when nothing is owed."""
        return True if self._checkpointer is None else await self._checkpointer.retry()

    async def schema_version(self) -> int:
        """The number of migrations applied."""
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply the migrations this file lacks; returns how many were applied."""
        async with self.write() as db:
            current = check_not_newer(await self.schema_version())
            for version, statements in enumerate(MIGRATIONS[current:], start=current + 1):
                for statement in statements:
                    await db.execute(statement)
                await db.execute(f"PRAGMA user_version = {version}")
        return len(MIGRATIONS) - current

    async def ping(self) -> bool:
        """True when the database answers a query."""
        try:
            for connection in {self.connection, self.reader}:
                async with connection.execute("SELECT 1") as cursor:
                    if await cursor.fetchone() is None:
                        return False
            return True
        except (sqlite3.Error, ValueError):
            return False
