"""The composition root: build every adapter from settings and hand them to the service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adapters.fuzzy import similarity
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from adapters.storage import Database, SqliteStore, sqlite_path
from bot.media import build_fetcher
from bot.settings import Settings
from bot.spotify import build_accounts, build_catalog
from core.linking import Linking
from core.service import Stash


@dataclass
class App:
    """What a running Stash is made of."""

    settings: Settings
    database: Database
    store: SqliteStore
    stash: Stash
    linking: Linking


@asynccontextmanager
async def open_app(settings: Settings) -> AsyncIterator[App]:
    """Open storage, build the service; close everything on the way out."""
    database = await Database.open(sqlite_path(settings.database_url))
    recognizer = ShazamRecognizer(
        settings.shazam_api_base_url,
        budget=RequestBudget(settings.shazam_requests_per_minute, settings.shazam_burst),
    )
    fetcher = build_fetcher(settings)
    try:
        store = SqliteStore(database)
        linker, playlists = build_accounts(settings, database)
        stash = Stash(
            fetcher=fetcher,
            recognizer=recognizer,
            catalog=build_catalog(settings),
            playlists=playlists,
            store=store,
            extra_hosts=frozenset(settings.media_extra_hosts),
            similarity=similarity,
        )
        yield App(settings, database, store, stash, Linking(linker, store))
    finally:
        await recognizer.close()
        await database.close()

