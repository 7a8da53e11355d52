"""Spotify authorizations held until their link code comes back from the chat (one table).

Only a hash of the code is stored, and the token is ciphertext: the file alone finishes nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from adapters.storage.database import Database
from adapters.storage.store import user_row_id
from core.models import UserKey


@dataclass(frozen=True)
class HeldAccount:
    """An authorized account waiting for its owner's link code."""

    user: UserKey
    spotify_user_id: str
    display_name: str
    token_blob: bytes = field(repr=False)


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class HeldLinks:
    """held_links: put under a code, taken once."""

    def __init__(self, database: Database, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def put(self, code: str, held: HeldAccount, expires_at: float) -> None:
        """Hold an account under `code` (and drop the expired ones)."""
        async with self.database.write() as db:
            await db.execute("DELETE FROM held_links WHERE expires_at <= ?", (self._clock(),))
            user_id = await user_row_id(db, held.user, self._clock())
            await db.execute(
                "INSERT INTO held_links (code_hash, user_id, spotify_user_id, display_name,"
                " token_ciphertext, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                (_digest(code), user_id, held.spotify_user_id, held.display_name,
                 held.token_blob, expires_at))

    async def take(self, code: str) -> HeldAccount | None:
        """Remove and return the unexpired account held under `code` (once)."""
        async with self.database.write() as db:
            async with db.execute(
                "SELECT u.platform, u.platform_user_id, h.spotify_user_id, h.display_name,"
                " h.token_ciphertext, h.expires_at FROM held_links h"
                " JOIN users u ON u.id = h.user_id WHERE h.code_hash = ?",
                (_digest(code),)) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            await db.execute("DELETE FROM held_links WHERE code_hash = ?", (_digest(code),))
        if row[5] <= self._clock():
            return None
        return HeldAccount(UserKey(row[0], row[1]), row[2], row[3], bytes(row[4]))
