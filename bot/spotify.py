"""Building the Spotify adapters from settings."""

from __future__ import annotations

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.spotify.catalog import SpotifyCatalog
from adapters.spotify.groups import SpotifyGroupPlaylists
from adapters.spotify.hosted import SpotifyHostedPlaylists
from adapters.spotify.playlists import SpotifyPlaylists
from adapters.spotify.tokens import redact_spotipy_logs
from adapters.storage import Engine
from adapters.storage.hosted import SqlHostedStore
from bot.missing import NoCatalog, NoPlaylists
from bot.settings import Settings
from core.accounts import AccountLinker, AccountStore
from core.destinations import GroupPlaylists, HostedPlaylists
from core.ports import Catalog, Playlists


def encryption_keys(settings: Settings) -> list[str]:
    """TOKEN_ENCRYPTION_KEYS as a list, newest first."""
    if settings.token_encryption_keys is None:
        return []
    raw = settings.token_encryption_keys.get_secret_value()
    return [key.strip() for key in raw.split(",") if key.strip()]


def redirect_uri(settings: Settings) -> str:
    """Where Spotify sends people back: the setting, or this machine's own callback."""
    return settings.redirect_uri or f"http://127.0.0.1:{settings.http_port}/spotify/callback"


def spotify_app(settings: Settings) -> SpotifyApp | None:
    """The Spotify app this instance runs as, when SPOTIFY_CLIENT_ID is set."""
    if not settings.spotify_client_id:
        return None
    secret = settings.spotify_client_secret
    return SpotifyApp(settings.spotify_client_id, secret.get_secret_value() if secret else None,
                      api_base_url=settings.spotify_api_base_url,
                      accounts_base_url=settings.spotify_accounts_base_url,
                      redirect_uri=redirect_uri(settings))


def build_catalog(settings: Settings) -> Catalog:
    """Spotify search when the app's credentials are set."""
    redact_spotipy_logs()
    app = spotify_app(settings)
    if app is None or not app.client_secret:
        return NoCatalog()
    return SpotifyCatalog(app)


def build_hosted(settings: Settings, linker: AccountLinker | None,
                 database: Engine) -> HostedPlaylists | None:
    """Playlists the host account keeps, unless HOSTED_PLAYLISTS is off (they start working
    once `stash host link` linked a host)."""
    if not settings.hosted_playlists or not isinstance(linker, SpotifyAccounts):
        return None
    return SpotifyHostedPlaylists(linker, SqlHostedStore(database))


def build_groups(settings: Settings, hosted: HostedPlaylists | None) -> GroupPlaylists | None:
    """Group playlists on the host account, unless GROUP_PLAYLISTS is off."""
    if not settings.group_playlists or not isinstance(hosted, SpotifyHostedPlaylists):
        return None
    return SpotifyGroupPlaylists(hosted)


def build_accounts(settings: Settings, store: AccountStore
                   ) -> tuple[AccountLinker | None, Playlists]:
    """Account linking and playlists when the Spotify app and the encryption keys are set."""
    keys, app = encryption_keys(settings), spotify_app(settings)
    if app is None or not keys:
        return None, NoPlaylists()
    accounts = SpotifyAccounts(app, store=store, cipher=TokenCipher(keys),
                               playlist_name=settings.spotify_playlist_name)
    return accounts, SpotifyPlaylists(accounts)
