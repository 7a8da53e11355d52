"""Playlist endpoints of the 2026 Development Mode API, and the removed ones that now refuse."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from sandbox.catalogue import SPOTIFY_TRACKS

from . import objects
from .hosting import check_room, refused_creation
from .state import Entry, Playlist, SpotifyUser, Store, base62_id
from .webapi import ApiError, authenticate, int_param, user_of

TRACKS_BY_URI = {track.uri: track for track in SPOTIFY_TRACKS}
MODIFY_SCOPES = {"playlist-modify-public", "playlist-modify-private"}
MAX_ITEMS_PER_ADD = 100


class Playlists:
    """GET/POST me/playlists, GET playlists/{id}, GET/POST playlists/{id}/items, unfollow."""

    def __init__(self, store: Store, api_base: Callable[[], str],
                 deleted_playlists_gone: Callable[[], bool]) -> None:
        self.store = store
        self.api_base = api_base
        self.deleted_playlists_gone = deleted_playlists_gone

    def add_routes(self, app: web.Application) -> None:
        """Mount the playlist endpoints."""
        router = app.router
        router.add_get("/v1/me/playlists", self.list_mine)
        router.add_post("/v1/me/playlists", self.create)
        router.add_get("/v1/playlists/{playlist_id}", self.get_one)
        router.add_get("/v1/playlists/{playlist_id}/items", self.get_items)
        router.add_post("/v1/playlists/{playlist_id}/items", self.add_items)
        router.add_delete("/v1/playlists/{playlist_id}/followers", self.unfollow)
        # Removed for Development Mode apps in February 2026: they answer 403 Forbidden.
        router.add_route("*", "/v1/playlists/{playlist_id}/tracks", self.removed)
        router.add_route("*", "/v1/users/{user_id}/playlists", self.removed)

    async def removed(self, request: web.Request) -> web.Response:
        """What the real service answers on endpoints withdrawn from Development Mode."""
        authenticate(self.store, request)
        raise ApiError(403, "Forbidden")

    def _owner(self, playlist: Playlist) -> SpotifyUser:
        return self.store.users[playlist.owner_id]

    def _find(self, request: web.Request) -> Playlist:
        playlist = self.store.playlists.get(request.match_info["playlist_id"])
        if playlist is None or (playlist.deleted and self.deleted_playlists_gone()):
            raise ApiError(404, "Resource not found")
        return playlist

    def _items_ref(self, playlist: Playlist) -> dict[str, Any]:
        return {"href": f"{self.api_base()}playlists/{playlist.id}/items",
                "total": len(playlist.entries)}

    async def list_mine(self, request: web.Request) -> web.Response:
        """The current user's playlists, newest first."""
        user = user_of(self.store, authenticate(self.store, request))
        limit = int_param(request, "limit", 20, 1, 50)
        offset = int_param(request, "offset", 0, 0, 100_000)
        mine = self.store.playlists_of(user.id)
        items = [objects.playlist_object(self.api_base(), p, user, self._items_ref(p))
                 for p in mine[offset:offset + limit]]
        return web.json_response(objects.paging(f"{self.api_base()}me/playlists", {}, items,
                                                offset, limit, len(mine)))

    async def create(self, request: web.Request) -> web.Response:
        """A new playlist for the current user: 201 with the playlist."""
        token = authenticate(self.store, request)
        user = user_of(self.store, token)
        body = await _json_body(request)
        if not isinstance(body, dict) or not body.get("name"):
            raise ApiError(400, "Missing required field: name")
        public = bool(body.get("public", True))
        needed = "playlist-modify-public" if public else "playlist-modify-private"
        if needed not in token.scope:
            raise ApiError(403, "Insufficient client scope")
        refused_creation(self.store)
        playlist = Playlist(base62_id(), user.id, str(body["name"]), public,
                            bool(body.get("collaborative", False)), body.get("description") or None)
        self.store.playlists[playlist.id] = playlist
        return web.json_response(self._full(playlist, 0, 100), status=201)

    def _full(self, playlist: Playlist, offset: int, limit: int) -> dict[str, Any]:
        return objects.playlist_object(self.api_base(), playlist, self._owner(playlist),
                                       self._page(playlist, offset, limit))

    def _page(self, playlist: Playlist, offset: int, limit: int) -> dict[str, Any]:
        entries = playlist.entries[offset:offset + limit]
        items = [objects.playlist_item_object(self.api_base(), TRACKS_BY_URI[e.uri], e.added_at,
                                              self.store.users[e.added_by]) for e in entries]
        return objects.paging(f"{self.api_base()}playlists/{playlist.id}/items", {}, items,
                              offset, limit, len(playlist.entries))

    def _readable(self, request: web.Request) -> Playlist:
        """Since 2026 only a playlist's owner (or collaborators) may read its items."""
        token = authenticate(self.store, request)
        playlist = self._find(request)
        if token.user_id != playlist.owner_id and not playlist.collaborative:
            raise ApiError(403, "Forbidden")
        return playlist

    async def get_one(self, request: web.Request) -> web.Response:
        """One playlist with its first 100 items."""
        playlist = self._readable(request)
        return web.json_response(self._full(playlist, 0, 100))

    async def get_items(self, request: web.Request) -> web.Response:
        """A page of the playlist's items, in order."""
        playlist = self._readable(request)
        limit = int_param(request, "limit", 20, 1, 50)
        offset = int_param(request, "offset", 0, 0, 100_000)
        return web.json_response(self._page(playlist, offset, limit))

    async def add_items(self, request: web.Request) -> web.Response:
        """Append (or insert at `position`) track URIs: 201 {"snapshot_id"}."""
        token = authenticate(self.store, request)
        user = user_of(self.store, token)
        playlist = self._find(request)
        if user.id != playlist.owner_id and not playlist.collaborative:
            raise ApiError(403, "You cannot add tracks to a playlist you don't own.")
        if not token.scope & MODIFY_SCOPES:
            raise ApiError(403, "Insufficient client scope")
        uris, position = await _uris_and_position(request)
        if position is None:
            position = len(playlist.entries)
        if not 0 <= position <= len(playlist.entries):
            raise ApiError(400, "Index out of bounds")
        check_room(playlist, len(uris))
        added_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        playlist.entries[position:position] = [Entry(uri, added_at, user.id) for uri in uris]
        playlist.version += 1
        if self.store.faults.fail_after_commit > 0:  # the add is kept: only the answer is lost
            self.store.faults.fail_after_commit -= 1
            raise ApiError(502, "Bad gateway.")
        return web.json_response({"snapshot_id": playlist.snapshot_id}, status=201)

    async def unfollow(self, request: web.Request) -> web.Response:
        """Unfollowing one's own playlist is how Spotify deletes it."""
        user = user_of(self.store, authenticate(self.store, request))
        playlist = self._find(request)
        if playlist.owner_id == user.id:
            playlist.deleted = True
        return web.Response(status=200)


async def _json_body(request: web.Request) -> Any:
    text = await request.text()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        raise ApiError(400, "Error parsing json") from None


async def _uris_and_position(request: web.Request) -> tuple[list[str], int | None]:
    """URIs from the `uris` query (which wins) or the body: a JSON array or {"uris": [...]}."""
    body = await _json_body(request)
    position: Any = request.query.get("position")
    if "uris" in request.query:
        uris: Any = [u for u in request.query["uris"].split(",") if u]
    elif isinstance(body, list):
        uris = body
    elif isinstance(body, dict):
        uris, position = body.get("uris"), body.get("position", position)
    else:
        uris = None
    if not isinstance(uris, list) or not uris:
        raise ApiError(400, "No uris provided")
    if len(uris) > MAX_ITEMS_PER_ADD:
        raise ApiError(400, "You can add a maximum of 100 tracks per request.")
    for uri in uris:
        if uri not in TRACKS_BY_URI:
            raise ApiError(400, f"Invalid track uri: {uri}")
    try:
        return uris, None if position is None else int(position)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid position") from None
