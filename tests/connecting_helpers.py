"""Real Spotify connecting for end-to-end tests: spotipy against the Spotify stand-in, the web
server's callback page, and a browser (aiohttp) that goes where the pages send it."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import aiohttp
from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.storage import Database, SqlAccountStore
from sandbox.processes import free_port
from sandbox.spotify import SpotifyStandIn


@dataclass
class ConnectRig:
    """The Spotify stand-in and where its redirect goes; `build` is the bot's connector."""

    spotify: SpotifyStandIn
    port: int

    @property
    def redirect_uri(self) -> str:
        """The web server's callback, as registered with the Spotify app."""
        return f"http://127.0.0.1:{self.port}/spotify/callback"

    def build(self, database: Database) -> SpotifyAccounts:
        """SpotifyAccounts as `stash run` builds it, on the bot's database."""
        app = SpotifyApp(self.spotify.client_id, self.spotify.client_secret,
                         redirect_uri=self.redirect_uri, api_base_url=self.spotify.api_base_url,
                         accounts_base_url=self.spotify.accounts_base_url)
        return SpotifyAccounts(app, store=SqlAccountStore(database),
                               cipher=TokenCipher([Fernet.generate_key().decode()]))


@asynccontextmanager
async def spotify_connect_rig() -> AsyncIterator[ConnectRig]:
    """A Spotify stand-in whose app's only redirect URI is a free loopback port."""
    port = free_port()
    async with SpotifyStandIn(redirect_uris=[f"http://127.0.0.1:{port}/spotify/callback"]) as sp:
        yield ConnectRig(sp, port)


@dataclass(frozen=True)
class CallbackPage:
    """What the browser shows after Spotify sent it back to Stash."""

    status: int
    text: str
    url: str = ""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def code(self) -> str | None:
        """The link code the page shows."""
        found = re.search(r'<p class="code">([^<]+)</p>', self.text)
        return html.unescape(found[1]) if found else None

    @property
    def account(self) -> dict[str, str]:
        """The chat account the page says the code links to, as its rows read."""
        rows = re.findall(r"<dt>([^<]+)</dt><dd[^>]*>([^<]*)</dd>", self.text)
        return {html.unescape(label): html.unescape(value) for label, value in rows}

    @property
    def button(self) -> str | None:
        """Where the page's button goes."""
        found = re.search(r'<a class="button" href="([^"]+)"', self.text)
        return html.unescape(found[1]) if found else None


async def open_in_browser(authorize_url: str) -> CallbackPage:
    """Open an authorization link: Spotify (the stand-in) consents and redirects to Stash."""
    async with Browser() as browser:
        return await browser.open(authorize_url)


class Browser:
    """A browser tab that keeps its cookies (for 127.0.0.1 too, as browsers do) and reloads."""

    def __init__(self) -> None:
        self._session = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))

    async def __aenter__(self) -> Browser:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self._session.close()

    async def open(self, url: str) -> CallbackPage:
        """Go to `url`, following redirects; the page it ends on."""
        async with self._session.get(url) as page:
            return CallbackPage(page.status, await page.text(), str(page.url), dict(page.headers))


def authorization_url(text: str) -> str:
    """The authorization link in a bot's answer."""
    found = re.search(r"http://127\.0\.0\.1:\d+/authorize\?\S+", text)
    assert found is not None, text
    return found[0]
