"""The few playlist calls Stash makes on a person's behalf, over an open UserSession.

Web API refusals are left to the caller (see adapters/spotify/errors.py), except the ones
whose meaning here is known (a playlist gone, or someone else's)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import spotipy

from adapters.spotify.sessions import UserSession
from core.accounts import PlaylistInfo
from core.errors import StashError
from core.texts import say

OPEN_PLAYLIST = "https://open.spotify.com/playlist/"
PAGE = 50  # the most me/playlists and playlists/{id}/items give per page
NOT_YOURS = say("playlist.not_yours")
GONE = say("playlist.gone")


def to_info(playlist: dict[str, Any]) -> PlaylistInfo:
    """A PlaylistInfo from a Web API playlist object."""
    url = (playlist.get("external_urls") or {}).get("spotify")
    return PlaylistInfo(playlist["id"], playlist.get("name") or "", url or
                        OPEN_PLAYLIST + playlist["id"])


async def own_playlists(session: UserSession) -> list[PlaylistInfo]:
    """The person's own playlists (not the ones they only follow), as Spotify orders them."""
    found: list[PlaylistInfo] = []
    offset = 0
    while True:
        page = await _page(session, offset)
        for playlist in page.get("items") or []:
            if playlist and (playlist.get("owner") or {}).get("id") == (
                    session.account.spotify_user_id):
                found.append(to_info(playlist))
        offset += PAGE
        if not page.get("next") or offset >= int(page.get("total") or 0):
            return found


async def _page(session: UserSession, offset: int) -> dict[str, Any]:
    return dict(await session.call(lambda sp: sp.current_user_playlists(PAGE, offset)))


async def read_playlist(session: UserSession, playlist_id: str) -> PlaylistInfo:
    """One of the person's own playlists, by id."""
    try:
        playlist = await session.call(lambda sp: sp.playlist(playlist_id))
    except spotipy.SpotifyException as err:
        if err.http_status == 404:
            raise StashError(GONE) from err
        if err.http_status == 403:  # since 2026, Spotify's answer for another's playlist
            raise StashError(NOT_YOURS) from err
        raise
    if (playlist.get("owner") or {}).get("id") != session.account.spotify_user_id:
        raise StashError(NOT_YOURS)
    return to_info(playlist)


async def create_private(session: UserSession, name: str) -> PlaylistInfo:
    """A new private playlist."""
    created = await session.call(lambda sp: sp.current_user_playlist_create(
        name, public=False, description=say("playlist.made_description")))
    return to_info(created)


def _uri(entry: dict[str, Any] | None) -> str | None:
    # Since 2026 an entry names its object "item"; older answers used "track".
    obj = (entry or {}).get("item") or (entry or {}).get("track") or {}
    uri = obj.get("uri")
    return str(uri) if uri else None


async def playlist_uris(session: UserSession, playlist_id: str) -> set[str]:
    """Every item URI of a playlist, page by page."""
    uris: set[str] = set()
    offset = 0
    while True:
        page = await session.call(_items_page(playlist_id, offset))
        uris.update(uri for uri in map(_uri, page.get("items") or []) if uri)
        offset += PAGE
        if not page.get("next") or offset >= int(page.get("total") or 0):
            return uris


def _items_page(playlist_id: str, offset: int) -> Callable[[spotipy.Spotify], dict[str, Any]]:
    def work(sp: spotipy.Spotify) -> dict[str, Any]:
        return dict(sp.playlist_items(playlist_id, limit=PAGE, offset=offset))

    return work
