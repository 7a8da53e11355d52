"""SQLite files: their URLs, a private file made first, connections with Stash's pragmas."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

import aiosqlite
from tenacity import AsyncRetrying, retry_if_exception, stop_after_delay, wait_random


def sqlite_path(database_url: str) -> str:
    """The file path in a sqlite:/// URL (sqlite:///rel.db, sqlite:////abs.db, sqlite:///:memory:)."""
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        raise ValueError("only sqlite:/// URLs are supported")
    path = database_url[len(prefix):]
    if not path:
        raise ValueError("the sqlite URL names no file")
    return path


def create_private(path: str) -> None:
    """Make the file (and its folder) first, so SQLite's files are the owner's alone (0600)."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))


async def connect(target: str, timeout_ms: int, *, uri: bool = False) -> aiosqlite.Connection:
    connection = await aiosqlite.connect(target, uri=uri, isolation_level=None)
    try:
        # The busy timeout first: switching to WAL itself may wait for other processes.
        await connection.execute(f"PRAGMA busy_timeout = {timeout_ms}")
        if not uri:
            await _switch_to_wal(connection, timeout_ms / 1000)
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten, so /forget leaves nothing readable in the file.
            await connection.execute("PRAGMA secure_delete = ON")
    except BaseException:
        await connection.close()
        raise
    return connection


async def _switch_to_wal(connection: aiosqlite.Connection, patience: float) -> None:
    """Switch to WAL, retrying within `patience`: when several processes open a new file at
    once, SQLite answers "locked" at once to all but one instead of calling the busy handler
    (waiting would deadlock them), so this switch alone must be retried."""
    async for attempt in AsyncRetrying(
            retry=retry_if_exception(_locked), stop=stop_after_delay(patience),
            wait=wait_random(0.01, 0.1), reraise=True):
        with attempt:
            await connection.execute("PRAGMA journal_mode = WAL")


def _locked(err: BaseException) -> bool:
    return isinstance(err, sqlite3.OperationalError) and "locked" in str(err)


def is_file(path: str) -> bool:
    return os.path.isfile(path)


def absolute(path: str) -> str:
    return os.path.abspath(path)


def read_only_uri(path: str) -> str:
    return "file:" + quote(os.path.abspath(path)) + "?mode=ro"


def reason(err: BaseException) -> str:
    if isinstance(err, OSError) and err.strerror:
        return err.strerror.lower()
    return str(err).splitlines()[0] if str(err) else type(err).__name__
