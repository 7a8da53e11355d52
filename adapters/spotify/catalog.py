"""The Catalog port: Spotify search with the app's own (client credentials) token."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from spotipy.oauth2 import SpotifyOauthError

from adapters.spotify.app import SpotifyApp
from adapters.spotify.errors import Sleep, refusals_as_ours, retrying
from core.errors import NotConfigured
from core.models import CatalogTrack

log = logging.getLogger(__name__)

# Development Mode apps may ask for at most 10 results.
MAX_LIMIT = 10


class SpotifyCatalog:
    """Searches tracks; waits out a short Retry-After without holding a thread, fails a long one."""

    def __init__(self, app: SpotifyApp, *, concurrency: int = 4, max_wait: float = 10.0,
                 sleep: Sleep = asyncio.sleep) -> None:
        self._client = app.own_client()
        self._slots = asyncio.Semaphore(concurrency)
        self._max_wait = max_wait
        self._sleep = sleep

    async def search(self, query: str, limit: int = MAX_LIMIT) -> list[CatalogTrack]:
        """Tracks for a query with field filters (isrc:, track:, artist:, ...)."""
        # A 5xx is not retried: the next query of the search, or the person, tries again.
        policy = retrying(max_wait=self._max_wait, server_errors=1, sleep=self._sleep)
        try:
            with refusals_as_ours():
                data: dict[str, Any] = await policy(self._search, query, min(limit, MAX_LIMIT))
        except SpotifyOauthError as err:
            log.error("Spotify refused the app's credentials (SPOTIFY_CLIENT_ID/SECRET)")
            raise NotConfigured() from err
        return [to_track(item) for item in data["tracks"]["items"] if item]

    async def _search(self, query: str, limit: int) -> dict[str, Any]:
        async with self._slots:
            return dict(await asyncio.to_thread(self._client.search, q=query, limit=limit,
                                                type="track"))


def to_track(item: dict[str, Any]) -> CatalogTrack:
    """A CatalogTrack from a Web API track object."""
    album = item.get("album") or {}
    images = album.get("images") or []
    return CatalogTrack(
        uri=item["uri"],
        name=item["name"],
        artists=tuple(a["name"] for a in item.get("artists", [])),
        album=album.get("name"),
        duration_ms=item.get("duration_ms"),
        popularity=int(item.get("popularity") or 0),
        isrc=(item.get("external_ids") or {}).get("isrc"),
        explicit=bool(item.get("explicit")),
        url=(item.get("external_urls") or {}).get("spotify"),
        cover_url=images[0]["url"] if images else None,
        year=_year(album.get("release_date")),
        album_type=album.get("album_type"),
    )


def _year(date: object) -> int | None:
    """The year of a release date ("2024-01-01", "2024-01" or "2024")."""
    text = str(date or "")[:4]
    return int(text) if text.isdigit() else None
