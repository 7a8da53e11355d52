"""Truncating SQLite's write-ahead log after a /forget, without ever blocking a writer.

A TRUNCATE checkpoint that waits (a busy timeout) holds the database's write lock while another
process is reading, so every write in every process would wait behind it. This one runs on its
own connection with no busy timeout: an attempt that meets a reader gives up at once (after
copying what it can) and is tried again later, in the background. A clean-up that met readers
for its whole patience stays owed, and is retried on each housekeeping tick until it succeeds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import sqlite3

import aiosqlite

log = logging.getLogger(__name__)


class Checkpointer:
    """Background WAL truncation for one database file; one run at a time, coalesced."""

    def __init__(self, path: str, *, patience: float = 30.0, pause: float = 0.5) -> None:
        self._path = path
        self._attempts = max(1, math.ceil(patience / pause))
        self._pause = pause
        self._task: asyncio.Task[bool] | None = None
        self._again = False
        self.owed = False  # deleted data may still be readable in the log

    def soon(self) -> None:
        """Truncate the log as soon as no reader is in the way."""
        self.owed = True
        if self._task is not None and not self._task.done():
            self._again = True  # what was deleted meanwhile needs a pass that starts later
            return
        self._task = asyncio.create_task(self._run())

    async def retry(self) -> bool:
        """Try again a truncation still owed (the run under way, or a new one) and wait for it;
        True when nothing is owed any more."""
        if not self.owed:
            return True
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        return await asyncio.shield(self._task)

    async def close(self) -> None:
        """Stop trying; closing the last connection checkpoints anyway when it can."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _run(self) -> bool:
        done = False
        while True:
            self._again = False
            done = await self._truncate()
            if not self._again:
                self.owed = not done
                return done

    async def _truncate(self) -> bool:
        connection = await aiosqlite.connect(self._path, isolation_level=None)
        try:
            await connection.execute("PRAGMA busy_timeout = 0")
            for _ in range(self._attempts):
                if await _attempt(connection):
                    return True
                await asyncio.sleep(self._pause)
        finally:
            await asyncio.shield(connection.close())
        log.warning("the write-ahead log could not be truncated: another process kept reading;"
                    " trying again at the next housekeeping")
        return False


async def _attempt(connection: aiosqlite.Connection) -> bool:
    try:
        async with connection.execute("PRAGMA wal_checkpoint(TRUNCATE)") as cursor:
            row = await cursor.fetchone()
    except sqlite3.OperationalError:  # a writer in another process: try again later
        return False
    return row is not None and row[0] == 0
