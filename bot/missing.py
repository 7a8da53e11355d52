"""Stand-ins for Spotify adapters this instance is not configured for."""

from __future__ import annotations

import logging

from core.errors import NotConfigured, SpotifyNotLinked
from core.models import CatalogTrack, PlaylistAdd, UserKey

log = logging.getLogger(__name__)


class NoCatalog:
    """Spotify search without the app's credentials: every search says so, to people and logs."""

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        """Catalog.search."""
        log.warning("Spotify search is not available: set SPOTIFY_CLIENT_ID and "
                    "SPOTIFY_CLIENT_SECRET")
        raise NotConfigured()


class NoPlaylists:
    """Without Spotify accounts nobody is linked: people get the match and a /link hint."""

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Playlists.add."""
        raise SpotifyNotLinked()

    async def has_account(self, user: UserKey) -> bool:
        """Playlists.has_account."""
        return False
