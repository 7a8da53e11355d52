"""The playlists Stash's host account keeps, on either engine: one row per part (a playlist
holds at most 10,000 items, so a full one goes on in a next part)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from adapters.storage.sql import Engine
from adapters.storage.store import user_row_id
from core.accounts import PlaylistInfo
from core.models import UserKey

_COLUMNS = "part, playlist_id, name, url, items"


@dataclass(frozen=True)
class HostedPart:
    """One hosted playlist as stored."""

    part: int
    info: PlaylistInfo
    items: int


def person(user: UserKey) -> str:
    """The owner key of a person's hosted playlist."""
    return f"user:{user.platform}:{user.user_id}"


def chat(platform: str, chat_id: str) -> str:
    """The owner key of a chat's group playlist."""
    return f"chat:{platform}:{chat_id}"


def _part(row: tuple[object, ...]) -> HostedPart:
    return HostedPart(int(str(row[0])), PlaylistInfo(str(row[1]), str(row[2]), str(row[3])),
                      int(str(row[4])))


class SqlHostedStore:
    """Hosted playlists by owner; a person's go with the person's user row."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock

    async def current(self, owner: str, host_id: str) -> HostedPart | None:
        """The part songs go to now (the newest) of the host `host_id`, or None."""
        row = await self.database.fetchone(
            f"SELECT {_COLUMNS} FROM hosted_playlists WHERE owner = ? AND host_id = ?"  # noqa: S608
            " ORDER BY part DESC LIMIT 1", (owner, host_id))
        return _part(row) if row else None

    async def parts(self, owner: str) -> list[HostedPart]:
        """Every part of the owner's hosted playlist, of any host."""
        rows = await self.database.fetchall(
            f"SELECT {_COLUMNS} FROM hosted_playlists WHERE owner = ?"  # noqa: S608
            " ORDER BY part", (owner,))
        return [_part(row) for row in rows]

    async def keep(self, owner: str, part: int, host_id: str, info: PlaylistInfo,
                   user: UserKey | None = None) -> HostedPart:
        """Record a playlist just made; of two processes making the same part, the first
        recorded wins and both get its row (the loser unfollows its own)."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock()) if user else None
            # A playlist of an earlier host account cannot be added to any more.
            await db.execute("DELETE FROM hosted_playlists WHERE owner = ? AND host_id <> ?",
                             (owner, host_id))
            await db.execute(
                "INSERT INTO hosted_playlists (owner, part, user_id, host_id, playlist_id, name,"
                " url, items, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)"
                " ON CONFLICT (owner, part) DO NOTHING",
                (owner, part, user_id, host_id, info.playlist_id, info.name, info.url or "",
                 self._clock()))
            row = await db.fetchone(
                f"SELECT {_COLUMNS} FROM hosted_playlists WHERE owner = ?"  # noqa: S608
                " AND part = ?", (owner, part))
        assert row is not None  # noqa: S101 - written just above, in the same transaction
        return _part(row)

    async def counted(self, owner: str, part: int, added: int) -> None:
        """`added` more items in a part."""
        async with self.database.write() as db:
            await db.execute("UPDATE hosted_playlists SET items = items + ?"
                             " WHERE owner = ? AND part = ?", (added, owner, part))

    async def full(self, owner: str, part: int, items: int) -> None:
        """Spotify said the part is full: it holds `items`."""
        async with self.database.write() as db:
            await db.execute("UPDATE hosted_playlists SET items = ? WHERE owner = ? AND part = ?",
                             (items, owner, part))

    async def forget_part(self, owner: str, part: int) -> None:
        """A part deleted on Spotify: the next add makes it anew."""
        async with self.database.write() as db:
            await db.execute("DELETE FROM hosted_playlists WHERE owner = ? AND part = ?",
                             (owner, part))

    async def take_copy(self, owner: str) -> bool:
        """True once (in the whole deployment) for the owner's copy into their own playlist."""
        async with self.database.write() as db:
            return await db.execute("UPDATE hosted_playlists SET copied = 1"
                                    " WHERE owner = ? AND copied = 0", (owner,)) > 0

    async def copied(self, owner: str) -> bool:
        """Whether the owner's songs were copied (or are being copied) already."""
        row = await self.database.fetchone(
            "SELECT 1 FROM hosted_playlists WHERE owner = ? AND copied = 1 LIMIT 1", (owner,))
        return row is not None

    async def release_copy(self, owner: str) -> None:
        """A copy that failed may be tried again."""
        async with self.database.write() as db:
            await db.execute("UPDATE hosted_playlists SET copied = 0 WHERE owner = ?", (owner,))

    async def turn_group(self, owner: str, on: bool) -> None:
        """Turn a chat's group playlist on or off (its playlist stays, for turning it on again)."""
        async with self.database.write() as db:
            if on:
                await db.execute("INSERT INTO group_playlists (owner, turned_on) VALUES (?, ?)"
                                 " ON CONFLICT (owner) DO NOTHING", (owner, self._clock()))
            else:
                await db.execute("DELETE FROM group_playlists WHERE owner = ?", (owner,))

    async def group_on(self, owner: str) -> bool:
        """Whether the chat's admins turned its group playlist on."""
        return await self.database.fetchone(
            "SELECT 1 FROM group_playlists WHERE owner = ?", (owner,)) is not None

    async def drop(self, owner: str) -> None:
        """Forget every part of the owner's hosted playlist, and the ledger of what went in
        (it would say which songs a forgotten person shared)."""
        async with self.database.write() as db:
            await db.execute("DELETE FROM playlist_adds WHERE playlist_id IN (SELECT playlist_id"
                             " FROM hosted_playlists WHERE owner = ?)", (owner,))
            await db.execute("DELETE FROM hosted_playlists WHERE owner = ?", (owner,))
        self.database.wipe_soon()
