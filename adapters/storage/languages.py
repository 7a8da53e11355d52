"""The language each person chose (/language), and the last platform locale seen of them."""

from __future__ import annotations

import time
from collections.abc import Callable

from adapters.storage.grouped import GroupedReads, chunks
from adapters.storage.sql import Engine
from core.models import UserKey

_OF = ("SELECT {column} FROM languages l JOIN users u ON u.id = l.user_id"
       " WHERE u.platform = ? AND u.platform_user_id = ?")


class Languages:
    """One row a person: `chosen` (None: follow the platform) and `locale` (as the platform
    spelled it). Rows hang on the person's users row, so /forget takes them."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self._database = database
        self._clock = clock
        self._chosen = GroupedReads(self._read_chosen)

    async def chosen(self, user: UserKey) -> str | None:
        """The language the person chose, if they chose one (read with others asked now)."""
        return await self._chosen(user)

    async def _read_chosen(self, users: list[UserKey]) -> dict[UserKey, str]:
        found: dict[UserKey, str] = {}
        for platform in {user.platform for user in users}:
            ids = [user.user_id for user in users if user.platform == platform]
            for chunk in chunks(ids, 1):
                rows = await self._database.fetchall(
                    "SELECT u.platform_user_id, l.chosen FROM languages l"  # noqa: S608
                    " JOIN users u ON u.id = l.user_id WHERE u.platform = ?"
                    f" AND u.platform_user_id IN ({', '.join('?' * len(chunk))})",
                    (platform, *chunk))
                found.update({UserKey(platform, row[0]): row[1] for row in rows if row[1]})
        return found

    async def locale(self, user: UserKey) -> str | None:
        """The platform locale last seen of the person, if any."""
        return await self._read("locale", user)

    async def choose(self, user: UserKey, lang: str | None) -> None:
        """Remember the person's choice (None: back to the platform's language)."""
        await self._write("chosen", user, lang, always=True)

    async def note(self, user: UserKey, locale: str) -> None:
        """Remember the platform locale seen of the person (written only when it changed)."""
        await self._write("locale", user, locale, always=False)

    async def _read(self, column: str, user: UserKey) -> str | None:
        row = await self._database.fetchone(_OF.format(column=column),
                                            (user.platform, user.user_id))
        return row[0] if row and row[0] else None

    async def _write(self, column: str, user: UserKey, value: str | None, always: bool) -> None:
        from adapters.storage.store import user_row_id  # store.py builds on this module

        if not always and await self._read(column, user) == value:
            return
        async with self._database.write() as db:
            now = self._clock()
            user_id = await user_row_id(db, user, now)
            await db.execute(
                f"INSERT INTO languages (user_id, {column}, updated_at) VALUES (?, ?, ?)"  # noqa: S608
                f" ON CONFLICT (user_id) DO UPDATE SET {column} = excluded.{column},"
                " updated_at = excluded.updated_at", (user_id, value, now))
