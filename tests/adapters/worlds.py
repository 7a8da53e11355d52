"""What several adapter tests share: the Spotify rig (stand-in, database, accounts adapter) and
its people and songs, the stand-in yt-dlp extractor, `stash` run as a command, and the bytes of a
database on disk."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qs, urlsplit

import aiohttp
from yt_dlp.extractor.common import InfoExtractor

from adapters.crypto import TokenCipher
from adapters.media import YtdlpFetcher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.storage import SqlAccountStore
from core.accounts import ConnectedAccount
from core.models import (
    CatalogTrack,
    UserKey,
)
from sandbox.spotify import SpotifyStandIn

REDIRECT = "http://127.0.0.1:8765/spotify/callback"
ALICE = UserKey("telegram", "42")
BOB = UserKey("discord", "42")


class Clock:
    """A clock a test moves by hand."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@dataclass
class Rig:
    """A stand-in, a database and the adapter under test, wired as the bot wires them."""

    spotify: SpotifyStandIn
    db_path: Path
    store: SqlAccountStore
    cipher: TokenCipher
    accounts: SpotifyAccounts
    clock: Clock

    async def token_of(self, user: UserKey) -> dict[str, Any]:
        """The person's stored token, decrypted."""
        account = await self.store.account(user)
        assert account is not None
        return self.cipher.decrypt(user, account.token_blob)


async def consent(url: str) -> dict[str, str]:
    """Open the authorization URL as the person's browser would; the redirect's query."""
    async with aiohttp.ClientSession() as http, http.get(url, allow_redirects=False) as answer:
        assert answer.status == 302
        location = answer.headers["Location"]
    assert location.startswith(REDIRECT + "?")
    return {key: values[0] for key, values in parse_qs(urlsplit(location).query).items()}


async def link(rig: Rig, user: UserKey, spotify_user: str) -> ConnectedAccount:
    """The whole flow: /link, log in at Spotify, the callback holds it, the code finishes it."""
    rig.spotify.login_as(spotify_user)
    query = await consent(await rig.accounts.authorize_url(user))
    held = await rig.accounts.hold(query["state"], query["code"])
    return await rig.accounts.confirm(held.code, user)


RUN_IT_UP = CatalogTrack("spotify:track:6runItUp0000000012", "Run It Up", ("Kiro", "Dex Rivers"))
GOLDEN = CatalogTrack("spotify:track:6goldenMira000000007", "Golden Hour", ("Mira",))


class Sleeps:
    """An injected sleep that records what it was asked to wait, and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def database_bytes(folder: Path) -> bytes:
    """The database file and its write-ahead log, as bytes."""
    return b"".join(p.read_bytes() for p in folder.iterdir() if p.name.startswith("stash.db"))


def stash(*args: str, env: dict[str, str] | None = None, cwd: Path, stdin: str = ""
          ) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TELEGRAM_", "DISCORD_", "SPOTIFY_", "TOKEN_", "DATABASE_",
                                  "REDIS_", "HTTP_", "LOG_", "MEDIA_", "YTDLP_"))}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env={**clean, **(env or {})}, cwd=cwd, input=stdin, timeout=60)


REEL = "https://www.instagram.com/reel/C0ffee12345/"


async def public(host: str, port: int) -> list[str]:
    """DNS for the platforms' names, without DNS: a public address."""
    return ["93.184.216.34"]


def platform(answer: Callable[[InfoExtractor], dict[str, Any]]) -> type[InfoExtractor]:
    """An extractor for Instagram and TikTok links that answers with `answer(self)`."""

    class StandInIE(InfoExtractor):  # type: ignore[misc]
        IE_NAME = "standin"
        _VALID_URL = r"https?://(?:www\.)?(?:instagram|tiktok)\.com/.+"
        seen_cookies: ClassVar[list[str]] = []

        def _real_extract(self, url: str) -> dict[str, Any]:
            cookiefile = self.get_param("cookiefile")
            StandInIE.seen_cookies.append(Path(cookiefile).read_text() if cookiefile else "")
            return answer(self)

    return StandInIE


def fetcher(extractor: type[InfoExtractor], **options: Any) -> YtdlpFetcher:
    """A fetcher whose only way to the platforms is the stand-in extractor."""
    return YtdlpFetcher(resolver=public, extractors=[extractor], **options)


ME = UserKey("console", "me")


def lines_from(*lines: str) -> Callable[[], Awaitable[str | None]]:
    queue = list(lines)

    async def read() -> str | None:
        return queue.pop(0) if queue else None

    return read
