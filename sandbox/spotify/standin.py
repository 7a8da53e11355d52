"""SpotifyStandIn: one local server playing both api.spotify.com/v1 and accounts.spotify.com."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from sandbox.server import StandIn

from .accounts import Accounts
from .hosting import Hosting, opens_for
from .playlists import TRACKS_BY_URI, Playlists
from .state import DEMO_USER, Entry, Fault, Playlist, SpotifyUser, Store, base62_id
from .webapi import Catalogue, middleware

# Obviously fake app credentials; a test may pass its own.
SANDBOX_CLIENT_ID = "stash-sandbox-client"
SANDBOX_CLIENT_SECRET = "stash-sandbox-secret-not-real"  # noqa: S105
MAX_APP_USERS = 5  # Development Mode, since March 2026
ALL_PLAYLIST_SCOPES = "playlist-read-private playlist-modify-private playlist-modify-public"


class SpotifyStandIn(StandIn):
    """The Spotify Web API and accounts service, with the Development Mode rules of 2026.

    `redirect_uris`: the app's registered redirect URIs; None accepts any https URI or an
    http://127.0.0.1 one (never "localhost"). `deleted_playlists_gone`: a playlist its owner
    unfollowed answers 404 (True), or stays reachable by id as on the real service (False).
    """

    name = "spotify"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0,
                 client_id: str = SANDBOX_CLIENT_ID, client_secret: str = SANDBOX_CLIENT_SECRET,
                 redirect_uris: Iterable[str] | None = None, token_lifetime: int = 3600,
                 code_lifetime: int = 600, deleted_playlists_gone: bool = True) -> None:
        super().__init__(host=host, port=port)
        self.store = Store(client_id, client_secret, token_lifetime, code_lifetime)
        self.deleted_playlists_gone = deleted_playlists_gone
        self.app.middlewares.append(middleware(self.store))
        Accounts(self.store, redirect_uris).add_routes(self.app)
        Catalogue(self.store, lambda: self.api_base_url).add_routes(self.app)
        Playlists(self.store, lambda: self.api_base_url,
                  lambda: self.deleted_playlists_gone).add_routes(self.app)
        Hosting(self.store).add_routes(self.app)

    @property
    def api_base_url(self) -> str:
        """What replaces https://api.spotify.com/v1/ (spotipy's `prefix`)."""
        return self.origin + "/v1/"

    @property
    def accounts_base_url(self) -> str:
        """What replaces https://accounts.spotify.com."""
        return self.origin

    @property
    def base_url(self) -> str:
        """The Web API base."""
        return self.api_base_url

    @property
    def client_id(self) -> str:
        """The registered app's client id."""
        return self.store.client_id

    @property
    def client_secret(self) -> str:
        """The registered app's client secret."""
        return self.store.client_secret

    @property
    def calls(self) -> Counter[str]:
        """Requests served, by route: e.g. "POST /v1/playlists/{playlist_id}/items"."""
        return self.store.calls

    # --- accounts controls -------------------------------------------------------------------

    def login_as(self, user_id: str = DEMO_USER, *, consent: bool = True) -> None:
        """Who logs in at /authorize from now on, and whether they accept (else access_denied)."""
        self._user(user_id)
        self.store.login_user, self.store.consent = user_id, consent

    def issue_token(self, user_id: str | None = DEMO_USER, scope: str = ALL_PLAYLIST_SCOPES,
                    *, pkce: bool = False) -> dict[str, Any]:
        """A token response as /api/token would give, without the OAuth dance (None: app token).

        The refresh token behaves as one issued to a secret-holding client unless `pkce`.
        """
        if user_id is None:
            access = self.store.issue_access(None, "")
            return {"access_token": access.value, "token_type": "Bearer",
                    "expires_in": self.store.token_lifetime}
        self._user(user_id)
        access = self.store.issue_access(user_id, scope)
        refresh = self.store.issue_refresh(user_id, scope, pkce=pkce)
        return {"access_token": access.value, "token_type": "Bearer", "scope": scope,
                "expires_in": self.store.token_lifetime, "refresh_token": refresh.value}

    def expire_access_tokens(self, user_id: str | None = None, *, token: str | None = None) -> int:
        """Expire one access token, or every token of a user; returns how many."""
        chosen = [t for t in self.store.access_tokens.values()
                  if t.value == token or (token is None and t.user_id == user_id)]
        for item in chosen:
            item.expires_at = time.time() - 1
        return len(chosen)

    def revoke_refresh_tokens(self, user_id: str) -> int:
        """The user removed the app's access: refreshing now fails "Refresh token revoked"."""
        chosen = [t for t in self.store.refresh_tokens.values() if t.user_id == user_id]
        for item in chosen:
            item.revoked = True
        return len(chosen)

    @property
    def token_lifetime(self) -> int:
        """`expires_in` of new access tokens, in seconds."""
        return self.store.token_lifetime

    @token_lifetime.setter
    def token_lifetime(self, seconds: int) -> None:
        self.store.token_lifetime = seconds

    @property
    def rotate_refresh_tokens(self) -> bool | None:
        """Whether a refresh returns a new refresh token; None: only for PKCE clients."""
        return self.store.rotate_refresh_tokens

    @rotate_refresh_tokens.setter
    def rotate_refresh_tokens(self, value: bool | None) -> None:
        self.store.rotate_refresh_tokens = value

    # --- faults ------------------------------------------------------------------------------

    def rate_limit(self, count: int = 1, *, retry_after: int = 1, path: str | None = None) -> None:
        """The next `count` Web API requests (matching `path`, e.g. "search") get 429."""
        self.store.faults.armed.append(Fault(429, count, path, retry_after))

    def fail(self, count: int = 1, *, status: int = 500, path: str | None = None) -> None:
        """The next `count` Web API requests (matching `path`) get a 5xx."""
        self.store.faults.armed.append(Fault(status, count, path))

    def fail_after_commit(self, count: int = 1) -> None:
        """The next `count` POST playlists/{id}/items add the items, then answer 502."""
        self.store.faults.fail_after_commit += count

    # --- playlists ---------------------------------------------------------------------------

    def add_user(self, user_id: str, display_name: str, *, registered: bool = False) -> None:
        """A Spotify account (not on the app's user list unless `registered`)."""
        self.store.users[user_id] = SpotifyUser(user_id, display_name, registered)

    def app_users(self, *user_ids: str) -> None:
        """The app's Development Mode user list: these (five at most) and nobody else; the
        others get 403 "user not registered" from the Web API."""
        if len(user_ids) > MAX_APP_USERS:
            raise ValueError(f"a Development Mode app lists at most {MAX_APP_USERS} users")
        for user in list(self.store.users.values()):
            self.store.users[user.id] = replace(user, registered=user.id in user_ids)

    def refuse_create(self, count: int = 1, *, status: int = 403,
                      message: str = "You cannot create more playlists.") -> None:
        """The next `count` POST me/playlists are refused."""
        self.store.create_refusals += [(status, message)] * count

    def follow(self, user_id: str, playlist_id: str) -> bool:
        """`user_id` opens the playlist's link in the app and taps Follow; False when the
        link does not open for them (a private playlist of someone else)."""
        playlist = self.store.playlists[playlist_id]
        if playlist.deleted or not opens_for(playlist, user_id):
            return False
        playlist.followers.add(user_id)
        return True

    def followers(self, playlist_id: str) -> set[str]:
        """Who saved the playlist."""
        return set(self.store.playlists[playlist_id].followers)

    def fill(self, playlist_id: str, count: int) -> None:
        """Pad a playlist with `count` more items (to reach the 10,000 cap quickly)."""
        playlist = self.store.playlists[playlist_id]
        filler = next(iter(TRACKS_BY_URI))
        playlist.entries += [Entry(filler, "2026-01-01T00:00:00Z", playlist.owner_id)] * count

    def create_playlist(self, user_id: str, name: str, *, public: bool = False,
                        uris: Iterable[str] = ()) -> str:
        """Seed a playlist as if the user made it in the app; returns its id."""
        self._user(user_id)
        entries = [Entry(uri, "2026-01-01T00:00:00Z", user_id) for uri in uris]
        playlist = Playlist(base62_id(), user_id, name, public, False, None, entries)
        self.store.playlists[playlist.id] = playlist
        return playlist.id

    def delete_playlist(self, playlist_id: str) -> None:
        """The owner deleted (unfollowed) the playlist."""
        self.store.playlists[playlist_id].deleted = True

    def playlists(self, user_id: str) -> list[dict[str, Any]]:
        """The user's live playlists, newest first, each with its item URIs in order."""
        self._user(user_id)
        return [_summary(p) for p in self.store.playlists_of(user_id)]

    def playlist_items(self, playlist_id: str) -> list[str]:
        """A playlist's item URIs in order (deleted ones too)."""
        return self.store.playlists[playlist_id].uris

    def users(self) -> list[dict[str, Any]]:
        """Every account: id, display name, and whether it is on the app's user list."""
        return [{"id": u.id, "display_name": u.display_name, "registered": u.registered}
                for u in self.store.users.values()]

    def _user(self, user_id: str) -> None:
        if user_id not in self.store.users:
            raise KeyError(f"no Spotify user {user_id!r}")


def _summary(playlist: Playlist) -> dict[str, Any]:
    return {"id": playlist.id, "name": playlist.name, "public": playlist.public,
            "description": playlist.description, "snapshot_id": playlist.snapshot_id,
            "items": playlist.uris}
