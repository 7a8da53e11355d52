"""PostgreSQL through an asyncpg pool: the same statements, migrations and promises as SQLite.

Writes are ordinary transactions: every store statement that must happen once is a single
atomic statement (INSERT ... ON CONFLICT, DELETE ... RETURNING), so no lock of our own is needed
between processes. Migrations run under an advisory lock, so processes starting together apply
them once.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any, TypeVar
from urllib.parse import urlsplit

import asyncpg

from adapters.storage.migrations import MIGRATIONS, check_not_newer, for_postgres
from adapters.storage.retry import Retrying
from adapters.storage.sql import Args, Row, StorageUnavailable

MIGRATION_LOCK = 0x5354_4153_48  # "STASH": one advisory lock id for the schema
TIMEOUT = 10.0  # seconds for a connection, or a statement, before it counts as unanswered
_PARAMETER = re.compile(r"\?")
T = TypeVar("T")


@lru_cache(maxsize=256)
def numbered(sql: str) -> str:
    """`?` parameters as PostgreSQL's $1, $2, ... (no statement has a literal question mark)."""
    count = iter(range(1, 1000))
    return _PARAMETER.sub(lambda _: f"${next(count)}", sql)


def _changed(status: str) -> int:
    """Rows changed, from a command tag such as "INSERT 0 1" or "DELETE 3"."""
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


