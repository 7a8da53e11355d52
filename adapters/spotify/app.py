"""The Spotify app Stash runs as: its hosts and credentials, and every spotipy client built
for it (the app's own for search, one per person for their playlists)."""

from __future__ import annotations

from dataclasses import KW_ONLY, dataclass, field
from typing import Any

import requests
import spotipy
from spotipy.cache_handler import MemoryCacheHandler
from spotipy.oauth2 import SpotifyClientCredentials

from adapters.spotify.tokens import SCOPES, StashPKCE, TokenCache

# spotipy retries statuses in this list itself, sleeping in its thread; name one Spotify never
# sends, so every 429 and 5xx comes back to us (an empty tuple would mean "the default list").
NO_STATUS_RETRIES = (599,)


class AppClient(spotipy.Spotify):  # type: ignore[misc]
    """A spotipy client on the app's shared session, which it leaves open when freed."""

    def __del__(self) -> None:
        """Nothing: spotipy's closes the session, and the app owns it (SpotifyApp.close)."""


@dataclass(frozen=True)
class SpotifyApp:
    """What every client needs to know about the app and the service."""

    client_id: str
    client_secret: str | None = field(default=None, repr=False)
    _: KW_ONLY
    api_base_url: str
    accounts_base_url: str
    redirect_uri: str = ""  # only connecting people's accounts needs it
    timeout: float = 5.0
    # One connection pool for every client of the app (requests' pool is thread-safe): a new
    # client per person and share would otherwise open a new connection each time.
    http: requests.Session = field(default_factory=requests.Session, repr=False, compare=False)
    # And one for the token endpoint (its auth is the app's): a session built for each person's
    # auth manager, two connection pools each, was a herd's add's biggest cost on the loop.
    token_http: requests.Session = field(default_factory=requests.Session, repr=False,
                                         compare=False)

    def auth_manager(self, cache: TokenCache) -> StashPKCE:
        """A PKCE auth manager over one person's token cache."""
        return StashPKCE(accounts_base_url=self.accounts_base_url, client_id=self.client_id,
                         client_secret=self.client_secret, redirect_uri=self.redirect_uri,
                         scope=SCOPES, cache_handler=cache, requests_timeout=self.timeout,
                         requests_session=self.token_http)

    def close(self) -> None:
        """Close both shared sessions' pools, once no client of the app is in use."""
        self.http.close()
        self.token_http.close()

    def client(self, auth_manager: Any) -> spotipy.Spotify:
        """A spotipy client that never retries or sleeps on its own, pointed at our API host."""
        client = AppClient(auth_manager=auth_manager, retries=0, status_retries=0,
                                 status_forcelist=NO_STATUS_RETRIES,
                                 requests_timeout=self.timeout, requests_session=self.http)
        base = self.api_base_url
        client.prefix = base if base.endswith("/") else base + "/"
        return client

    def own_client(self) -> spotipy.Spotify:
        """The app's own client (client credentials), for search."""
        auth = SpotifyClientCredentials(self.client_id, self.client_secret,
                                        cache_handler=MemoryCacheHandler(),
                                        requests_timeout=self.timeout)
        auth.OAUTH_TOKEN_URL = self.accounts_base_url.rstrip("/") + "/api/token"
        return self.client(auth)
