"""Each adapter from settings: what bot/bootstrap.py puts together into a front or a worker, and
what the operator commands (`stash host`, `stash rotate-keys`, `stash demo`) open themselves.
Spotify accounts and playlists are a front's only: they are loaded when built."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from adapters.media import YtdlpFetcher
from adapters.media.files import FileFetcher
from adapters.media.guard import Resolver, system_resolver
from adapters.metrics import PrometheusTelemetry, instrument
from adapters.spotify.app import SpotifyApp
from adapters.spotify.catalog import SpotifyCatalog
from adapters.spotify.tokens import redact_spotipy_logs
from adapters.storage import Engine, SqlAccountStore, open_database
from bot.settings import Settings
from core.errors import NotConfigured, SpotifyNotConnected
from core.models import CatalogTrack, PlaylistAdd, UserKey
from core.ports import Catalog, Playlists

if TYPE_CHECKING:
    from yt_dlp.extractor.common import InfoExtractor

    from core.accounts import AccountConnector
    from core.destinations import GroupPlaylists, HostedPlaylists

log = logging.getLogger(__name__)
T = TypeVar("T")


async def open_storage(settings: Settings) -> Engine:
    """The database DATABASE_URL names, opened and migrated."""
    return await open_database(settings.database_url, pool_size=settings.database_pool_size,
                               busy_timeout=settings.database_busy_timeout,
                               statement_timeout=settings.database_timeout)


def build_fetcher(settings: Settings, *, guard_hosts: Iterable[str] = (),
                  resolver: Resolver = system_resolver,
                  extractors: Sequence[type[InfoExtractor]] = ()) -> YtdlpFetcher:
    """yt-dlp with the caps, cookie files and extra hosts of the settings.

    `stash demo` adds the platforms' hosts its guard lets through (to this machine), its offline
    resolver and its stand-in extractor.
    """
    return YtdlpFetcher(
        extra_hosts=[*settings.media_extra_hosts, *guard_hosts],
        resolver=resolver,
        extractors=extractors,
        cookie_files=settings.cookie_files(),
        window_seconds=settings.media_window_seconds,
        max_duration=settings.media_max_duration,
        max_bytes=settings.media_max_bytes,
        socket_timeout=settings.media_socket_timeout,
        timeout=settings.media_timeout,
        concurrency=settings.media_concurrency,
    )


def build_files(settings: Settings) -> FileFetcher:
    """The reader of files sent in chats, with the window and limits of the settings."""
    return FileFetcher(window_seconds=settings.media_window_seconds,
                       timeout=settings.media_timeout, concurrency=settings.media_concurrency)


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


@dataclass
class Destinations:
    """Where a front delivers: people's own playlists, the host account's, groups'."""

    connector: AccountConnector | None
    playlists: Playlists
    hosted: HostedPlaylists | None = None
    groups: GroupPlaylists | None = None


async def build_destinations(settings: Settings, database: Engine,
                             telemetry: PrometheusTelemetry | None,
                             stack: AsyncExitStack) -> Destinations:
    """People's own playlists when the Spotify app and TOKEN_ENCRYPTION_KEYS are set; the host
    account's (HOSTED_PLAYLISTS, working once `stash host link` linked one) and groups'
    (GROUP_PLAYLISTS) on top. Adds the host could not make are retried until `stack` closes."""
    keys, app = encryption_keys(settings), spotify_app(settings)
    if app is None or not keys:
        return Destinations(None, counted(telemetry, NoPlaylists(), "spotify_playlists", "add"))
    from adapters.crypto import TokenCipher
    from adapters.spotify.accounts import SpotifyAccounts
    from adapters.spotify.playlists import SpotifyPlaylists

    accounts = SpotifyAccounts(app, store=SqlAccountStore(database), cipher=TokenCipher(keys),
                               playlist_name=settings.spotify_playlist_name)
    stack.callback(app.close)  # the app's shared sessions, once the fronts are done with them
    to = Destinations(
        counted(telemetry, accounts, "spotify_accounts", "finish", "hold", "playlists",
                "use_playlist", "new_playlist"),
        counted(telemetry, SpotifyPlaylists(accounts), "spotify_playlists", "add"))
    if settings.hosted_playlists:
        from adapters.spotify.groups import SpotifyGroupPlaylists
        from adapters.spotify.hosted import SpotifyHostedPlaylists
        from adapters.spotify.hosted_retry import PendingRetries
        from adapters.storage.hosted import SqlHostedStore

        hosted = SpotifyHostedPlaylists(accounts, SqlHostedStore(database))
        to.groups = SpotifyGroupPlaylists(hosted) if settings.group_playlists else None
        retries = PendingRetries(hosted, on_count=telemetry.hosted_adds_pending
                                 if telemetry is not None else None)
        retries.start()
        stack.push_async_callback(retries.close)
        to.hosted = counted(telemetry, hosted, "spotify_hosted", "add", "remove")
    return to


def counted(telemetry: PrometheusTelemetry | None, port: T, service: str, *methods: str) -> T:
    """`port` with each call to `methods` counted under `service` when metrics are on."""
    return port if telemetry is None else instrument(port, telemetry, service, *methods)


class NoCatalog:
    """Spotify search without the app's credentials: every search says so, to people and logs."""

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        """Catalog.search."""
        log.warning("Spotify search is not available: set SPOTIFY_CLIENT_ID and "
                    "SPOTIFY_CLIENT_SECRET")
        raise NotConfigured()


class NoPlaylists:
    """Without Spotify accounts nobody is linked: people get the match and a /link hint."""

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Playlists.add."""
        raise SpotifyNotConnected()

    async def has_account(self, user: UserKey) -> bool:
        """Playlists.has_account."""
        return False
