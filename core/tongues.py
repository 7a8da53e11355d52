"""Which language Stash speaks to a person: the one they chose with /language, else what their
platform says of them (Telegram's `language_code`, Discord's `locale`), else English.

Every update asks, so the answer is remembered in the process for `ttl` seconds: a herd of
updates costs one read a person, not one an update. A choice made here is seen here at once; one
made on another replica is seen here within `ttl`. Storage away: the platform's code decides.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from core.kept import Reopen, Reopened
from core.models import KeptShare, UserKey
from core.ports import Store
from core.texts.languages import LANGUAGES, pick
from core.texts.say import speaking

log = logging.getLogger(__name__)


class Tongues:
    """The language to speak to each person, their choice kept in storage."""

    def __init__(self, store: Store, *, ttl: float = 30.0, size: int = 10_000,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._store = store
        self._ttl, self._size, self._clock = ttl, size, clock
        self._chosen: dict[UserKey, tuple[str | None, float]] = {}  # choice, until when
        self._noted: dict[UserKey, str] = {}  # the locale this process last noted
        self._writing: set[asyncio.Task[None]] = set()  # notes being written down

    async def of(self, user: UserKey, *codes: str | None) -> str:
        """The person's language: their choice, else the first of the platform's `codes` that
        is known (a person's own before their server's), in a language Stash speaks or English."""
        chosen = await self.chosen(user)
        if chosen is not None:
            return chosen
        return pick(next((code for code in codes if code), None))

    async def chosen(self, user: UserKey) -> str | None:
        """The language the person chose, if any (remembered a while)."""
        now = self._clock()
        kept = self._chosen.get(user)
        if kept is not None and kept[1] > now:
            return kept[0]
        try:
            chosen = await self._store.chosen_language(user)
        except Exception:  # the database is away: speak as their platform says
            log.warning("could not read a person's language", exc_info=True)
            return None
        self._keep(user, chosen if chosen in LANGUAGES else None, now)
        return chosen if chosen in LANGUAGES else None

    async def choose(self, user: UserKey, lang: str) -> None:
        """Remember the person's choice (raises when storage would not take it)."""
        await self._store.choose_language(user, lang)
        self._keep(user, lang, self._clock())

    def note(self, user: UserKey, locale: str | None) -> None:
        """The platform locale seen of the person now (for their plain messages, a share resumed,
        a message Stash sends them first): written down in the background when it differs from
        what this process last noted, so that nothing said to them waits for the write."""
        if not locale or self._noted.get(user) == locale:
            return
        if len(self._noted) >= self._size:
            self._noted.clear()
        self._noted[user] = locale
        task = asyncio.create_task(self._write_locale(user, locale))
        self._writing.add(task)
        task.add_done_callback(self._writing.discard)

    async def _write_locale(self, user: UserKey, locale: str) -> None:
        try:
            await self._store.note_locale(user, locale)
        except Exception:  # noted again at their next update
            log.warning("could not note a person's locale", exc_info=True)
            if self._noted.get(user) == locale:
                del self._noted[user]

    async def close(self) -> None:
        """Let the notes being written down finish (before storage closes)."""
        await asyncio.gather(*self._writing, return_exceptions=True)

    async def known_locale(self, user: UserKey) -> str | None:
        """The platform locale last seen of the person (None: never, or storage is away)."""
        if user in self._noted:
            return self._noted[user]
        try:
            return await self._store.known_locale(user)
        except Exception:
            log.warning("could not read a person's locale", exc_info=True)
            return None

    async def known(self, user: UserKey, fallback: str | None = None) -> str:
        """The person's language away from any update of theirs (a share resumed, a message
        Stash sends them first): their choice, else the locale last seen of them, else
        `fallback`'s (a server's), else English."""
        chosen = await self.chosen(user)
        return chosen or pick(await self.known_locale(user) or fallback)

    def speaking_to_sharer(self, reopen: Reopen,
                           place: Callable[[KeptShare], str | None] = lambda kept: None
                           ) -> Reopen:
        """`reopen`, speaking the sharer's language: a share another process finishes (after a
        restart) reads as the one that began it. Their choice, else the locale last seen of
        them, else the `place`'s (a Discord server's)."""
        async def reopened(kept: KeptShare) -> Reopened | None:
            speaking.set(await self.known(kept.user, place(kept)))
            return await reopen(kept)

        return reopened

    def _keep(self, user: UserKey, lang: str | None, now: float) -> None:
        if len(self._chosen) >= self._size:
            self._chosen = {key: kept for key, kept in self._chosen.items() if kept[1] > now}
            if len(self._chosen) >= self._size:
                self._chosen.clear()
        self._chosen[user] = (lang, now + self._ttl)
