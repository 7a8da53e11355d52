"""Spotify authorizations held until their link code comes back from the chat (one table).

Only a hash of the code is stored, and the token is ciphertext: the file alone finishes nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from adapters.storage.sql import Engine
from adapters.storage.store import user_row_id
from core.accounts import HeldAccount, HeldStatus
from core.models import UserKey


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class HeldConnections:
    """held_links: put under a code, taken once (in the whole deployment)."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
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

    async def take(self, code: str, now: float) -> HeldAccount | None:
        """Remove and return the unexpired account held under `code` (once); an expired one is
        removed too."""
        async with self.database.write() as db:
            # One statement: of two processes taking the same code, exactly one gets the row.
            row = await db.fetchone(
                "DELETE FROM held_links WHERE code_hash = ? AND used_elsewhere = 0 RETURNING"
                " user_id, spotify_user_id, display_name, token_ciphertext, expires_at",
                (_digest(code),))
            if row is None:
                return None
            who = await db.fetchone("SELECT platform, platform_user_id FROM users WHERE id = ?",
                                    (row[0],))
        if who is None or row[4] <= now:
            return None
        return HeldAccount(UserKey(who[0], who[1]), row[1], row[2], bytes(row[3]))

    async def mark_used_elsewhere(self, code: str, owner: UserKey, expires_at: float) -> None:
        """Remember, without any token, that `code` (taken) came from another account first."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, owner, self._clock())
            await db.execute(
                "INSERT INTO held_links (code_hash, user_id, spotify_user_id, display_name,"
                " token_ciphertext, expires_at, used_elsewhere) VALUES (?, ?, '', '', ?, ?, 1)",
                (_digest(code), user_id, b"", expires_at))

    async def status(self, code: str, now: float) -> HeldStatus | None:
        """Whether the unexpired `code` still waits, or was sent from another account first;
        None once used or expired."""
        row = await self.database.fetchone(
            "SELECT u.platform, u.platform_user_id, h.used_elsewhere FROM held_links h"
            " JOIN users u ON u.id = h.user_id WHERE h.code_hash = ? AND h.expires_at > ?",
            (_digest(code), now))
        return HeldStatus(UserKey(row[0], row[1]), bool(row[2])) if row else None
