"""What the end-to-end tests share: the stand-ins of every service a `stash run` talks to, the
environment it is started with, and the steps people take in it (connecting Spotify or Discord,
reading what the bot said, a balancer in front of replicas)."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from core.models import UserKey
from sandbox.discord import DiscordStandIn
from sandbox.discord.standin import FAKE_BOT_TOKEN
from sandbox.media import MediaHost
from sandbox.processes import Launched, free_port, launch
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from sandbox.telegram import TelegramStandIn
from tests.discord_helpers import World as DiscordWorld
from tests.telegram_helpers import World
from tests.worlds import DRIVE, ORIGINAL, REEL

TELEGRAM_TOKEN = "123456:TEST-TOKEN"
ALICE, BOB = 1001, 1002
GROUP = -100555


@dataclass
class Services:
    telegram: TelegramStandIn
    discord: DiscordStandIn
    media: MediaHost
    shazam: ShazamStandIn
    spotify: SpotifyStandIn


def environment(services: Services, folder: Path, port: int, key: str) -> dict[str, str]:
    clean = {k: v for k, v in os.environ.items() if not k.isupper() or k in ("PATH", "HOME")}
    return {**clean, "PATH": os.environ.get("PATH", ""),
            "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN,
            "TELEGRAM_API_BASE_URL": services.telegram.base_url,
            "DISCORD_BOT_TOKEN": FAKE_BOT_TOKEN,
            "DISCORD_API_BASE_URL": services.discord.base_url,
            "SPOTIFY_CLIENT_ID": SANDBOX_CLIENT_ID,
            "SPOTIFY_CLIENT_SECRET": SANDBOX_CLIENT_SECRET,
            "SPOTIFY_API_BASE_URL": services.spotify.api_base_url,
            "SPOTIFY_ACCOUNTS_BASE_URL": services.spotify.accounts_base_url,
            "SHAZAM_API_BASE_URL": services.shazam.origin,
            "SHAZAM_REQUESTS_PER_MINUTE": "120",
            "MEDIA_EXTRA_HOSTS": f"127.0.0.1:{services.media.port}",
            "TOKEN_ENCRYPTION_KEYS": key,
            "DATABASE_URL": f"sqlite:///{folder / 'stash.db'}",
            "HTTP_PORT": str(port),
            "LOG_LEVEL": "DEBUG"}


async def stash_run(env: dict[str, str], folder: Path) -> Launched:
    """`stash run` with `env` (HTTP_PORT its port), its stderr in folder/stash.log."""
    return await launch("stash run", [sys.executable, "-m", "bot", "run"], env,
                        folder / "stash.log", int(env["HTTP_PORT"]))


def said(services: Services, chat: int) -> str:
    return "\n".join(entry.text or "" for entry in services.telegram.transcript(chat))


async def connect_spotify(services: Services) -> None:
    """/link in Telegram, then a browser: Spotify's consent, then our callback page, whose
    t.me button Alice taps (Telegram sends /start <code> as her)."""
    services.telegram.user_sends(ALICE, "/link", chat_id=ALICE)
    await services.telegram.wait_for(lambda: "/authorize?" in said(services, ALICE), 20)
    authorize = re.search(r"http://127\.0\.0\.1:\d+/authorize\?\S+", said(services, ALICE))
    assert authorize is not None
    async with aiohttp.ClientSession() as browser:
        async with browser.get(authorize.group(), allow_redirects=False) as consent:
            callback = consent.headers["Location"]
        async with browser.get(callback) as page:
            body = await page.text()
    assert page.status == 200 and "Stash Demo" in body and "One more step" in body
    button = re.search(r'href="https://t\.me/[A-Za-z0-9_]+\?start=([A-Za-z0-9]+)"', body)
    assert button is not None
    services.telegram.user_sends(ALICE, f"/start {button[1]}", chat_id=ALICE)
    await services.telegram.wait_for(lambda: "Linked as Stash Demo" in said(services, ALICE), 20)


async def stop(stash: Launched) -> str:
    """SIGTERM, a clean exit, and the logs."""
    logs = await stash.stop()
    assert stash.process.returncode == 0, logs[-5000:]
    return logs


async def scrape(base: str) -> str:
    """The /metrics page."""
    async with aiohttp.ClientSession() as session, session.get(base + "/metrics") as page:
        return await page.text()


def buttons(services: Services, chat: int) -> list[tuple[int, str, str]]:
    """(message id, label, callback data) of every button in a chat."""
    return [(entry.message_id, str(button.get("text")), str(button.get("callback_data")))
            for entry in services.telegram.transcript(chat) for button in entry.buttons]


RESEND = ("try again", "send the link again", "share the link again", "restarting")


def asks_to_resend(text: str) -> bool:
    return any(words in text.lower() for words in RESEND)


def ends_in_the_song(services: Services, chat: int, stage: str) -> None:
    """The status message that showed `stage` ends in the song, no message asks to send it
    again, and the song is in the playlist once."""
    transcript = services.telegram.transcript(chat)
    [status] = [e for e in transcript if any(stage in text for text in [*e.history, e.text or ""])]
    assert "Added to Stash" in (status.text or "") and "Golden Hour" in (status.text or "")
    assert not any(asks_to_resend(e.text or "") for e in transcript)
    assert not any(asks_to_resend(text) for text in status.history), status.history
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1


class Balancer:
    """One address in front of the replicas: each update goes to the next replica in turn, or
    (`duplicate_next`) to every replica, as a retrying proxy might."""

    def __init__(self) -> None:
        self.port = free_port()
        self.backends: list[str] = []
        self.routed: dict[int, list[int]] = {}  # update id -> the replicas it went to
        self.duplicate_next = False
        self._turn = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/telegram"

    async def forward(self, request: web.Request) -> web.Response:
        body, headers = await request.read(), {k: v for k, v in request.headers.items()
                                                if k.lower().startswith("x-telegram")}
        update_id = int((await request.json())["update_id"])
        targets = list(range(len(self.backends))) if self.duplicate_next else [self._turn]
        self._turn = (self._turn + 1) % len(self.backends)  # a retry goes to the next one
        statuses = []
        async with aiohttp.ClientSession() as session:
            for n in targets:
                try:
                    async with session.post(
                            self.backends[n] + "/telegram", data=body,
                            headers={**headers, "Content-Type": "application/json"}) as answer:
                        statuses.append(answer.status)
                except aiohttp.ClientConnectionError:
                    statuses.append(502)  # that replica is gone
        if statuses[0] == 200:
            self.routed[update_id] = targets
            self.duplicate_next = False
            await self.answered(targets[0], update_id)
        return web.Response(status=statuses[0])

    async def answered(self, backend: int, update_id: int) -> None:
        """A replica answered 200 (tests replace this to act right then)."""

    @asynccontextmanager
    async def running(self) -> AsyncIterator[Balancer]:
        app = web.Application()
        app.router.add_post("/telegram", self.forward)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", self.port).start()
        try:
            yield self
        finally:
            await runner.cleanup()


async def answer(services: Services, user: int, name: str, options: dict[str, Any] | None = None
                 ) -> str:
    """The (ephemeral) answer to a slash command."""
    dc = services.discord
    asked = await dc.run_command(user, name, options)

    def content() -> str:
        return str((dc.interaction(asked)["original"] or {}).get("content") or "")

    await dc.wait_for(lambda: bool(content()), 20)
    return content()


async def connect_discord(services: Services) -> None:
    """/link on Discord, Spotify's consent in a browser, then /link code:<the page's code>."""
    alice = services.discord.alice_id
    authorize = re.search(r"http://127\.0\.0\.1:\d+/authorize\?\S+",
                          await answer(services, alice, "link"))
    assert authorize is not None
    async with aiohttp.ClientSession() as browser:
        async with browser.get(authorize.group(), allow_redirects=False) as consent:
            callback = consent.headers["Location"]
        async with browser.get(callback) as page:
            code = re.search(r'<p class="code">([^<]+)</p>', await page.text())
    assert code is not None
    assert "Linked as" in await answer(services, alice, "link", {"code": code[1]})


ADDED = ("Added to Stash ✓\nMidnight Drive — Luna Vale (Night Roads)\n"
         "https://open.spotify.com/track/orig")


def publish(world: World | DiscordWorld, name: str, *artists: str, album: str | None = None
            ) -> None:
    """Spotify's track and Shazam's answer both carry an outside title (as they would for a
    real song of that name: a title that disagrees with Shazam's is not taken on its ISRC)."""
    track = replace(ORIGINAL, name=name, artists=artists or ORIGINAL.artists,
                    album=album or ORIGINAL.album)
    world.catalog.tracks[0] = track
    world.recognizer.songs[b"drive"] = replace(DRIVE, title=name, artists=track.artists)


HERD = 30
FIRST_ID = 5000


async def herd_shares(bot: World, people: range, first_messages: int = HERD // 3
                      ) -> dict[int, int]:
    """Everyone in `people` sends the link in their private chat; their message ids. The
    download waits until `first_messages` of them have a first message."""
    for user_id in people:
        bot.tg.add_user(user_id, f"P{user_id}")
        bot.playlists.connected.add(UserKey("telegram", str(user_id)))
    bot.fetcher.held.add(REEL.canonical_url)
    sent = {user_id: bot.tg.user_sends(user_id, REEL.original)["message_id"]
            for user_id in people}
    # The download is held until a third of the herd has a first message, so that the rest
    # are still waiting for theirs when the result is known.
    await bot.tg.wait_for(
        lambda: sum(1 for u in people if bot.bot_messages(u)) >= first_messages, timeout=30)
    bot.fetcher.gate.set()
    return sent


def answered(bot: World, user_id: int, message_id: int) -> bool:
    return any(e.reply_to == message_id and e.text == ADDED for e in bot.bot_messages(user_id))
