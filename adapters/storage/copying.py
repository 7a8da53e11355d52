"""`stash db copy`: a deployment's lasting data from one database into another (SQLite into
PostgreSQL, typically): people, linked accounts with their still-encrypted tokens, history,
the playlist ledger and each person's language. Transient rows (handled messages, choices,
link states, the identification cache) are not moved: they expire within days anyway. Nor
are remembered answers to "Which one is it?": without them the next share of such a song only
asks again.

The copy is one transaction on the target, so an interrupted copy leaves nothing behind, and
copying the same data again adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from adapters.storage.sql import Engine, Session
from adapters.storage.store import user_row_id
from core.models import UserKey

BATCH = 1_000
_EMPTY_CHECK = ("users", "spotify_accounts", "history", "playlist_adds")


class CopyRefused(Exception):
    """The target holds data already and merging was not asked for."""


@dataclass
class Copied:
    """Rows written to the target, by kind (rows it had already are not counted)."""

    people: int = 0
    accounts: int = 0
    history: int = 0
    ledger: int = 0


async def rows_in(database: Engine) -> int:
    """Rows in the tables a copy writes to."""
    total = 0
    for table in _EMPTY_CHECK:
        row = await database.fetchone(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed
        total += int(row[0]) if row else 0
    return total


async def copy_database(source: Engine, target: Engine, *, merge: bool = False) -> Copied:
    """Copy people, accounts, history and ledger; CopyRefused for a non-empty target unless
    `merge` (then rows the target has already are left as they are, or updated when the
    source's are newer)."""
    if not merge and await rows_in(target):
        raise CopyRefused("the target database already holds data: pass --merge to add to it")
    copied = Copied()
    async with target.write() as db:
        ids = await _people(source, db, copied)
        for source_id, target_id in ids.items():
            await _accounts(source, db, source_id, target_id, copied)
            await _history(source, db, source_id, target_id, copied)
            await _ledger(source, db, source_id, target_id, copied)
            await _language(source, db, source_id, target_id)
    return copied


async def _people(source: Engine, db: Session, copied: Copied) -> dict[int, int]:
    ids: dict[int, int] = {}
    last = -1
    while rows := await source.fetchall(
            "SELECT id, platform, platform_user_id, created_at FROM users WHERE id > ?"
            " ORDER BY id LIMIT ?", (last, BATCH)):
        for source_id, platform, user_id, created_at in rows:
            known = await db.fetchone("SELECT id FROM users WHERE platform = ?"
                                      " AND platform_user_id = ?", (platform, user_id))
            ids[source_id] = await user_row_id(db, UserKey(platform, user_id), created_at)
            copied.people += known is None
        last = rows[-1][0]
    return ids


async def _accounts(source: Engine, db: Session, source_id: int, target_id: int,
                    copied: Copied) -> None:
    row = await source.fetchone(
        "SELECT spotify_user_id, display_name, token_ciphertext, playlist_id, playlist_name,"
        " updated_at FROM spotify_accounts WHERE user_id = ?", (source_id,))
    if row is None:
        return
    copied.accounts += await db.execute(
        "INSERT INTO spotify_accounts (user_id, spotify_user_id, display_name,"
        " token_ciphertext, playlist_id, playlist_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (user_id) DO UPDATE SET spotify_user_id = excluded.spotify_user_id,"
        " display_name = excluded.display_name, token_ciphertext = excluded.token_ciphertext,"
        " playlist_id = excluded.playlist_id, playlist_name = excluded.playlist_name,"
        " updated_at = excluded.updated_at"
        " WHERE spotify_accounts.updated_at < excluded.updated_at",
        (target_id, row[0], row[1], bytes(row[2]), row[3], row[4], row[5]))


async def _history(source: Engine, db: Session, source_id: int, target_id: int,
                   copied: Copied) -> None:
    last = -1
    while rows := await source.fetchall(
            "SELECT id, url, outcome, title, artists, track_uri, track_url, created_at"
            " FROM history WHERE user_id = ? AND id > ? ORDER BY id LIMIT ?",
            (source_id, last, BATCH)):
        for _, url, outcome, *rest, created_at in rows:
            # A line has no id of its own across databases: who, what and when name it.
            if await db.fetchone("SELECT 1 FROM history WHERE user_id = ? AND url = ?"
                                 " AND outcome = ? AND created_at = ?",
                                 (target_id, url, outcome, created_at)):
                continue
            copied.history += await db.execute(
                "INSERT INTO history (user_id, url, outcome, title, artists, track_uri,"
                " track_url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (target_id, url, outcome, *rest, created_at))
        last = rows[-1][0]


async def _ledger(source: Engine, db: Session, source_id: int, target_id: int,
                  copied: Copied) -> None:
    for playlist_id, track_uri, state, updated_at in await source.fetchall(
            "SELECT playlist_id, track_uri, state, updated_at FROM playlist_adds"
            " WHERE user_id = ?", (source_id,)):
        copied.ledger += await db.execute(
            "INSERT INTO playlist_adds (user_id, playlist_id, track_uri, state, updated_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id, playlist_id, track_uri) DO UPDATE"
            " SET state = excluded.state, updated_at = excluded.updated_at"
            " WHERE playlist_adds.updated_at < excluded.updated_at",
            (target_id, playlist_id, track_uri, state, updated_at))


async def _language(source: Engine, db: Session, source_id: int, target_id: int) -> None:
    row = await source.fetchone("SELECT chosen, locale, updated_at FROM languages"
                                " WHERE user_id = ?", (source_id,))
    if row is not None:
        await db.execute(
            "INSERT INTO languages (user_id, chosen, locale, updated_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (user_id) DO UPDATE SET chosen = excluded.chosen,"
            " locale = excluded.locale, updated_at = excluded.updated_at"
            " WHERE languages.updated_at < excluded.updated_at", (target_id, *row))
