"""SQLite files: their URLs, a private file made first, connections with Stash's pragmas."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import aiosqlite


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
            await connection.execute("PRAGMA journal_mode = WAL")
            await connection.execute("PRAGMA synchronous = NORMAL")
            await connection.execute("PRAGMA foreign_keys = ON")
            # Deleted rows are overwritten, so /forget leaves nothing readable in the file.
            await connection.execute("PRAGMA secure_delete = ON")
    except BaseException:
        await connection.close()
        raise
    return connection


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
