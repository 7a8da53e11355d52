"""A person's answers to "Which one is it?", kept per link and per question about a recording."""

from __future__ import annotations

from collections.abc import Sequence

from adapters.storage.sql import Engine
from core.models import UserKey

_USER = "(SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)"


class Answers:
    """The track each person picked, under each key of what they were asked about."""

    def __init__(self, database: Engine) -> None:
        self._database = database

    async def remember(self, user: UserKey, keys: Sequence[str], track_uri: str) -> None:
        """Keep the person's pick under every key; a later pick replaces an earlier one.
        (A person who answered a choice has a row: the choice was kept under it.)"""
        async with self._database.write() as db:
            for key in keys:
                await db.execute(
                    "INSERT INTO answers (user_id, answer_key, track_uri)"
                    " SELECT id, ?, ? FROM users WHERE platform = ? AND platform_user_id = ?"
                    " ON CONFLICT (user_id, answer_key) DO UPDATE SET"
                    " track_uri = excluded.track_uri",
                    (key, track_uri, user.platform, user.user_id))

    async def recall(self, user: UserKey, keys: Sequence[str], among: Sequence[str]
                     ) -> str | None:
        """The track the person picked under the first of `keys` whose pick is `among` the
        tracks offered now (a link's answer may name a track this search did not find)."""
        if not keys:
            return None
        marks = ", ".join("?" for _ in keys)
        rows = await self._database.fetchall(
            f"SELECT answer_key, track_uri FROM answers WHERE user_id = {_USER}"  # noqa: S608
            f" AND answer_key IN ({marks})", (user.platform, user.user_id, *keys))
        picks = {str(key): str(uri) for key, uri in rows}
        return next((picks[k] for k in keys if k in picks and picks[k] in among), None)
