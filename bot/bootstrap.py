"""The composition root, as cosmicpython's bootstrap: `build_front` and `build_worker` put the
adapters of bot/parts.py together into the named parts each kind of process runs on.

A front (`stash run`, `stash console`, `stash demo`) gets the whole service: shares, deliveries,
Spotify accounts and playlists. A worker (`stash worker`) gets only what identifies a link:
storage, the media fetcher, Shazam and Spotify search. It builds no Deliverer, no Keeper of
shares and no Spotify accounts, and does not load them (tests/adapters/test_composition.py):
what only a front uses is imported in `build_front` and `build_destinations`.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from adapters.fuzzy import similarity
from adapters.media import YtdlpFetcher
from adapters.metrics import PrometheusTelemetry
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from adapters.storage import Engine, SqlStore
from adapters.storage.housekeeping import Housekeeper, OnPruned
from adapters.storage.leases import SqlLeases
from bot.distributed import open_queue, shared_budget
from bot.parts import (
    build_catalog,
    build_destinations,
    build_fetcher,
    build_files,
    counted,
    open_storage,
)
from bot.settings import Settings
from core.identify import Identifier, Policy
from core.links import scan_links
from core.models import Link
from core.ports import Catalog, Recognizer
from core.shared_flights import SharedFlights
from core.telemetry import NoTelemetry

if TYPE_CHECKING:
    from adapters.jobs.queue import StashQueue
    from adapters.jobs.runner import QueuedIdentifications
    from adapters.media.files import FileFetcher
    from core.accounts import AccountConnector
    from core.connecting import Connecting
    from core.service import Stash

@dataclass
class FrontParts:
    """What a front runs on: the service every chat front calls, and what it is made of."""

    database: Engine
    store: SqlStore
    stash: Stash
    connecting: Connecting
    fetcher: YtdlpFetcher
    budget: RequestBudget
    connector: AccountConnector | None  # Spotify accounts, when the app and the keys are set
    files: FileFetcher  # files sent in chats; each front adds its source when built
    jobs: QueuedIdentifications | None  # distributed mode: the workers identify


@dataclass
class WorkerParts:
    """What `stash worker` runs on: the queue it takes jobs from and what does them."""

    database: Engine
    queue: StashQueue
    identifier: Identifier
    fetcher: YtdlpFetcher  # its cookie pool is shared with the other workers through Redis
    links_in: Callable[[str], tuple[Link, ...]]  # core's link parser, as a front's


@dataclass
class _Identifying:
    """What both kinds of process identify links with (recognizer and catalog counted)."""

    database: Engine
    store: SqlStore
    recognizer: Recognizer
    catalog: Catalog


@asynccontextmanager
async def build_front(settings: Settings, telemetry: PrometheusTelemetry | None = None, *,
                      fetcher: YtdlpFetcher | None = None, on_pruned: OnPruned | None = None
                      ) -> AsyncIterator[FrontParts]:
    """Open storage, build the service; close everything on the way out. In distributed mode
    (REDIS_URL) identifications go to the workers. `stash demo` brings its own `fetcher`."""
    from adapters import translations
    from adapters.media.files import WithFiles
    from adapters.storage.shares import SqlShareBook
    from bot.distributed import open_runner, shared_gate
    from core.connecting import Connecting
    from core.service import Stash

    translations.install()  # every sentence in the language of the person it is for
    budget = RequestBudget(settings.shazam_requests_per_minute, settings.shazam_burst)
    fetcher, files = fetcher or build_fetcher(settings), build_files(settings)
    async with _identifying(settings, telemetry, budget, on_pruned) as parts, \
            AsyncExitStack() as stack:
        jobs = (await stack.enter_async_context(open_runner(settings))
                if settings.redis_url is not None else None)
        to = await build_destinations(settings, parts.database, telemetry, stack)
        stash = Stash(fetcher=counted(telemetry, WithFiles(fetcher, files), "media", "resolve",
                                      "fetch"),
                      recognizer=parts.recognizer, catalog=parts.catalog,
                      playlists=to.playlists, store=parts.store,
                      extra_hosts=frozenset(settings.media_extra_hosts),
                      similarity=similarity, telemetry=telemetry,
                      policy=Policy(links_per_minute=settings.links_per_minute),
                      shares=SqlShareBook(parts.database), share_lease=settings.share_lease,
                      resume_within=settings.share_resume_within, runner=jobs,
                      gate=shared_gate(settings) if jobs is not None else None,
                      leases=SqlLeases(parts.database) if jobs is None else None,
                      hosted=to.hosted, groups=to.groups)
        stack.push_async_callback(stash.close)  # before the runner and the retries close
        connecting = Connecting(to.connector, parts.store, to.hosted, to.groups)
        yield FrontParts(database=parts.database, store=parts.store, stash=stash,
                         connecting=connecting, fetcher=fetcher, budget=budget,
                         connector=to.connector,
                         files=files, jobs=jobs)


@asynccontextmanager
async def build_worker(settings: Settings, telemetry: PrometheusTelemetry | None = None
                       ) -> AsyncIterator[WorkerParts]:
    """The queue named REDIS_QUEUE and an identifier with the budget it shares with the other
    workers. A worker downloads and searches for WORKER_CONCURRENCY jobs at once (it takes
    more, which wait for Shazam's turn without a slot: bot.distributed.jobs_at_once)."""
    fetcher = build_fetcher(settings)
    async with open_queue(settings) as queue, \
            _identifying(settings, telemetry, shared_budget(settings, queue)) as parts:
        identifier = Identifier(
            fetcher=counted(telemetry, fetcher, "media", "resolve", "fetch"),
            recognizer=parts.recognizer, catalog=parts.catalog, store=parts.store,
            policy=Policy(links_per_minute=settings.links_per_minute,
                          workers=settings.worker_concurrency),
            telemetry=telemetry or NoTelemetry(), clock=time.time, similarity=similarity,
            # Two jobs for one link on two workers: one identifies, the other waits for it.
            shared=SharedFlights(SqlLeases(parts.database), parts.store,
                                 lease=settings.share_lease, clock=time.time))
        hosts = frozenset(settings.media_extra_hosts)
        try:
            yield WorkerParts(database=parts.database, queue=queue,
                              identifier=identifier, fetcher=fetcher,
                              links_in=lambda text: scan_links(text, hosts).links)
        finally:
            await identifier.flights.close(0.0)


@asynccontextmanager
async def _identifying(settings: Settings, telemetry: PrometheusTelemetry | None,
                       budget: RequestBudget, on_pruned: OnPruned | None = None
                       ) -> AsyncIterator[_Identifying]:
    """Storage (pruned on schedule), Shazam within `budget` and Spotify search."""
    database = await open_storage(settings)
    housekeeper = Housekeeper(database, interval=settings.prune_interval,
                              inbox_days=settings.inbox_retention_days, on_pruned=on_pruned)
    recognizer = ShazamRecognizer(settings.shazam_api_base_url, budget=budget)
    try:
        housekeeper.start()
        yield _Identifying(database, SqlStore(database),
                           counted(telemetry, recognizer, "shazam", "recognize"),
                           counted(telemetry, build_catalog(settings), "spotify_search",
                                  "search"))
    finally:
        await housekeeper.close()
        await recognizer.close()
        await database.close()
