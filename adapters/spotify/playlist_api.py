"""The few playlist calls Stash makes on a person's behalf, over an open UserSession."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import spotipy

from adapters.spotify.catalog import retry_after
from adapters.spotify.sessions import UserSession
from core.errors import NetworkTrouble, RateLimited, StashError
from core.models import PlaylistInfo

log = logging.getLogger(__name__)
T = TypeVar("T")
OPEN_PLAYLIST = "https://open.spotify.com/playlist/"
PAGE = 50  # the most me/playlists and playlists/{id}/items give per page
NOT_YOURS = "I can only add songs to a playlist you own. Pick one from the list."
GONE = "That playlist no longer exists on Spotify. Pick another one."


def refusal(err: spotipy.SpotifyException) -> StashError:
    """Our error for a Web API refusal nobody handled more precisely."""
    if err.http_status == 429:
        return RateLimited(retry_after(err))
    if err.http_status >= 500:
        return NetworkTrouble()
    log.warning("Spotify refused a playlist call: %s", err.http_status)
    return StashError()


async def plain(session: UserSession, work: Callable[[spotipy.Spotify], T]) -> T:
    """One call whose refusals all become our errors."""
    try:
        return await session.call(work)
    except spotipy.SpotifyException as err:
        raise refusal(err) from err


def to_info(playlist: dict[str, Any]) -> PlaylistInfo:
    """A PlaylistInfo from a Web API playlist object."""
    url = (playlist.get("external_urls") or {}).get("spotify")
    return PlaylistInfo(playlist["id"], playlist.get("name") or "", url or
                        OPEN_PLAYLIST + playlist["id"])


async def own_playlists(session: UserSession, *, raw_errors: bool = False
                        ) -> list[PlaylistInfo]:
    """The person's own playlists (not the ones they only follow), as Spotify orders them.

    `raw_errors`: refusals stay SpotifyExceptions, for a caller that retries them itself.
    """
    found: list[PlaylistInfo] = []
    offset = 0
    while True:
        page = await (_raw_page(session, offset) if raw_errors else _page(session, offset))
        for playlist in page.get("items") or []:
            if playlist and (playlist.get("owner") or {}).get("id") == (
                    session.account.spotify_user_id):
                found.append(to_info(playlist))
        offset += PAGE
        if not page.get("next") or offset >= int(page.get("total") or 0):
            return found


async def _page(session: UserSession, offset: int) -> dict[str, Any]:
    return dict(await plain(session, lambda sp: sp.current_user_playlists(PAGE, offset)))


async def _raw_page(session: UserSession, offset: int) -> dict[str, Any]:
    return dict(await session.call(lambda sp: sp.current_user_playlists(PAGE, offset)))


async def read_playlist(session: UserSession, playlist_id: str) -> PlaylistInfo:
    """One of the person's own playlists, by id."""
    try:
        playlist = await session.call(lambda sp: sp.playlist(playlist_id))
    except spotipy.SpotifyException as err:
        if err.http_status == 404:
            raise StashError(GONE) from err
        # Since 2026 Spotify answers 403 for another person's playlist.
        raise (StashError(NOT_YOURS) if err.http_status == 403 else refusal(err)) from err
    if (playlist.get("owner") or {}).get("id") != session.account.spotify_user_id:
        raise StashError(NOT_YOURS)
    return to_info(playlist)


async def create_private(session: UserSession, name: str) -> PlaylistInfo:
    """A new private playlist (Web API refusals are left to the caller)."""
    created = await session.call(lambda sp: sp.current_user_playlist_create(
        name, public=False, description="Songs Stash found in the videos you shared."))
    return to_info(created)


def _uri(entry: dict[str, Any] | None) -> str | None:
    # Since 2026 an entry names its object "item"; older answers used "track".
    obj = (entry or {}).get("item") or (entry or {}).get("track") or {}
    uri = obj.get("uri")
    return str(uri) if uri else None


async def playlist_uris(session: UserSession, playlist_id: str) -> set[str]:
    """Every item URI of a playlist, page by page; Web API refusals are left to the caller."""
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
