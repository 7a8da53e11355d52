"""Storage on SQLite (aiosqlite) or PostgreSQL (asyncpg), behind the Store and AccountStore
ports."""

from adapters.storage.accounts import SqlAccountStore
from adapters.storage.database import Database
from adapters.storage.engines import inspect_database, is_postgres, open_database, schema_behind
from adapters.storage.sql import Engine, StorageUnavailable
from adapters.storage.sqlite_files import sqlite_path
from adapters.storage.store import SqlStore

__all__ = ["Database", "Engine", "SqlAccountStore", "SqlStore", "StorageUnavailable",
           "inspect_database", "is_postgres", "open_database", "schema_behind", "sqlite_path"]
