"""One SQLite database: WAL, a busy timeout, BEGIN IMMEDIATE writes, migrations at start-up."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import quote

import aiosqlite

from adapters.storage.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 30_000

log = logging.getLogger(__name__)


class StorageUnavailable(RuntimeError):
    """The database file cannot be opened or used."""


def sqlite_path(database_url: str) -> str:
    """The file path in a sqlite:/// URL (sqlite:///rel.db, sqlite:////abs.db, sqlite:///:memory:)."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        raise ValueError("only sqlite:/// URLs are supported")
    path = database_url[len(prefix):]
    if not path:
        raise ValueError("the sqlite URL names no file")
    return path


def _read_only_uri(path: str) -> str:
    return "file:" + quote(os.path.abspath(path)) + "?mode=ro"


async def _reader(path: str) -> aiosqlite.Connection:
    try:
        reader = await aiosqlite.connect(_read_only_uri(path), uri=True, isolation_level=None)
        await reader.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    except sqlite3.Error as err:
        raise StorageUnavailable(f"cannot open the database for reading: {err}") from err
    return reader


class Database:
    """A writing connection with the pragmas Stash relies on and a lock that serializes its
    writes, and a read-only connection, so reads never see another coroutine's open write."""

    def __init__(self, connection: aiosqlite.Connection,
                 reader: aiosqlite.Connection | None = None) -> None:
        self.connection = connection
        self.reader = reader or connection
        self._write_lock = asyncio.Lock()

    @classmethod
    async def open(cls, path: str) -> Database:
        """Open (creating if needed) and migrate the database at `path`."""
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = await aiosqlite.connect(path, isolation_level=None)
            # The busy timeout first: switching to WAL itself may wait for other processes.
            await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten, so /forget leaves nothing readable in the file.
            await connection.execute("PRAGMA secure_delete = ON")
        except (sqlite3.Error, OSError) as err:
            raise StorageUnavailable(f"cannot open the database: {err}") from err
        database = cls(connection)
        await database.migrate()
        if path != ":memory:":  # a second in-memory connection would be another database
            database.reader = await _reader(path)
        return database

    async def close(self) -> None:
        """Close both connections."""
        if self.reader is not self.connection:
            await self.reader.close()
        await self.connection.close()

    @asynccontextmanager
    async def write(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction taken with BEGIN IMMEDIATE: it waits for other writers, never fails
        half-way with "database is locked"."""
        async with self._write_lock:
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
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

    async def checkpoint(self, attempts: int = 20) -> bool:
        """Copy the write-ahead log into the main file and truncate it (outside any write).

        False when readers in other processes kept it from completing after `attempts` tries.
        """
        for attempt in range(attempts):
            async with self._write_lock, \
                    self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
                row = await cursor.fetchone()
            if row is not None and row[0] == 0:
                return True
            await asyncio.sleep(0.05 * (attempt + 1))
        log.warning("the write-ahead log could not be truncated: another process is reading")
        return False

    async def schema_version(self) -> int:
        """The number of migrations applied."""
        async with self.connection.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0

    async def migrate(self) -> int:
        """Apply the migrations this file lacks; returns how many were applied."""
        async with self.write() as db:
            current = await self.schema_version()
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
