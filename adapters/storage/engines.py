"""Opening the database a DATABASE_URL names: sqlite:///file or postgresql://."""

from __future__ import annotations

from adapters.storage.database import BUSY_TIMEOUT, Database, sqlite_path
from adapters.storage.sql import Engine

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres(url: str) -> bool:
    """True for a PostgreSQL URL."""
    return url.startswith(POSTGRES_SCHEMES)


async def open_database(url: str, *, pool_size: int = 5,
                        busy_timeout: float = BUSY_TIMEOUT) -> Engine:
    """Open and migrate the database; StorageUnavailable (one line, no secret) when it can't."""
    if is_postgres(url):
        from adapters.storage.postgres import PgDatabase  # asyncpg only when it is used

        return await PgDatabase.open(url, pool_size)
    return await Database.open(sqlite_path(url), busy_timeout)
