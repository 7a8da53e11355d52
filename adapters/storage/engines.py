"""Opening the database a DATABASE_URL names: sqlite:///file or postgresql://."""

from __future__ import annotations

from adapters.storage.database import BUSY_TIMEOUT, Database
from adapters.storage.migrations import MIGRATIONS, check_not_newer
from adapters.storage.sql import Engine
from adapters.storage.sqlite_files import sqlite_path

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(url: str) -> bool:
    """True for a PostgreSQL URL."""
    return url.startswith(POSTGRES_SCHEMES)


async def open_database(url: str, *, pool_size: int = 5, busy_timeout: float = BUSY_TIMEOUT,
                        statement_timeout: float = 10.0) -> Engine:
    """Open and migrate the database; StorageUnavailable (one line, no secret) when it can't.
    `statement_timeout`: PostgreSQL's, for a connection or a statement."""
    if is_postgres(url):
        from adapters.storage.postgres import PgDatabase  # asyncpg only when it is used

        return await PgDatabase.open(url, pool_size, statement_timeout=statement_timeout)
    return await Database.open(sqlite_path(url), busy_timeout)


async def inspect_database(url: str, *, busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """Open an existing database to read it, never creating or migrating it (a check, or the
    source of a copy); StorageUnavailable when it cannot, a missing SQLite file included."""
    if is_postgres(url):
        from adapters.storage.postgres import PgDatabase

        return await PgDatabase.open(url, pool_size=1, migrate=False)
    return await Database.open_read_only(sqlite_path(url), busy_timeout)


async def schema_behind(database: Engine) -> tuple[int, int]:
    """(the database's schema version, this Stash's); StorageUnavailable when it is newer."""
    return check_not_newer(await database.schema_version()), len(MIGRATIONS)
