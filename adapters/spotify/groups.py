"""The GroupPlaylists port: a chat's playlist, kept by the host account like people's hosted
playlists and filled through the same ledger, once per song however many share it."""

from __future__ import annotations

from adapters.spotify.hosted import SpotifyHostedPlaylists
from adapters.storage.hosted import chat
from core.accounts import PlaylistInfo
from core.models import CatalogTrack, PlaylistAdd


def _owner(group: str) -> str:
    platform, _, chat_id = group.partition(":")
    return chat(platform, chat_id)


class SpotifyGroupPlaylists:
    """Group playlists on the host account; `group` is "<platform>:<chat or server id>"."""

    def __init__(self, hosted: SpotifyHostedPlaylists) -> None:
        self.hosted = hosted

    async def is_on(self, group: str) -> bool:
        """Whether the chat's admins turned its playlist on."""
        return await self.hosted.store.group_on(_owner(group))

    async def turn(self, group: str, on: bool) -> None:
        """Turn the chat's playlist on (made on its first song) or off (it stays on Spotify)."""
        await self.hosted.store.turn_group(_owner(group), on)

    async def add(self, group: str, track: CatalogTrack) -> PlaylistAdd:
        """Add once to the chat's playlist; SpotifyNotConnected without a host."""
        return await self.hosted.add_to(_owner(group), None, track.uri)

    async def playlist(self, group: str) -> PlaylistInfo | None:
        """The chat's playlist (its newest part), None before its first song."""
        host_id = await self.hosted.host_id()
        part = await self.hosted.store.current(_owner(group), host_id) if host_id else None
        return part.info if part else None
