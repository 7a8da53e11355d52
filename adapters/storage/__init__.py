"""Storage on SQLite through aiosqlite."""

from adapters.storage.database import Database, StorageUnavailable, sqlite_path
from adapters.storage.store import SqliteStore

__all__ = ["Database", "SqliteStore", "StorageUnavailable", "sqlite_path"]
