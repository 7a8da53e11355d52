"""Linked Spotify accounts, link states and the playlist add ledger on SQLite.

Every read of per-user data names the person and joins on (platform, platform_user_id).
Tokens arrive here already encrypted: this module never sees a plaintext token.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from adapters.storage.database import Database
from adapters.storage.store import user_row_id
from core.models import UserKey

PENDING = "pending"
ADDED = "added"


@dataclass(frozen=True)
class LinkState:
    """An authorization in progress: who asked, and the PKCE verifier to finish it."""

    state: str
    user: UserKey
    code_verifier: str = field(repr=False)
    expires_at: float


@dataclass(frozen=True)
class StoredAccount:
    """A linked account as stored; the token is ciphertext."""

    spotify_user_id: str
    display_name: str
    token_blob: bytes = field(repr=False)
    playlist_id: str | None = None
    playlist_name: str | None = None


class AccountStore:
    """Spotify accounts, OAuth states and the add ledger."""

    def __init__(self, database: Database, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def save_state(self, state: str, user: UserKey, code_verifier: str,
                         expires_at: float) -> None:
        """Remember a state handed out in an authorization URL."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO oauth_states (state, user_id, code_verifier, expires_at)"
                " VALUES (?, ?, ?, ?)", (state, user_id, code_verifier, expires_at))

    async def take_state(self, state: str, now: float,
                         owner: UserKey | None = None) -> LinkState | None:
        """Remove and return an unexpired state (once); with `owner`, only theirs, and a state
        that belongs to someone else stays usable by its owner."""
        async with self.database.write() as db:
            async with db.execute(
                "SELECT u.platform, u.platform_user_id, s.code_verifier, s.expires_at"
                " FROM oauth_states s JOIN users u ON u.id = s.user_id"
                " WHERE s.state = ? AND s.expires_at > ?", (state, now)) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            found = LinkState(state, UserKey(row[0], row[1]), row[2], row[3])
            if owner is not None and found.user != owner:
                return None
            await db.execute("DELETE FROM oauth_states WHERE state = ?", (state,))
        return found

    async def newest_state(self, user: UserKey, now: float) -> str | None:
        """The person's newest unexpired state."""
        async with self.database.reader.execute(
            "SELECT s.state FROM oauth_states s JOIN users u ON u.id = s.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ? AND s.expires_at > ?"
            " ORDER BY s.expires_at DESC LIMIT 1",
            (user.platform, user.user_id, now)) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def save_account(self, user: UserKey, spotify_user_id: str, display_name: str,
                           token_blob: bytes) -> None:
        """Link (or re-link) an account; the chosen playlist survives only for the same account."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO spotify_accounts (user_id, spotify_user_id, display_name,"
                " token_ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET"
                " playlist_id = CASE WHEN spotify_user_id = excluded.spotify_user_id"
                "   THEN playlist_id END,"
                " playlist_name = CASE WHEN spotify_user_id = excluded.spotify_user_id"
                "   THEN playlist_name END,"
                " spotify_user_id = excluded.spotify_user_id,"
                " display_name = excluded.display_name,"
                " token_ciphertext = excluded.token_ciphertext, updated_at = excluded.updated_at",
                (user_id, spotify_user_id, display_name, token_blob, self._clock()))

    async def account(self, user: UserKey) -> StoredAccount | None:
        """The person's linked account, or None."""
        async with self.database.reader.execute(
            "SELECT a.spotify_user_id, a.display_name, a.token_ciphertext, a.playlist_id,"
            " a.playlist_name FROM spotify_accounts a JOIN users u ON u.id = a.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ?",
            (user.platform, user.user_id)) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        return StoredAccount(row[0] or "", row[1] or "", bytes(row[2]), row[3], row[4])

    async def _update_account(self, user: UserKey, assignments: str,
                              values: tuple[object, ...]) -> bool:
        async with self.database.write() as db:
            cursor = await db.execute(
                f"UPDATE spotify_accounts SET {assignments}, updated_at = ? WHERE user_id ="  # noqa: S608
                " (SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)",
                (*values, self._clock(), user.platform, user.user_id))
            return cursor.rowcount == 1

    async def set_token(self, user: UserKey, token_blob: bytes) -> bool:
        """Replace the stored token; False when the account was unlinked meanwhile."""
        return await self._update_account(user, "token_ciphertext = ?", (token_blob,))

    async def set_playlist(self, user: UserKey, playlist_id: str, name: str) -> bool:
        """The playlist new songs go to."""
        return await self._update_account(user, "playlist_id = ?, playlist_name = ?",
                                          (playlist_id, name))

    async def delete_account(self, user: UserKey) -> bool:
        """Forget the account and its tokens; False when none was linked."""
        async with self.database.write() as db:
            cursor = await db.execute(
                "DELETE FROM spotify_accounts WHERE user_id ="
                " (SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)",
                (user.platform, user.user_id))
            removed = cursor.rowcount == 1
        if removed:
            # Old page images of the token live on in the write-ahead log until a checkpoint.
            await self.database.checkpoint()
        return removed

    async def ledger_state(self, user: UserKey, playlist_id: str, track_uri: str) -> str | None:
        """"pending" or "added" for this person, playlist and track; None when never tried."""
        async with self.database.reader.execute(
            "SELECT l.state FROM playlist_adds l JOIN users u ON u.id = l.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ?"
            " AND l.playlist_id = ? AND l.track_uri = ?",
            (user.platform, user.user_id, playlist_id, track_uri)) as cursor:
            row = await cursor.fetchone()
        return str(row[0]) if row else None

    async def record_add(self, user: UserKey, playlist_id: str, track_uri: str,
                         state: str) -> None:
        """Write the ledger line for this person, playlist and track."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO playlist_adds (user_id, playlist_id, track_uri, state, updated_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, playlist_id, track_uri)"
                " DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                (user_id, playlist_id, track_uri, state, self._clock()))

    async def rewrite_tokens(self, transform: Callable[[bytes], bytes | None]) -> tuple[int, int]:
        """Apply `transform` to every stored token in one transaction; None leaves a row as it
        is. Returns (rewritten, left)."""
        rewritten = left = 0
        async with self.database.write() as db:
            async with db.execute("SELECT user_id, token_ciphertext FROM spotify_accounts") as cur:
                rows = await cur.fetchall()
            for user_id, blob in rows:
                new = transform(bytes(blob))
                if new is None:
                    left += 1
                    continue
                await db.execute("UPDATE spotify_accounts SET token_ciphertext = ?"
                                 " WHERE user_id = ?", (new, user_id))
                rewritten += 1
        return rewritten, left
