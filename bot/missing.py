"""Stand-ins for adapters this instance does not have: every call says so plainly."""

from __future__ import annotations

import logging

from core.errors import NotConfigured, SpotifyNotLinked
from core.models import AudioClip, CatalogTrack, Link, PlaylistAdd, Recognition, UserKey

log = logging.getLogger(__name__)


class Missing:
    """A port whose adapter is not built or not configured; `what` tells the operator which."""

    def __init__(self, what: str) -> None:
        self.what = what

    def _refuse(self) -> NotConfigured:
        log.warning("%s is not available on this instance", self.what)
        return NotConfigured()

    async def resolve(self, link: Link) -> Link:
        """MediaFetcher.resolve."""
        raise self._refuse()

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        """MediaFetcher.fetch."""
        raise self._refuse()

    async def recognize(self, clip: AudioClip) -> Recognition | None:
        """Recognizer.recognize."""
        raise self._refuse()

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        """Catalog.search."""
        raise self._refuse()


class NoPlaylists:
    """Without Spotify accounts nobody is linked: people get the match and a /link hint."""

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Playlists.add."""
        raise SpotifyNotLinked()
