"""PostgreSQL through an asyncpg pool: the same statements, migrations and promises as SQLite.

Writes are ordinary transactions: every store statement that must happen once is a single
atomic statement (INSERT ... ON CONFLICT, DELETE ... RETURNING), so no lock of our own is needed
between processes. Migrations run under an advisory lock, so processes starting together apply
them once.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import asyncpg

from adapters.storage.migrations import MIGRATIONS, check_not_newer, for_postgres
from adapters.storage.sql import Args, Row, StorageUnavailable

MIGRATION_LOCK = 0x5354_4153_48  # "STASH": one advisory lock id for the schema
CONNECT_TIMEOUT = 10.0
_PARAMETER = re.compile(r"\?")


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

    def __init__(self, pool: asyncpg.Pool) -> None:
        self.pool = pool

    @classmethod
    async def open(cls, url: str, pool_size: int = 5, *, migrate: bool = True) -> PgDatabase:
        """Connect, and apply the migrations the database lacks (once, whoever starts first);
        with `migrate` False, only connect (to read it: never change its schema)."""
        try:
            where = _where(url)
            pool = await asyncpg.create_pool(url, min_size=1, max_size=pool_size,
                                             timeout=CONNECT_TIMEOUT)
        except ValueError:  # urllib's and asyncpg's texts may quote the URL: never shown
            raise StorageUnavailable("the PostgreSQL URL is malformed: its host or port cannot"
                                     " be read") from None
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as err:
            raise StorageUnavailable(f"cannot connect to PostgreSQL at {where}: {_reason(err)}"
                                     ) from None
        database = cls(pool)
        try:
            if migrate:
                await database.migrate()
        except BaseException as err:
            await pool.close()
            if isinstance(err, asyncpg.PostgresError | OSError):
                raise StorageUnavailable(f"cannot use PostgreSQL at {where}: {_reason(err)}"
                                         ) from None
            raise
        return database

    async def close(self) -> None:
        """Close the pool."""
        await self.pool.close()

    @asynccontextmanager
    async def write(self, urgent: bool = False) -> AsyncIterator[_Session]:
        """A transaction on a pooled connection (writers run side by side: none waits its turn,
        so `urgent` changes nothing)."""
        async with self.pool.acquire() as connection, connection.transaction():
            yield _Session(connection)

    async def fetchone(self, sql: str, args: Args = ()) -> Row | None:
        """The first row of a read."""
        row = await self.pool.fetchrow(numbered(sql), *args)
        return tuple(row) if row is not None else None

    async def fetchall(self, sql: str, args: Args = ()) -> list[Row]:
        """Every row of a read."""
        return [tuple(row) for row in await self.pool.fetch(numbered(sql), *args)]

    def scrub_soon(self) -> None:
        """Nothing to do here: PostgreSQL reuses the space of deleted rows through VACUUM."""

    async def scrub_owed(self) -> bool:
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
            return bool(await self.pool.fetchval("SELECT 1", timeout=5) == 1)
        except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
            return False


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
