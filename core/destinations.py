"""Where a song goes besides a person's own playlist: playlists kept by Stash's host account.

Delivery decides the destinations; the adapter behind this port makes the Spotify calls."""

from __future__ import annotations

from typing import Protocol

from core.accounts import PlaylistInfo
from core.models import CatalogTrack, PlaylistAdd, UserKey


class HostedPlaylists(Protocol):
    """Playlists the host account keeps for people who linked no Spotify account."""

    async def target(self, user: UserKey) -> str | None:
        """The name of the playlist the person's songs would go to; None when no host is linked
        (nothing would be added)."""
        ...

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once to the person's hosted playlist, made on their first add (`new` then);
        raises SpotifyNotLinked when no host account is linked."""
        ...

    async def playlist(self, user: UserKey) -> PlaylistInfo | None:
        """The person's hosted playlist, None before their first add."""
        ...

    async def remove(self, user: UserKey) -> bool:
        """Empty and unfollow the person's hosted playlist and forget it; False when none."""
        ...
