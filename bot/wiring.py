"""The composition root: build every adapter from settings and hand them to the service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adapters.fuzzy import similarity
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from adapters.spotify.catalog import SpotifyCatalog
from adapters.storage import Database, SqliteStore, sqlite_path
from bot.missing import Missing, NoPlaylists
from bot.settings import Settings
from core.linking import Linking
from core.ports import Catalog
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
    try:
        store = SqliteStore(database)
        stash = Stash(
            fetcher=Missing("audio download (yt-dlp adapter)"),
            recognizer=recognizer,
            catalog=build_catalog(settings),
            playlists=NoPlaylists(),
            store=store,
            extra_hosts=frozenset(settings.media_extra_hosts),
            similarity=similarity,
        )
        yield App(settings, database, store, stash, Linking(None, store))
    finally:
        await recognizer.close()
        await database.close()


def build_catalog(settings: Settings) -> Catalog:
    """Spotify search when the app's credentials are set."""
    if not (settings.spotify_client_id and settings.spotify_client_secret):
        return Missing("Spotify search (set SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET)")
    return SpotifyCatalog(
        settings.spotify_client_id,
        settings.spotify_client_secret.get_secret_value(),
        api_base_url=settings.spotify_api_base_url,
        accounts_base_url=settings.spotify_accounts_base_url,
    )
