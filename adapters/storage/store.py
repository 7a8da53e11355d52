"""The Store port on either engine. Every per-user read joins on the user key: no other user's
rows. Whatever must happen once is one atomic statement, so it holds across processes too."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence

from adapters import codec
from adapters.storage.answers import Answers
from adapters.storage.grouped import Grouped, chunks, values
from adapters.storage.inbox import Inbox
from adapters.storage.languages import Languages
from adapters.storage.sql import Engine, Session
from core.models import HistoryEntry, Identification, PendingChoice, UserKey

_USER = "(SELECT id FROM users WHERE platform = ? AND platform_user_id = ?)"


async def user_row_id(db: Session, user: UserKey, now: float) -> int:
    """The row id of a user, created on first sight (call inside a write transaction)."""
    # The no-op update makes RETURNING answer for an existing row too.
    row = await db.fetchone(
        "INSERT INTO users (platform, platform_user_id, created_at) VALUES (?, ?, ?)"
        " ON CONFLICT (platform, platform_user_id) DO UPDATE SET platform = excluded.platform"
        " RETURNING id", (user.platform, user.user_id, now))
    if row is None:
        raise RuntimeError("INSERT ... RETURNING gave no row")
    return int(row[0])


async def user_row_ids(db: Session, users: Sequence[UserKey], now: float) -> dict[UserKey, int]:
    """`user_row_id` for many users in one statement a chunk."""
    distinct = list(dict.fromkeys(users))  # a row may be changed once per statement
    ids: dict[UserKey, int] = {}
    for chunk in chunks(distinct, 3):
        rows = await db.fetchall(
            "INSERT INTO users (platform, platform_user_id, created_at)"  # noqa: S608
            f" VALUES {values(len(chunk), 3)} ON CONFLICT (platform, platform_user_id)"
            " DO UPDATE SET platform = excluded.platform RETURNING id, platform, platform_user_id",
            [value for user in chunk for value in (user.platform, user.user_id, now)])
        ids.update({UserKey(str(row[1]), str(row[2])): int(row[0]) for row in rows})
    return ids


class SqlStore:
    """Users, identifications, history, choices and the inbox."""

    def __init__(self, database: Engine, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self._clock = clock
        self._inbox = Inbox(database, clock)
        self._answers = Answers(database)
        self._languages = Languages(database, clock)
        # Not retried: a history line written twice would show twice.
        self._history = Grouped(database, self._record_all, idempotent=False)

    async def cached_identification(self, canonical_url: str, now: float) -> Identification | None:
        """A cached identification that has not expired."""
        row = await self.database.fetchone(
            "SELECT body FROM identifications WHERE canonical_url = ? AND expires_at > ?",
            (canonical_url, now))
        return codec.load_identification(row[0]) if row else None

    async def cache_identification(self, ident: Identification, expires_at: float) -> None:
        """Remember an identification until `expires_at`."""
        async def cache() -> None:
            async with self.database.write() as db:
                await db.execute(
                    "INSERT INTO identifications (canonical_url, verdict, body, created_at,"
                    " expires_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (canonical_url) DO UPDATE"
                    " SET verdict = excluded.verdict, body = excluded.body,"
                    " created_at = excluded.created_at, expires_at = excluded.expires_at",
                    (ident.canonical_url, ident.verdict.value, codec.dump_identification(ident),
                     self._clock(), expires_at))

        await self.database.again(cache)

    async def record_history(self, user: UserKey, entry: HistoryEntry) -> None:
        """Add a line to the person's history (with the lines of others asked for meanwhile)."""
        await self._history((user, entry))

    async def _record_all(self, db: Session, lines: list[tuple[UserKey, HistoryEntry]]) -> None:
        ids = await user_row_ids(db, [user for user, _ in lines], self._clock())
        for chunk in chunks(lines, 8):
            await db.execute(
                "INSERT INTO history (user_id, url, outcome, title, artists, track_uri,"  # noqa: S608
                f" track_url, created_at) VALUES {values(len(chunk), 8)}",
                [value for user, e in chunk for value in (
                    ids[user], e.url, e.outcome, e.title,
                    json.dumps(list(e.artists), ensure_ascii=False), e.track_uri, e.track_url,
                    float(e.created_at))])

    async def history(self, user: UserKey, limit: int, offset: int = 0) -> list[HistoryEntry]:
        """The person's history, newest first."""
        rows = await self.database.fetchall(
            "SELECT h.url, h.outcome, h.created_at, h.title, h.artists, h.track_uri, h.track_url"
            " FROM history h JOIN users u ON u.id = h.user_id"
            " WHERE u.platform = ? AND u.platform_user_id = ?"
            " ORDER BY h.created_at DESC, h.id DESC LIMIT ? OFFSET ?",
            (user.platform, user.user_id, limit, offset))
        return [HistoryEntry(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6])
                for r in rows]

    async def save_choice(self, choice: PendingChoice) -> None:
        """Keep a pending choice server-side."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, choice.owner, self._clock())
            await db.execute(
                "INSERT INTO choices (id, user_id, body, expires_at) VALUES (?, ?, ?, ?)",
                (choice.choice_id, user_id, codec.dump_choice(choice), choice.expires_at))

    async def choice_owner(self, choice_id: str, now: float) -> UserKey | None:
        """Who may answer a pending, unexpired choice (None: no such choice)."""
        row = await self.database.fetchone(
            "SELECT u.platform, u.platform_user_id FROM choices c JOIN users u ON u.id = c.user_id"
            " WHERE c.id = ? AND c.expires_at > ?", (choice_id, now))
        return UserKey(row[0], row[1]) if row else None

    async def take_choice(self, owner: UserKey, choice_id: str, now: float) -> PendingChoice | None:
        """Remove and return the owner's unexpired choice: a choice works once."""
        async with self.database.write() as db:
            row = await db.fetchone(
                f"DELETE FROM choices WHERE id = ? AND expires_at > ? AND user_id = {_USER}"  # noqa: S608
                " RETURNING body, expires_at", (choice_id, now, owner.platform, owner.user_id))
        return codec.load_choice(row[0], owner, row[1]) if row else None

    async def claim_message(self, platform: str, chat_id: str, message_id: str,
                            sender: str | None = None) -> bool:
        """True the first time a message is seen; False for a message handled before."""
        return await self._inbox.claim((platform, chat_id, message_id), sender)

    async def note_shared(self, user: UserKey, canonical_url: str, expires_at: float) -> None:
        """The person shared a link that left no history line: /forget must find its cached
        identification until `expires_at` (the longest it can be cached)."""
        async with self.database.write() as db:
            user_id = await user_row_id(db, user, self._clock())
            await db.execute(
                "INSERT INTO shared_links (user_id, canonical_url, expires_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_id, canonical_url) DO UPDATE SET"
                " expires_at = excluded.expires_at", (user_id, canonical_url, expires_at))

    async def remember_answer(self, user: UserKey, keys: Sequence[str], track_uri: str) -> None:
        """Keep the track the person picked, under each key of what they were asked about."""
        await self._answers.remember(user, keys, track_uri)

    async def remembered_answer(self, user: UserKey, keys: Sequence[str], among: Sequence[str]
                                ) -> str | None:
        """The track the person picked before under the first of `keys` whose pick is `among`
        the tracks offered now, if any."""
        return await self._answers.recall(user, keys, among)

    async def chosen_language(self, user: UserKey) -> str | None:
        """The language the person chose with /language (None: they did not choose)."""
        return await self._languages.chosen(user)

    async def choose_language(self, user: UserKey, lang: str | None) -> None:
        """Remember the person's language (None: follow their platform's again)."""
        await self._languages.choose(user, lang)

    async def note_locale(self, user: UserKey, locale: str) -> None:
        """Remember the platform locale last seen of the person (Discord's, for messages)."""
        await self._languages.note(user, locale)

    async def known_locale(self, user: UserKey) -> str | None:
        """The platform locale last seen of the person, if any."""
        return await self._languages.locale(user)

    async def forget(self, user: UserKey) -> int:
        """Delete everything held on a person, the marks of the messages they sent, and the
        cached identifications of the links they shared (with a history line or without);
        returns how many history lines went. Nothing stays readable in the files.

        A file's cached identification stays (history keeps only the kind of file, so it does
        not match here): keyed by the file's identity, naming only the song, it names no one."""
        async with self.database.write() as db:
            await db.execute("DELETE FROM inbox WHERE platform = ? AND sender = ?",
                             (user.platform, user.user_id))
            removed = await _forget_user(db, user)
        self.database.wipe_soon()
        return removed


async def _forget_user(db: Session, user: UserKey) -> int:
    """Delete the person's row and what hangs on it; how many history lines went."""
    row = await db.fetchone(f"SELECT id FROM users WHERE id = {_USER}",  # noqa: S608
                            (user.platform, user.user_id))
    if row is None:
        return 0
    await db.execute("DELETE FROM identifications WHERE canonical_url IN"
                     " (SELECT url FROM history WHERE user_id = ?"
                     "  UNION SELECT canonical_url FROM shared_links WHERE user_id = ?)",
                     (row[0], row[0]))
    removed = await db.execute("DELETE FROM history WHERE user_id = ?", (row[0],))
    # The rest (account, tokens, link states, choices, answers, shared links, ledger,
    # language) cascades.
    await db.execute("DELETE FROM users WHERE id = ?", (row[0],))
    return removed
