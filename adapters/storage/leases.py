"""Named leases on either engine: one process at a time holds a name until its lease lapses.
Taking one is a single upsert that only overwrites a lapsed (or one's own) lease."""

from __future__ import annotations

import time
from collections.abc import Callable

from adapters.storage.sql import Engine


class SqlLeases:
    """Leases by name, shared by every process on the database."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def take(self, name: str, owner: str, seconds: float) -> bool:
        """Hold (or keep holding) `name` for `seconds`; False while another owner holds it."""
        now = self._clock()
        return await self.database.again(lambda: self._take(name, owner, now, seconds))

    async def _take(self, name: str, owner: str, now: float, seconds: float) -> bool:
        async with self.database.write() as db:
            row = await db.fetchone(
                "INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (name) DO UPDATE SET owner = excluded.owner,"
                " expires_at = excluded.expires_at"
                " WHERE leases.expires_at < ? OR leases.owner = excluded.owner RETURNING owner",
                (name, owner, now + seconds, now))
        return row is not None

    async def give_up(self, name: str, owner: str) -> None:
        """Let the next process take `name` at once."""
        async def give() -> None:
            async with self.database.write() as db:
                await db.execute("DELETE FROM leases WHERE name = ? AND owner = ?",
                                 (name, owner))

        await self.database.again(give)