class _Session:
    """A transaction on one pooled connection."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        row = await self.connection.fetchrow(numbered(sql), *args)
        return tuple(row) if row is not None else None

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        return [tuple(row) for row in await self.connection.fetch(numbered(sql), *args)]

    async def execute(self, sql: str, args: Args = ()) -> int:
        return _changed(await self.connection.execute(numbered(sql), *args))


class PgDatabase:
    """A bounded pool of connections to one PostgreSQL database."""

    name = "postgresql"

    def __init__(self, pool: asyncpg.Pool, timeout: float = TIMEOUT,
                 reserve: asyncpg.Pool | None = None) -> None:
        self.pool = pool
        # One connection of its own for lease renewals: a herd can keep every pooled one busy
        # past a lease, and a live process whose leases lapse has its shares taken over.
        self.reserve = reserve or pool
        self.timeout = timeout
        self.retrying = Retrying()

    @property
    def answering(self) -> bool:
        """Whether the database answered the last time it was asked."""
        return self.retrying.outage.since is None

    @classmethod
    async def open(cls, url: str, pool_size: int = 5, *, migrate: bool = True,
                   statement_timeout: float = TIMEOUT) -> PgDatabase:
        """Connect, and apply the migrations the database lacks (once, whoever starts first);
        with `migrate` False, only connect (to read it: never change its schema). A statement
        or a connection that takes longer than `statement_timeout` seconds fails (and is tried again
        where that is safe): a hung server never holds a share for ever."""
        try:
            where = _where(url)
            # No connection floor: while the server is away the pool would log a traceback
            # each time it failed to restore one; it connects again when asked.
            pool = await asyncpg.create_pool(url, min_size=0, max_size=pool_size,
                                             timeout=statement_timeout,
                                             command_timeout=statement_timeout)
            async with pool.acquire():  # a server that cannot be reached is told at start-up
                pass
            reserve = await asyncpg.create_pool(url, min_size=0, max_size=1,
                                                timeout=statement_timeout,
                                                command_timeout=statement_timeout
                                                ) if migrate else None
        except ValueError:  # urllib's and asyncpg's texts may quote the URL: never shown
            raise StorageUnavailable("the PostgreSQL URL is malformed: its host or port cannot"
                                     " be read") from None
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as err:
            raise StorageUnavailable(f"cannot connect to PostgreSQL at {where}: {_reason(err)}"
                                     ) from None
        database = cls(pool, statement_timeout, reserve)
        try:
            if migrate:
                await database.migrate()
        except BaseException as err:
            await database.close()
            if isinstance(err, asyncpg.PostgresError | OSError):
                raise StorageUnavailable(f"cannot use PostgreSQL at {where}: {_reason(err)}"
                                         ) from None
            raise
        return database

    async def close(self) -> None:
        """Close the pools."""
        await self.pool.close()
        if self.reserve is not self.pool:
            await self.reserve.close()

    @asynccontextmanager
    async def write(self, urgent: bool = False, reserved: bool = False
                    ) -> AsyncIterator[_Session]:
        """A transaction on a pooled connection (writers run side by side: none waits its turn,
        so `urgent` changes nothing; a `reserved` one is on the reserved connection). Getting a
        live connection and beginning are tried again while the database is away; the
        statements are not (see `again`)."""
        pool = self.reserve if reserved else self.pool
        connection, transaction = await self.retrying.again(lambda: self._begin(pool))
        try:
            yield _Session(connection)
        except BaseException:
            # A connection that is gone took its transaction with it.
            with contextlib.suppress(OSError, TimeoutError, asyncpg.PostgresError,
                                     asyncpg.InterfaceError):
                await transaction.rollback()
            raise
        else:
            await transaction.commit()
        finally:
            await pool.release(connection)

    async def _begin(self, pool: asyncpg.Pool) -> tuple[Any, Any]:
        connection = await pool.acquire(timeout=self.timeout)
        try:
            transaction = connection.transaction()
            await transaction.start()
        except BaseException:
            await pool.release(connection)
            raise
        return connection, transaction

    async def again(self, work: Callable[[], Awaitable[T]]) -> T:
        """`work`, a write that means the same done twice, tried again while the database is
        away (its first try may have been cut off after it went through)."""
        return await self.retrying.again(work)

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row of a read (tried again while the database is away)."""
        row = await self.retrying.again(lambda: self.pool.fetchrow(numbered(sql), *args))
        return tuple(row) if row is not None else None

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row of a read (tried again while the database is away)."""
        rows = await self.retrying.again(lambda: self.pool.fetch(numbered(sql), *args))
        return [tuple(row) for row in rows]

    def wipe_soon(self) -> None:
        """Nothing to do here: PostgreSQL reuses the space of deleted rows through VACUUM."""

    async def wipe_owed(self) -> bool:
        """Nothing is ever owed here."""
        return True

    async def schema_version(self) -> int:
        """The number of migrations applied."""
        async with self.pool.acquire() as connection:
            return await _version(connection)

    async def migrate(self) -> int:
        """Apply the missing migrations in one transaction, under the schema's advisory lock."""
        async with self.pool.acquire() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
            await connection.execute("CREATE TABLE IF NOT EXISTS stash_schema"
                                     " (version INTEGER NOT NULL)")
            current = check_not_newer(await _version(connection))
            for statements in MIGRATIONS[current:]:
                for statement in statements:
                    await connection.execute(for_postgres(statement))
            await connection.execute("DELETE FROM stash_schema")
            await connection.execute("INSERT INTO stash_schema (version) VALUES ($1)",
                                     len(MIGRATIONS))
        return len(MIGRATIONS) - current

    async def ping(self) -> bool:
        """True when the database answers a query."""
        try:
            answered = await self.pool.fetchval("SELECT 1", timeout=min(self.timeout, 5.0))
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as err:
            self.retrying.outage.failed(err)
            return False
        self.retrying.outage.answered()
        return bool(answered == 1)


async def _version(connection: Any) -> int:
    exists = await connection.fetchval("SELECT to_regclass('stash_schema') IS NOT NULL")
    if not exists:
        return 0
    return int(await connection.fetchval("SELECT COALESCE(MAX(version), 0) FROM stash_schema"))


def _where(url: str) -> str:
    """Host, port and database of a URL: never its user or password."""
    parts = urlsplit(url)
    return f"{parts.hostname or 'localhost'}:{parts.port or 5432}{parts.path or '/'}"


def _reason(err: BaseException) -> str:
    if isinstance(err, asyncpg.InvalidPasswordError):
        return "the password was refused"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    text = str(err).splitlines()[0] if str(err) else ""
    return text or type(err).__name__
