"""Storage on SQLite (aiosqlite) or PostgreSQL (asyncpg), behind the Store and AccountStore
ports."""

from adapters.storage.accounts import SqlAccountStore
from adapters.storage.database import Database, sqlite_path
from adapters.storage.engines import is_postgres, open_database
from adapters.storage.sql import Engine, StorageUnavailable
from adapters.storage.store import SqlStore

__all__ = ["Database", "Engine", "SqlAccountStore", "SqlStore", "StorageUnavailable",
           "is_postgres", "open_database", "sqlite_path"]
