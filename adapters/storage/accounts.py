"""Connected Spotify accounts, connect states and the playlist add ledger, on either engine.

Every read of per-user data names the person and joins on (platform, platform_user_id).
Tokens arrive here already encrypted: this module never sees a plaintext token.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from adapters.storage.held_connections import HeldConnections
from adapters.storage.sql import Engine
from adapters.storage.store import user_row_id
from core.accounts import ConnectState, HeldAccount, HeldStatus, StoredAccount
from core.models import UserKey

PENDING = "pending"
ADDED = "added"
_USER = "(SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)"


class SqlAccountStore:
    """Spotify accounts, OAuth states and the add ledger."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock
        self._held = HeldConnections(database, clock)

    async def hold_account(self, code: str, held: HeldAccount, expires_at: float) -> None:
        """Hold an authorized account, unlinked, under a one-time link code."""
        await self._held.put(code, held, expires_at)

    async def take_held(self, code: str, now: float) -> HeldAccount | None:
        """Remove and return the unexpired account held under `code`, once."""
        return await self._held.take(code, now)

    async def mark_used_elsewhere(self, code: str, owner: UserKey, expires_at: float) -> None:
        """Remember that a taken code came from another account than its owner's first."""
        await self._held.mark_used_elsewhere(code, owner, expires_at)

    async def held_status(self, code: str, now: float) -> HeldStatus | None:
        """Whether `code` still waits or was used from another account; None when gone."""
        return await self._held.status(code, now)

    async def save_state(self, state: str, user: UserKey, code_verifier: str,
                         expires_at: float, lang: str | None = None) -> None:
        """Remember a state handed out in an authorization URL (and the language asked in)."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO oauth_states (state, user_id, code_verifier, expires_at, lang)"
                " VALUES (?, ?, ?, ?, ?)", (state, user_id, code_verifier, expires_at, lang))

    async def take_state(self, state: str, now: float,
                         owner: UserKey | None = None) -> ConnectState | None:
        """Remove and return an unexpired state (once); with `owner`, only theirs, and a state
        that belongs to someone else stays usable by its owner."""
        mine, args = ("", ()) if owner is None else (
            f" AND user_id = {_USER}", (owner.platform, owner.user_id))
        async with self.database.write() as db:
            # One statement: of two processes taking the same state, exactly one gets the row.
            taken = await db.fetchone(
                f"DELETE FROM oauth_states WHERE state = ? AND expires_at > ?{mine}"  # noqa: S608
                " RETURNING user_id, code_verifier, expires_at, lang", (state, now, *args))
            if taken is None:
                return None
            who = await db.fetchone("SELECT platform, platform_user_id FROM users WHERE id = ?",
                                    (taken[0],))
        if who is None:  # the user row cascades with its states: cannot happen
            return None
        return ConnectState(state, UserKey(who[0], who[1]), taken[1], taken[2], taken[3])

    async def save_account(self, user: UserKey, spotify_user_id: str, display_name: str,
                           token_blob: bytes) -> None:
        """Link (or re-link) an account; the chosen playlist survives only for the same account."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO spotify_accounts AS a (user_id, spotify_user_id, display_name,"
                " token_ciphertext, updated_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET"
                " playlist_id = CASE WHEN a.spotify_user_id = excluded.spotify_user_id"
                "   THEN a.playlist_id END,"
                " playlist_name = CASE WHEN a.spotify_user_id = excluded.spotify_user_id"
                "   THEN a.playlist_name END,"
                " spotify_user_id = excluded.spotify_user_id,"
                " display_name = excluded.display_name,"
                " token_ciphertext = excluded.token_ciphertext, updated_at = excluded.updated_at",
                (user_id, spotify_user_id, display_name, token_blob, self._clock()))

    async def account(self, user: UserKey) -> StoredAccount | None:
        """The person's linked account, or None."""
        row = await self.database.fetchone(
            "SELECT a.spotify_user_id, a.display_name, a.token_ciphertext, a.playlist_id,"
            " a.playlist_name FROM spotify_accounts a JOIN users u ON u.id = a.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ?",
            (user.platform, user.user_id))
        if row is None:
            return None
        return StoredAccount(row[0] or "", row[1] or "", bytes(row[2]), row[3], row[4])

    async def _update_account(self, user: UserKey, assignments: str,
                              values: tuple[object, ...]) -> bool:
        async with self.database.write() as db:
            return await db.execute(
                f"UPDATE spotify_accounts SET {assignments}, updated_at = ?"  # noqa: S608
                f" WHERE user_id = {_USER}",
                (*values, self._clock(), user.platform, user.user_id)) == 1

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
            removed = await db.execute(
                f"DELETE FROM spotify_accounts WHERE user_id = {_USER}",  # noqa: S608
                (user.platform, user.user_id)) == 1
        if removed:
            self.database.wipe_soon()
        return removed

    async def ledger_state(self, user: UserKey, playlist_id: str, track_uri: str) -> str | None:
        """"pending" or "added" for this person, playlist and track; None when never tried."""
        row = await self.database.fetchone(
            "SELECT l.state FROM playlist_adds l JOIN users u ON u.id = l.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ? "
            " AND l.playlist_id = ? AND l.track_uri = ?",
            (user.platform, user.user_id, playlist_id, track_uri))
        return str(row[0]) if row else None

    async def claim_add(self, user: UserKey, playlist_id: str, track_uri: str,
                        lease: float) -> bool:
        """Take the right to add this track now: True for the one caller (in any process) that
        may; False while another holds a claim younger than `lease` seconds, or it is added."""
        now = self._clock()

        # Tried again after a cut, a claim that went through reads as held: the add then waits
        # out the lease, and is never made twice.
        async def claim() -> bool:
            async with self.database.write() as db:
                user_id = await user_row_id(db, user, now)
                return await db.fetchone(
                    "INSERT INTO playlist_adds AS l (user_id, playlist_id, track_uri, state,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (user_id, playlist_id, track_uri)"
                    " DO UPDATE SET updated_at = excluded.updated_at"
                    " WHERE l.state = ? AND l.updated_at <= ? RETURNING state",
                    (user_id, playlist_id, track_uri, PENDING, now, PENDING, now - lease)
                ) is not None

        return await self.database.again(claim)

    async def release_add(self, user: UserKey, playlist_id: str, track_uri: str) -> None:
        """Give up a claim whose add failed: the next caller may claim at once."""
        async def release() -> None:
            async with self.database.write() as db:
                await db.execute(
                    f"UPDATE playlist_adds SET updated_at = 0 WHERE user_id = {_USER}"  # noqa: S608
                    " AND playlist_id = ? AND track_uri = ? AND state = ?",
                    (user.platform, user.user_id, playlist_id, track_uri, PENDING))

        await self.database.again(release)

    async def record_add(self, user: UserKey, playlist_id: str, track_uri: str,
                         state: str) -> None:
        """Write the ledger line for this person, playlist and track."""
        async def record() -> None:
            async with self.database.write() as db:
                user_id = await user_row_id(db, user, self._clock())
                await db.execute(
                    "INSERT INTO playlist_adds (user_id, playlist_id, track_uri, state,"
                    " updated_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (user_id, playlist_id, track_uri)"
                    " DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at",
                    (user_id, playlist_id, track_uri, state, self._clock()))

        await self.database.again(record)

    async def rewrite_tokens(self, transform: Callable[[bytes], bytes | None]) -> tuple[int, int]:
        """Apply `transform` to every stored token; None leaves a row as it is. A token replaced
        meanwhile (a refresh) is left too. Returns (rewritten, left)."""
        rewritten = left = 0
        async with self.database.write() as db:
            rows = await db.fetchall("SELECT user_id, token_ciphertext FROM spotify_accounts")
            for user_id, blob in rows:
                new = transform(bytes(blob))
                changed = new is not None and await db.execute(
                    "UPDATE spotify_accounts SET token_ciphertext = ?"
                    " WHERE user_id = ? AND token_ciphertext = ?", (new, user_id, blob)) == 1
                rewritten += changed
                left += not changed
        return rewritten, left
