"""The composition root: build every adapter from settings and hand them to the service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from adapters.storage import Database, SqliteStore, sqlite_path
from bot.missing import Missing, NoPlaylists
from bot.settings import Settings
from core.service import Stash


@dataclass
class App:
    """What a running Stash is made of."""

    settings: Settings
    database: Database
    store: SqliteStore
    stash: Stash


@asynccontextmanager
async def open_app(settings: Settings) -> AsyncIterator[App]:
    """Open storage, build the service; close everything on the way out."""
    database = await Database.open(sqlite_path(settings.database_url))
    try:
        store = SqliteStore(database)
        stash = Stash(
            fetcher=Missing("audio download (yt-dlp adapter)"),
            recognizer=Missing("song recognition (Shazam adapter)"),
            catalog=Missing("Spotify search (Spotify adapter)"),
            playlists=NoPlaylists(),
            store=store,
            extra_hosts=frozenset(settings.media_extra_hosts),
        )
        yield App(settings, database, store, stash)
    finally:
        await database.close()
