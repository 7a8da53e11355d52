"""The handled-once inbox, claimed in groups: the claims that arrive while one group commits go
out together in the next transaction, one statement each group, on either engine.

A herd sends a thousand messages at once and each must be claimed before its first status
message; one write transaction per claim queued them all behind the single writer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from adapters.storage.sql import Engine, Session

Key = tuple[str, str, str]  # (platform, chat_id, message_id)
# Rows per statement: five parameters a row stay under SQLite's oldest variable limit (999).
CHUNK = 150


class Inbox:
    """Claims of incoming messages, each answered True exactly once per message."""

    def __init__(self, database: Engine, clock: Callable[[], float]) -> None:
        self.database = database
        self._clock = clock
        self._waiting: list[tuple[Key, asyncio.Future[bool]]] = []
        self._senders: dict[Key, str | None] = {}
        self._committing: asyncio.Task[None] | None = None

    async def claim(self, key: Key, sender: str | None = None) -> bool:
        """True the first time a message is seen; False for a message handled before.
        `sender` (their id on the platform) lets /forget find the mark again."""
        answer: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._senders.setdefault(key, sender)
        self._waiting.append((key, answer))
        if self._committing is None:
            self._committing = asyncio.create_task(self._commit_waiting())
        return await answer

    async def _commit_waiting(self) -> None:
        try:
            while self._waiting:
                # A claim whose caller gave up before its group began is left out, unclaimed.
                group = [(key, answer) for key, answer in self._waiting if not answer.done()]
                senders, self._waiting, self._senders = self._senders, [], {}
                if group:
                    await self._commit(group, senders)
        finally:
            self._committing = None

    async def _commit(self, group: list[tuple[Key, asyncio.Future[bool]]],
                      senders: dict[Key, str | None]) -> None:
        keys = list(dict.fromkeys(key for key, _ in group))  # one row per message, in order
        # The claim's time marks it as this group's: a try cut off after it went through finds
        # its own rows on the next try, and they are still first (not "handled before").
        now = self._clock()
        try:
            claimed = await self.database.again(lambda: self._claim(keys, senders, now))
        except BaseException as err:  # every claim of the group failed with it
            for _, answer in group:
                if not answer.done():
                    if isinstance(err, Exception):
                        answer.set_exception(err)
                    else:  # stopping: no caller may wait for an answer that never comes
                        answer.cancel()
            if not isinstance(err, Exception):
                raise
            return
        for key, answer in group:
            first = key in claimed
            claimed.discard(key)  # a message claimed twice in one group is first only once
            if not answer.done():
                answer.set_result(first)

    async def _claim(self, keys: list[Key], senders: dict[Key, str | None], now: float
                     ) -> set[Key]:
        # Urgent: the person waits on the claim for their first status message.
        async with self.database.write(urgent=True) as db:
            claimed = set()
            for start in range(0, len(keys), CHUNK):
                claimed |= await _insert(db, keys[start:start + CHUNK], senders, now)
            return claimed


async def _insert(db: Session, keys: list[Key], senders: dict[Key, str | None],
                  now: float) -> set[Key]:
    """Insert the messages not seen before, with who sent each; the keys that were new (or
    claimed at `now`)."""
    rows = ", ".join("(?, ?, ?, ?, ?)" for _ in keys)
    args = [value for key in keys for value in (*key, senders.get(key), now)]
    inserted = await db.fetchall(
        "INSERT INTO inbox (platform, chat_id, message_id, sender, received_at)"  # noqa: S608
        f" VALUES {rows}"
        " ON CONFLICT (platform, chat_id, message_id) DO UPDATE SET received_at ="
        " inbox.received_at WHERE inbox.received_at = excluded.received_at"
        " RETURNING platform, chat_id, message_id", args)
    return {(str(row[0]), str(row[1]), str(row[2])) for row in inserted}
