"""The Catalog port: Spotify search with the app's own (client credentials) token."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import requests
import spotipy
from spotipy.cache_handler import MemoryCacheHandler
from spotipy.oauth2 import SpotifyClientCredentials, SpotifyOauthError

from core.errors import NetworkTrouble, NotConfigured, RateLimited, StashError
from core.models import CatalogTrack

log = logging.getLogger(__name__)

# Development Mode apps may ask for at most 10 results.
MAX_LIMIT = 10
# spotipy retries statuses in this list itself, sleeping in its thread; name one Spotify never
# sends, so every 429 and 5xx comes back to us (an empty tuple would mean "the default list").
NO_STATUS_RETRIES = (599,)


def spotify_client(auth_manager: Any, api_base_url: str, timeout: float,
                   http: requests.Session | None = None) -> spotipy.Spotify:
    """A spotipy client that never retries or sleeps on its own, pointed at `api_base_url`.

    `http` shares one connection pool among clients (a new client per person and share
    otherwise opens a new connection every time)."""
    client = spotipy.Spotify(auth_manager=auth_manager, retries=0, status_retries=0,
                             status_forcelist=NO_STATUS_RETRIES, requests_timeout=timeout,
                             requests_session=http if http is not None else True)
    client.prefix = api_base_url if api_base_url.endswith("/") else api_base_url + "/"
    return client


def retry_after(err: spotipy.SpotifyException) -> float:
    """Seconds Spotify asked us to wait (1 when it did not say)."""
    try:
        return max(float((err.headers or {}).get("Retry-After", 1)), 0.0)
    except (TypeError, ValueError):
        return 1.0


class SpotifyCatalog:
    """Searches tracks; waits out a short Retry-After without holding a thread, fails a long one."""

    def __init__(self, client_id: str, client_secret: str, *, api_base_url: str,
                 accounts_base_url: str, concurrency: int = 4, timeout: float = 5.0,
                 max_wait: float = 10.0,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        auth = SpotifyClientCredentials(client_id, client_secret,
                                        cache_handler=MemoryCacheHandler(),
                                        requests_timeout=timeout)
        auth.OAUTH_TOKEN_URL = accounts_base_url.rstrip("/") + "/api/token"
        self._client = spotify_client(auth, api_base_url, timeout)
        self._slots = asyncio.Semaphore(concurrency)
        self._max_wait = max_wait
        self._sleep = sleep

    async def search(self, query: str, limit: int = MAX_LIMIT) -> list[CatalogTrack]:
        """Tracks for a query with field filters (isrc:, track:, artist:, ...)."""
        deadline = time.monotonic() + self._max_wait
        while True:
            try:
                async with self._slots:
                    data = await asyncio.to_thread(self._client.search, q=query,
                                                   limit=min(limit, MAX_LIMIT), type="track")
                return [to_track(item) for item in data["tracks"]["items"] if item]
            except spotipy.SpotifyException as err:
                if err.http_status >= 500:
                    raise NetworkTrouble() from err
                if err.http_status != 429:
                    log.warning("spotify search refused: %s", err.http_status)
                    raise StashError() from err
                wait = retry_after(err)
                if time.monotonic() + wait > deadline:
                    raise RateLimited(wait) from err
                log.info("spotify search rate-limited, waiting %.1fs", wait)
                await self._sleep(wait)
            except SpotifyOauthError as err:
                log.error("Spotify refused the app's credentials (SPOTIFY_CLIENT_ID/SECRET)")
                raise NotConfigured() from err
            except requests.RequestException as err:
                raise NetworkTrouble() from err


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
    )
