"""The pipeline: identify a link once for everyone, then deliver the result to each person."""

from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from core import matching
from core.errors import ChoiceExpired, NotYourChoice, SpotifyNotLinked, StashError
from core.flights import Flights
from core.limits import ShareLimiter
from core.links import scan_links
from core.models import (
    AudioClip,
    CatalogTrack,
    HistoryEntry,
    Identification,
    Link,
    PendingChoice,
    Recognition,
    RefusedLink,
    UserKey,
    Verdict,
)
from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    NothingRecognized,
    NotOnSpotify,
    Outcome,
    ShareFailed,
    TrackAdded,
    TrackFound,
)
from core.ports import Catalog, MediaFetcher, Playlists, Recognizer, Stage, StatusReporter, Store

log = logging.getLogger(__name__)

DAY = 24 * 3600.0


@dataclass(frozen=True)
class Policy:
    """Limits and lifetimes of the pipeline; defaults suit one small instance."""

    matched_ttl: float = 7 * DAY  # a song behind a link does not change
    no_match_ttl: float = 30 * 60.0  # Shazam or Spotify may know it later
    choice_ttl: float = DAY
    max_windows: int = 3  # the first audio window and up to two retries
    max_links_per_message: int = 10
    links_per_minute: int = 10  # per person
    workers: int = 8  # identifications running at once in this process


@dataclass(frozen=True)
class MessagePlan:
    """What a chat message asks for: the links to stash, the refused ones, and what was cut."""

    links: tuple[Link, ...]
    refused: tuple[RefusedLink, ...]
    skipped: int = 0  # beyond the per-message cap
    limited: int = 0  # beyond the person's per-minute limit


