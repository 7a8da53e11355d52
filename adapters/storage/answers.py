"""A person's answers to "Which one is it?", kept per link and per recording heard."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from adapters.storage.sql import Engine
from core.models import UserKey

_USER = "(SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)"


class Answers:
    """The track each person picked, under each key of what they were asked about."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self._database = database
        self._clock = clock

    async def remember(self, user: UserKey, keys: Sequence[str], track_uri: str) -> None:
        """Keep the person's pick under every key; a later pick replaces an earlier one.
        (A person who answered a choice has a row: the choice was kept under it.)"""
        async with self._database.write() as db:
            for key in keys:
                await db.execute(
                    "INSERT INTO answers (user_id, answer_key, track_uri, answered_at)"
                    " SELECT id, ?, ?, ? FROM users WHERE platform = ? AND platform_user_id = ?"
                    " ON CONFLICT (user_id, answer_key) DO UPDATE SET"
                    " track_uri = excluded.track_uri, answered_at = excluded.answered_at",
                    (key, track_uri, self._clock(), user.platform, user.user_id))

    async def recall(self, user: UserKey, keys: Sequence[str]) -> str | None:
        """The track the person picked under the first of `keys` they answered."""
        for key in keys:
            row = await self._database.fetchone(
                f"SELECT track_uri FROM answers WHERE user_id = {_USER} AND answer_key = ?",  # noqa: S608
                (user.platform, user.user_id, key))
            if row:
                return str(row[0])
        return None
