"""What a host account's playlists need beyond a person's: emptying one (PUT items), people
following one by its link (PUT/DELETE me/library), the 10,000-item cap and refused creations.

Who may open a playlist by its link: its owner and collaborators, and for a public one anyone
(a private one answers 404, as if it did not exist); a public one is listed on its owner's
profile, a private one is not."""

from __future__ import annotations

from aiohttp import web

from .state import Playlist, Store
from .webapi import ApiError, authenticate, user_of

CAP = 10_000  # items a playlist holds
FULL = "Playlist size limit reached"


def check_room(playlist: Playlist, adding: int) -> None:
    """Refuse an add that would take a playlist past the cap."""
    if len(playlist.entries) + adding > CAP:
        raise ApiError(400, FULL)


def opens_for(playlist: Playlist, user_id: str) -> bool:
    """Whether `user_id` can open the playlist's link."""
    return playlist.public or playlist.collaborative or playlist.owner_id == user_id


def refused_creation(store: Store) -> None:
    """Raise the next armed refusal of POST me/playlists, if any."""
    if store.create_refusals:
        status, message = store.create_refusals.pop(0)
        raise ApiError(status, message)


class Hosting:
    """PUT playlists/{id}/items (replace), PUT and DELETE me/library (follow, unfollow)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add_routes(self, app: web.Application) -> None:
        """Mount the endpoints."""
        app.router.add_put("/v1/playlists/{playlist_id}/items", self.replace)
        app.router.add_put("/v1/me/library", self.follow)
        app.router.add_delete("/v1/me/library", self.unfollow)

    def _live(self, playlist_id: str) -> Playlist:
        playlist = self.store.playlists.get(playlist_id)
        if playlist is None or playlist.deleted:
            raise ApiError(404, "Resource not found")
        return playlist

    async def replace(self, request: web.Request) -> web.Response:
        """Replace every item (an empty list empties it); only its owner or collaborators."""
        user = user_of(self.store, authenticate(self.store, request))
        playlist = self._live(request.match_info["playlist_id"])
        if user.id != playlist.owner_id and not playlist.collaborative:
            raise ApiError(403, "You cannot change a playlist you don't own.")
        body = await request.json() if request.can_read_body else {}
        uris = body.get("uris") if isinstance(body, dict) else None
        if not isinstance(uris, list) or len(uris) > 100:
            raise ApiError(400, "Invalid uris")
        if uris:  # Stash only ever empties a playlist this way
            raise ApiError(400, "The stand-in only empties playlists")
        playlist.entries = []
        playlist.version += 1
        return web.json_response({"snapshot_id": playlist.snapshot_id})

    def _playlists(self, request: web.Request) -> list[Playlist]:
        uris = [u for u in request.query.get("uris", "").split(",") if u]
        if not uris or not all(u.startswith("spotify:playlist:") for u in uris):
            raise ApiError(400, "Invalid uris")
        return [self._live(u.rsplit(":", 1)[1]) for u in uris]

    async def follow(self, request: web.Request) -> web.Response:
        """Save playlists to the current user's library: what "Follow" on a link does."""
        user = user_of(self.store, authenticate(self.store, request))
        playlists = self._playlists(request)
        if not all(opens_for(p, user.id) for p in playlists):
            raise ApiError(404, "Resource not found")
        for playlist in playlists:
            playlist.followers.add(user.id)
        return web.Response(status=200)

    async def unfollow(self, request: web.Request) -> web.Response:
        """Remove playlists from the current user's library."""
        user = user_of(self.store, authenticate(self.store, request))
        for playlist in self._playlists(request):
            playlist.followers.discard(user.id)
        return web.Response(status=200)
