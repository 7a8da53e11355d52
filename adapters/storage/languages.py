"""The language each person chose (/language), and the last platform locale seen of them."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from adapters.storage.grouped import Grouped, GroupedReads, chunks, values
from adapters.storage.sql import Engine, Session
from core.models import UserKey


class Languages:
    """One row a person: `chosen` (None: follow the platform) and `locale` (as the platform
    spelled it). Rows hang on the person's users row, so /forget takes them."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self._database = database
        self._clock = clock
        self._chosen = GroupedReads(partial(self._read_all, "chosen"))
        self._locales = GroupedReads(partial(self._read_all, "locale"))
        self._noting = Grouped(database, self._note_all, idempotent=True)

    async def chosen(self, user: UserKey) -> str | None:
        """The language the person chose, if they chose one (read with others asked now)."""
        return await self._chosen(user)

    async def _read_all(self, column: str, users: list[UserKey]) -> dict[UserKey, str]:
        """`column` of each person who has one set, one statement a platform and chunk."""
        found: dict[UserKey, str] = {}
        for platform in {user.platform for user in users}:
            ids = [user.user_id for user in users if user.platform == platform]
            for chunk in chunks(ids, 1):
                rows = await self._database.fetchall(
                    f"SELECT u.platform_user_id, l.{column} FROM languages l"  # noqa: S608
                    " JOIN users u ON u.id = l.user_id WHERE u.platform = ?"
                    f" AND u.platform_user_id IN ({', '.join('?' * len(chunk))})",
                    (platform, *chunk))
                found.update({UserKey(platform, row[0]): row[1] for row in rows if row[1]})
        return found

    async def locale(self, user: UserKey) -> str | None:
        """The platform locale last seen of the person, if any."""
        return await self._locales(user)

    async def choose(self, user: UserKey, lang: str | None) -> None:
        """Remember the person's choice (None: back to the platform's language)."""
        from adapters.storage.store import user_row_id  # store.py builds on this module

        async with self._database.write() as db:
            now = self._clock()
            user_id = await user_row_id(db, user, now)
            await db.execute(
                "INSERT INTO languages (user_id, chosen, updated_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id) DO UPDATE SET chosen = excluded.chosen,"
                " updated_at = excluded.updated_at", (user_id, lang, now))

    async def note(self, user: UserKey, locale: str) -> None:
        """Remember the platform locale seen of the person (written only when it changed), in
        a group with the others noted now: a herd's first updates wrote one each, a read and a
        transaction a person while their first messages waited for the loop. The locales on
        record are read first, a group in one statement: after a redeploy every person's first
        update notes a locale that is mostly the one already kept, and a write each rewrote
        their users row."""
        if await self._locales(user) != locale:
            await self._noting((user, locale))

    async def _note_all(self, db: Session, notes: list[tuple[UserKey, str]]) -> None:
        from adapters.storage.store import user_row_ids  # store.py builds on this module

        latest = dict(notes)  # a person noted twice in a group: the later locale
        now = self._clock()
        ids = await user_row_ids(db, list(latest), now)
        for chunk in chunks(list(latest.items()), 3):
            await db.execute(
                "INSERT INTO languages (user_id, locale, updated_at)"  # noqa: S608
                f" VALUES {values(len(chunk), 3)} ON CONFLICT (user_id) DO UPDATE"
                " SET locale = excluded.locale, updated_at = excluded.updated_at"
                " WHERE languages.locale IS NULL OR languages.locale <> excluded.locale",
                [value for user, locale in chunk for value in (ids[user], locale, now)])
