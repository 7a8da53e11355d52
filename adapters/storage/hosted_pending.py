"""Hosted adds that wait for the host account to work again, on either engine."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from adapters.storage.sql import Engine
from adapters.storage.store import user_row_id
from core.models import UserKey


@dataclass(frozen=True)
class PendingAdd:
    """One song waiting for one hosted playlist (a person's, or a chat's: no user)."""

    owner: str
    track_uri: str
    user: UserKey | None


class SqlPendingAdds:
    """Remembered when Spotify refuses a hosted add; taken off once it is made."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def remember(self, owner: str, track_uri: str, user: UserKey | None) -> None:
        """Keep an add for later (once per playlist owner and song)."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock()) if user else None
            await db.execute(
                "INSERT INTO hosted_pending (owner, track_uri, user_id, created_at)"
                " VALUES (?, ?, ?, ?) ON CONFLICT (owner, track_uri) DO NOTHING",
                (owner, track_uri, user_id, self._clock()))

    async def oldest(self, limit: int) -> list[PendingAdd]:
        """The adds waiting longest."""
        rows = await self.database.fetchall(
            "SELECT p.owner, p.track_uri, u.platform, u.platform_user_id FROM hosted_pending p"
            " LEFT JOIN users u ON u.id = p.user_id ORDER BY p.created_at LIMIT ?", (limit,))
        return [PendingAdd(str(r[0]), str(r[1]), UserKey(str(r[2]), str(r[3])) if r[2] else None)
                for r in rows]

    async def done(self, owner: str, track_uri: str) -> None:
        """The add was made."""
        async with self.database.write() as db:
            await db.execute("DELETE FROM hosted_pending WHERE owner = ? AND track_uri = ?",
                             (owner, track_uri))

    async def count(self) -> int:
        """How many adds wait."""
        row = await self.database.fetchone("SELECT COUNT(*) FROM hosted_pending")
        return int(row[0]) if row else 0
