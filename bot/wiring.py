"""The composition root: build every adapter from settings and hand them to the service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from adapters.fuzzy import similarity
from adapters.media import YtdlpFetcher
from adapters.media.files import FileFetcher, WithFiles
from adapters.metrics import PrometheusTelemetry, instrument
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from adapters.spotify.hosted import SpotifyHostedPlaylists
from adapters.spotify.hosted_retry import PendingRetries
from adapters.storage import Engine, SqlAccountStore, SqlStore
from adapters.storage.housekeeping import Housekeeper, OnPruned
from adapters.storage.leases import SqlLeases
from adapters.storage.shares import SqlShareBook
from bot.distributed import open_runner, shared_gate
from bot.media import build_fetcher, build_files
from bot.settings import Settings
from bot.spotify import build_accounts, build_catalog, build_groups, build_hosted
from bot.storage import open_storage
from core.accounts import AccountLinker
from core.linking import Linking
from core.ports import Catalog, MediaFetcher, Playlists, Recognizer
from core.service import Policy, Stash

if TYPE_CHECKING:
    from adapters.jobs.runner import QueuedIdentifications


@dataclass
class App:
    """What a running Stash is made of."""

    settings: Settings
    database: Engine
    store: SqlStore
    stash: Stash
    linking: Linking
    fetcher: YtdlpFetcher
    budget: RequestBudget
    linker: AccountLinker | None
    files: FileFetcher  # files sent in chats; each front adds its source when built
    jobs: QueuedIdentifications | None = None  # distributed mode: the workers identify


@asynccontextmanager
async def open_app(settings: Settings, telemetry: PrometheusTelemetry | None = None,
                   *, fetcher: YtdlpFetcher | None = None, on_pruned: OnPruned | None = None,
                   front: bool = True, budget: RequestBudget | None = None
                   ) -> AsyncIterator[App]:
    """Open storage, build the service; close everything on the way out. A front in
    distributed mode (REDIS_URL) hands identifications to the workers; a worker does them."""
    database = await open_storage(settings)
    housekeeper = Housekeeper(database, interval=settings.prune_interval,
                              inbox_days=settings.inbox_retention_days, on_pruned=on_pruned)
    budget = budget or RequestBudget(settings.shazam_requests_per_minute, settings.shazam_burst)
    recognizer = ShazamRecognizer(settings.shazam_api_base_url, budget=budget)
    fetcher, files = fetcher or build_fetcher(settings), build_files(settings)
    stash: Stash | None = None
    stack = AsyncExitStack()
    try:
        jobs = (await stack.enter_async_context(open_runner(settings))
                if front and settings.redis_url is not None else None)
        store = SqlStore(database)
        linker, playlists = build_accounts(settings, SqlAccountStore(database))
        hosted = build_hosted(settings, linker, database)
        groups = build_groups(settings, hosted)
        if front and isinstance(hosted, SpotifyHostedPlaylists):  # a worker never adds
            retries = PendingRetries(hosted, on_count=telemetry.hosted_adds_pending
                                     if telemetry is not None else None)
            retries.start()
            stack.push_async_callback(retries.close)
        if hosted is not None and telemetry is not None:
            hosted = instrument(hosted, telemetry, "spotify_hosted", "add", "remove")
        housekeeper.start()
        ports = _counted(telemetry, WithFiles(fetcher, files), recognizer,
                         build_catalog(settings), playlists, linker)
        stash = Stash(fetcher=ports[0], recognizer=ports[1], catalog=ports[2],
                      playlists=ports[3], store=store,
                      extra_hosts=frozenset(settings.media_extra_hosts),
                      similarity=similarity, telemetry=telemetry,
                      policy=_policy(settings, front),
                      shares=SqlShareBook(database), share_lease=settings.share_lease,
                      resume_within=settings.share_resume_within, runner=jobs,
                      gate=shared_gate(settings) if jobs is not None else None,
                      leases=SqlLeases(database) if jobs is None else None, hosted=hosted,
                      groups=groups)
        linking = Linking(ports[4], store, hosted, groups)
        yield App(settings, database, store, stash, linking, fetcher, budget, ports[4], files,
                  jobs)
    finally:
        await housekeeper.close()
        if stash is not None:
            await stash.close()
        await stack.aclose()
        await recognizer.close()
        await database.close()


def _policy(settings: Settings, front: bool) -> Policy:
    """A worker downloads and searches for WORKER_CONCURRENCY jobs at once (it takes more, which
    wait for Shazam's turn without a slot: bot.distributed.jobs_at_once)."""
    if front:
        return Policy(links_per_minute=settings.links_per_minute)
    return Policy(links_per_minute=settings.links_per_minute,
                  workers=settings.worker_concurrency)


def _counted(telemetry: PrometheusTelemetry | None, fetcher: MediaFetcher,
             recognizer: Recognizer, catalog: Catalog, playlists: Playlists,
             linker: AccountLinker | None
             ) -> tuple[MediaFetcher, Recognizer, Catalog, Playlists, AccountLinker | None]:
    """The outside-facing ports, each call counted when metrics are on."""
    if telemetry is None:
        return fetcher, recognizer, catalog, playlists, linker
    return (
        instrument(fetcher, telemetry, "media", "resolve", "fetch"),
        instrument(recognizer, telemetry, "shazam", "recognize"),
        instrument(catalog, telemetry, "spotify_search", "search"),
        instrument(playlists, telemetry, "spotify_playlists", "add"),
        instrument(linker, telemetry, "spotify_accounts", "finish", "hold", "playlists",
                   "use_playlist", "new_playlist") if linker else None,
    )
