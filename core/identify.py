"""Identification, per link: fetch a window, recognize it, find it on Spotify; shared and cached."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from core import matching
from core.flights import Flights
from core.models import AudioClip, CatalogTrack, Identification, Link, Recognition, Verdict
from core.ports import (
    Catalog,
    IdentificationRunner,
    MediaFetcher,
    Recognizer,
    Stage,
    StatusReporter,
    Store,
)
from core.requester import requester
from core.shared_flights import SharedFlights
from core.telemetry import StageTimer, Telemetry
from core.turns import FairSlots

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
    workers: int = 8  # downloads and searches running at once in this process


class Identifier:
    """Identifies links: one flight per canonical URL in this process, results cached in storage."""

    def __init__(self, *, fetcher: MediaFetcher, recognizer: Recognizer, catalog: Catalog,
                 store: Store, policy: Policy, telemetry: Telemetry,
                 clock: Callable[[], float], similarity: matching.Similarity,
                 runner: IdentificationRunner | None = None, shared: SharedFlights | None = None
                 ) -> None:
        self._fetcher = fetcher
        self._recognizer = recognizer
        self._catalog = catalog
        self._store = store
        self._policy = policy
        self._telemetry = telemetry
        self._clock = clock
        self._similarity = similarity
        # Slots bound downloads and searches, not the wait for Shazam's turn (its budget is
        # fair itself): a person's backlog waiting for turns holds no slot another needs.
        self._slots = FairSlots(policy.workers)
        self.flights: Flights[Identification] = Flights()
        # Distributed mode: workers identify links; this process only waits for their answer.
        self._runner = runner
        # Without workers, processes on one database take turns by a lease per link instead.
        self._shared = shared

    async def identify(self, link: Link, reporter: StatusReporter) -> Identification:
        """The identification of a link, shared by everyone who shares it at once or later."""
        # The cache is read inside the flight: a caller either joins the flight under way or
        # starts one that reads the cache after any earlier flight has written it. Reading it
        # before joining let a flight finish in between and a second identification start.
        return await self.flights.run(
            link.canonical_url, lambda progress: self._cached_or_new(link, progress), reporter
        )

    async def _cached_or_new(self, link: Link, progress: StatusReporter) -> Identification:
        cached = await self._store.cached_identification(link.canonical_url, self._clock())
        self._telemetry.cache_lookup(cached is not None)
        if cached is not None:
            return cached
        return await self._run(link, progress)

    async def _run(self, link: Link, progress: StatusReporter) -> Identification:
        # A file sent in a chat only this process's front can fetch: it is identified here.
        if self._runner is not None and link.file is None:
            return await self._runner.run(link, progress)
        if self._shared is not None and link.file is None:
            return await self._shared.run(link, lambda: self._identify(link, progress))
        return await self._identify(link, progress)

    async def _identify(self, link: Link, progress: StatusReporter) -> Identification:
        if link.needs_resolve:
            started = time.monotonic()
            await progress.stage(Stage.RESOLVING)
            resolved = await self._fetcher.resolve(link)
            self._telemetry.stage_finished(Stage.RESOLVING, time.monotonic() - started)
            if resolved.canonical_url != link.canonical_url:
                return await self.identify(resolved, progress)
        timer = StageTimer(progress, self._telemetry)
        try:
            ident = await self._identify_media(link, timer)
        finally:
            timer.finish()
        matched = ident.verdict in (Verdict.MATCHED, Verdict.AMBIGUOUS)
        ttl = self._policy.matched_ttl if matched else self._policy.no_match_ttl
        try:
            await self._store.cache_identification(ident, self._clock() + ttl)
        except Exception:  # everyone waiting still gets the result; the next share re-identifies
            log.exception("could not cache the identification")
        return ident

    async def _identify_media(self, link: Link, progress: StatusReporter) -> Identification:
        recognition, clip = await self._listen(link, progress)
        if recognition is None:
            return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)
        await progress.stage(Stage.SEARCHING)
        async with self._slot():
            decision = await self._search(recognition, clip)
        return Identification(link.canonical_url, decision.verdict, recognition,
                              decision.candidates)

    async def _listen(self, link: Link, progress: StatusReporter
                      ) -> tuple[Recognition | None, AudioClip | None]:
        clip = None
        for window in range(self._policy.max_windows):
            if window == 0:
                await progress.stage(Stage.DOWNLOADING)
            else:
                await progress.stage(Stage.LISTENING, "another part")
            async with self._slot():
                clip = await self._fetcher.fetch(link, window)
            # The recognizer tells QUEUED while the clip waits behind others, LISTENING at its turn.
            recognition = await self._recognizer.recognize(clip, progress)
            if recognition is not None or clip.final_window:
                return recognition, clip
        return None, clip

    def _slot(self) -> AbstractAsyncContextManager[None]:
        """A slot, in turn among the people waiting (a flight counts for whoever started it)."""
        return self._slots.slot(requester.get())

    async def _search(self, recognition: Recognition, clip: AudioClip | None
                      ) -> matching.Decision:
        """Gather every query's results, then decide once: the answer never depends on which
        query ran first. Only a track carrying the heard ISRC ends the search early, because no
        later result can outrank it; the other queries run side by side."""
        queries = matching.search_queries(recognition)
        found: list[CatalogTrack] = []
        if queries and queries[0].startswith("isrc:"):
            found = await self._catalog.search(queries.pop(0))
        if not any(matching.confirmed_isrc(recognition, t, self._similarity) for t in found):
            for tracks in await asyncio.gather(*(self._catalog.search(q) for q in queries)):
                found += tracks
        hint = clip.hint if clip else None
        ranked = matching.rank(recognition, found, hint, self._similarity)
        return matching.decide(recognition, ranked, self._similarity, hint)