class Stash:
    """The service every front calls."""

    def __init__(
        self,
        *,
        fetcher: MediaFetcher,
        recognizer: Recognizer,
        catalog: Catalog,
        playlists: Playlists,
        store: Store,
        extra_hosts: frozenset[str] = frozenset(),
        policy: Policy | None = None,
        clock: Callable[[], float] = time.time,
        similarity: matching.Similarity = matching.sequence_similarity,
    ) -> None:
        self._fetcher = fetcher
        self._recognizer = recognizer
        self._catalog = catalog
        self._playlists = playlists
        self._store = store
        self._extra_hosts = extra_hosts
        self.policy = policy or Policy()
        self._clock = clock
        self._similarity = similarity
        self._workers = asyncio.Semaphore(self.policy.workers)
        self._limiter = ShareLimiter(self.policy.links_per_minute)
        self.flights: Flights[Identification] = Flights()

    def read(self, text: str, user: UserKey | None = None) -> MessagePlan:
        """The links in a chat message, capped per message and (given a user) per minute."""
        scan = scan_links(text, self._extra_hosts)
        cap = self.policy.max_links_per_message
        links = scan.links[:cap]
        allowed = self._limiter.admit(user, len(links)) if user is not None else len(links)
        return MessagePlan(links[:allowed], scan.refused, max(0, len(scan.links) - cap),
                           len(links) - allowed)

    async def first_delivery(self, platform: str, chat_id: str, message_id: str) -> bool:
        """True unless this incoming message was handled before (a redelivery)."""
        return await self._store.claim_message(platform, chat_id, message_id)

    async def share(self, user: UserKey, link: Link, reporter: StatusReporter) -> Outcome:
        """Identify and deliver one link for one person. Never raises a StashError."""
        try:
            ident = await self.identify(link, reporter)
            return await self.deliver(user, ident, reporter)
        except StashError as err:
            log.info("share failed: %s", err.kind, exc_info=err.__cause__ is not None)
            return ShareFailed(err)
        except Exception:
            log.exception("share failed unexpectedly")
            return ShareFailed(StashError())

    async def identify(self, link: Link, reporter: StatusReporter) -> Identification:
        """The identification of a link, shared by everyone who shares it at once or later."""
        cached = await self._store.cached_identification(link.canonical_url, self._clock())
        if cached is not None:
            return cached
        return await self.flights.run(
            link.canonical_url, lambda progress: self._identify(link, progress), reporter
        )

    async def _identify(self, link: Link, progress: StatusReporter) -> Identification:
        if link.needs_resolve:
            await progress.stage(Stage.RESOLVING)
            resolved = await self._fetcher.resolve(link)
            if resolved.canonical_url != link.canonical_url:
                return await self.identify(resolved, progress)
        async with self._workers:
            ident = await self._identify_media(link, progress)
        ttl = self.policy.matched_ttl if ident.verdict in (Verdict.MATCHED, Verdict.AMBIGUOUS) \
            else self.policy.no_match_ttl
        await self._store.cache_identification(ident, self._clock() + ttl)
        return ident

    async def _identify_media(self, link: Link, progress: StatusReporter) -> Identification:
        recognition, clip = await self._listen(link, progress)
        if recognition is None:
            return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)
        await progress.stage(Stage.SEARCHING)
        decision = await self._search(recognition, clip)
        return Identification(link.canonical_url, decision.verdict, recognition,
                              decision.candidates)

    async def _listen(self, link: Link, progress: StatusReporter
                      ) -> tuple[Recognition | None, AudioClip | None]:
        clip = None
        for window in range(self.policy.max_windows):
            await progress.stage(Stage.DOWNLOADING, "" if window == 0 else "another part")
            clip = await self._fetcher.fetch(link, window)
            await progress.stage(Stage.LISTENING)
            recognition = await self._recognizer.recognize(clip)
            if recognition is not None or clip.final_window:
                return recognition, clip
        return None, clip

    async def _search(self, recognition: Recognition, clip: AudioClip | None
                      ) -> matching.Decision:
        hint = clip.hint if clip else None
        found: list[CatalogTrack] = []
        decision = matching.Decision(Verdict.NOT_ON_SPOTIFY, ())
        for query in matching.search_queries(recognition):
            found += await self._catalog.search(query)
            decision = matching.decide(recognition, matching.rank(recognition, found, hint,
                                                                     self._similarity))
            if decision.verdict is Verdict.MATCHED:
                break
        return decision

    async def deliver(self, user: UserKey, ident: Identification, reporter: StatusReporter
                      ) -> Outcome:
        """What one person gets from an identification."""
        if ident.verdict is Verdict.NOT_RECOGNIZED or ident.recognition is None:
            return NothingRecognized()
        if ident.verdict is Verdict.NOT_ON_SPOTIFY:
            await self._remember(user, ident.canonical_url, "not_on_spotify", None,
                                 ident.recognition)
            return NotOnSpotify(ident.recognition)
        if ident.verdict is Verdict.AMBIGUOUS:
            choice = PendingChoice(
                secrets.token_urlsafe(9), user, ident.canonical_url,
                ident.candidates[: matching.ASK_TOP], self._clock() + self.policy.choice_ttl,
                ident.recognition,
            )
            await self._store.save_choice(choice)
            return ChoiceOffered(choice)
        return await self._add(user, ident.canonical_url, ident.candidates[0].track, reporter)

    async def choose(self, user: UserKey, choice_id: str, index: int | None,
                     reporter: StatusReporter) -> Outcome:
        """The person picked candidate `index` of a choice (None: none of these)."""
        try:
            now = self._clock()
            owner = await self._store.choice_owner(choice_id, now)
            if owner is not None and owner != user:
                raise NotYourChoice()
            choice = await self._store.take_choice(user, choice_id, now)
            if choice is None:
                raise ChoiceExpired()
            if index is None or not 0 <= index < len(choice.candidates):
                return ChoiceDeclined(choice.recognition)
            return await self._add(user, choice.canonical_url, choice.candidates[index].track,
                                   reporter)
        except StashError as err:
            return ShareFailed(err)

    async def _add(self, user: UserKey, url: str, track: CatalogTrack,
                   reporter: StatusReporter) -> Outcome:
        await reporter.stage(Stage.ADDING)
        try:
            added = await self._playlists.add(user, track)
        except SpotifyNotLinked:
            await self._remember(user, url, "found", track)
            return TrackFound(track)
        await self._remember(user, url, "already" if added.already_there else "added", track)
        return TrackAdded(track, added)

    async def _remember(self, user: UserKey, url: str, outcome: str,
                        track: CatalogTrack | None, heard: Recognition | None = None) -> None:
        title = track.name if track else (heard.title if heard else None)
        artists = track.artists if track else (heard.artists if heard else ())
        entry = HistoryEntry(url, outcome, self._clock(), title, artists,
                             track.uri if track else None, track.url if track else None)
        await self._store.record_history(user, entry)

    async def history(self, user: UserKey, limit: int = 10, offset: int = 0
                      ) -> list[HistoryEntry]:
        """The person's own history, newest first."""
        return await self._store.history(user, limit, offset)
