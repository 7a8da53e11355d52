"""spotipy's PKCE auth manager made safe for a bot: no interactive fallback, tokens in our store,
and no token in spotipy's debug logs."""

from __future__ import annotations

from typing import Any

from requests.auth import HTTPBasicAuth
from spotipy.cache_handler import CacheHandler
from spotipy.oauth2 import SpotifyPKCE

from adapters.redact import RedactingFilter, Redactor, filter_loggers

SCOPES = "playlist-modify-private playlist-modify-public playlist-read-private"


class ReconnectNeeded(Exception):
    """spotipy wanted to ask for a new authorization code: the stored token cannot serve."""


class TokenCache(CacheHandler):  # type: ignore[misc]
    """One person's token for the length of one session; the caller persists what changed.

    spotipy calls it from its worker thread, so it only touches memory; the async side loads
    the token before the thread starts and saves a refreshed one after it ends.
    """

    def __init__(self, token_info: dict[str, Any] | None = None) -> None:
        self.token_info = token_info
        self.changed = False

    def __repr__(self) -> str:
        return f"TokenCache(changed={self.changed})"

    def get_cached_token(self) -> dict[str, Any] | None:
        """The token spotipy validates (and refreshes within 60 s of expiry)."""
        return self.token_info

    def save_token_to_cache(self, token_info: dict[str, Any]) -> None:
        """Keep a new or refreshed token until the async side encrypts and stores it."""
        self.token_info = token_info
        self.changed = True


class StashPKCE(SpotifyPKCE):  # type: ignore[misc]
    """SpotifyPKCE on a configurable accounts host that never falls back to input()."""

    def __init__(self, *, accounts_base_url: str, client_secret: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(open_browser=False, **kwargs)
        if client_secret:
            # Every request of this manager goes to the token endpoint: authenticate the app.
            self._session.auth = HTTPBasicAuth(self.client_id, client_secret)
        base = accounts_base_url.rstrip("/")
        self.OAUTH_AUTHORIZE_URL = base + "/authorize"
        self.OAUTH_TOKEN_URL = base + "/api/token"

    def __del__(self) -> None:
        """Nothing: spotipy's closes the session, which is the app's shared token session
        (SpotifyApp.close closes it once); closed, every keep-alive connection went with it."""

    def __repr__(self) -> str:
        return f"StashPKCE(client_id={self.client_id!r})"

    def get_authorization_code(self, response: str | None = None) -> str:
        """Refuse: spotipy's fallback would prompt on the terminal of a server."""
        raise ReconnectNeeded("the stored token cannot be used or refreshed")

    def challenge_for(self, verifier: str) -> None:
        """Restore the PKCE pair of an authorization started earlier (another instance)."""
        self.code_verifier = verifier
        self.code_challenge = self._get_code_challenge()


# spotipy's DEBUG lines print bearer tokens and token fields whole.
_REDACT = RedactingFilter(Redactor())


def redact_spotipy_logs() -> None:
    """Install the shared redaction on spotipy's loggers (once; filters do not reach child
    loggers)."""
    filter_loggers(("spotipy.client", "spotipy.oauth2"), _REDACT)
