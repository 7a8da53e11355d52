"""Opening the database the settings name."""

from __future__ import annotations

from adapters.storage import Engine, open_database
from bot.settings import Settings


async def open_storage(settings: Settings) -> Engine:
    """The database DATABASE_URL names, opened and migrated."""
    return await open_database(settings.database_url, pool_size=settings.database_pool_size,
                               busy_timeout=settings.database_busy_timeout,
                               statement_timeout=settings.database_timeout)
