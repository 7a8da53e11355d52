"""`stash run` as an operator starts it, against stand-ins of every service, driven as people would.

One run covers: both fronts connecting, /readyz, linking Spotify through the web callback and its
link code, a share going to "added" on Telegram, /metrics moving, a clean stop on SIGTERM, and no
secret in any log.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import sys
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from cryptography.fernet import Fernet

from adapters.media.ytdlp import PROBE_RANGE
from sandbox.discord import DiscordStandIn
from sandbox.discord.standin import FAKE_BOT_TOKEN
from sandbox.media import MediaHost
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from sandbox.telegram import TelegramStandIn

TELEGRAM_TOKEN = "123456:TEST-TOKEN"
ALICE, BOB = 1001, 1002
GROUP = -100555


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Services:
    telegram: TelegramStandIn
    discord: DiscordStandIn
    media: MediaHost
    shazam: ShazamStandIn
    spotify: SpotifyStandIn


@pytest.fixture
async def services() -> AsyncIterator[Services]:
    async with AsyncExitStack() as stack:
        found = Services(
            await stack.enter_async_context(TelegramStandIn(TELEGRAM_TOKEN)),
            await stack.enter_async_context(DiscordStandIn()),
            await stack.enter_async_context(MediaHost()),
            await stack.enter_async_context(ShazamStandIn()),
            await stack.enter_async_context(SpotifyStandIn()))
        await found.shazam.ready()
        yield found


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


async def ready(base: str, process: asyncio.subprocess.Process) -> dict[str, object]:
    """Poll /readyz until every check passes (the process must stay up meanwhile)."""
    async with aiohttp.ClientSession() as session:
        for _ in range(300):
            if process.returncode is not None:
                pytest.fail(f"stash run exited with {process.returncode}")
            try:
                async with session.get(base + "/readyz") as response:
                    if response.status == 200:
                        return dict(await response.json())
            except aiohttp.ClientConnectionError:
                pass
            await asyncio.sleep(0.2)
    pytest.fail("stash run never became ready")


def said(services: Services, chat: int) -> str:
    return "\n".join(entry.text or "" for entry in services.telegram.transcript(chat))


async def link_spotify(services: Services) -> None:
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


async def start(services: Services, folder: Path) -> tuple[asyncio.subprocess.Process, str, str]:
    """`stash run` as a process logging to folder/stash.log; its base URL and encryption key."""
    port, key = free_port(), Fernet.generate_key().decode()
    # A file, not a pipe: a pipe nobody reads fills up and blocks the process's logging.
    with (folder / "stash.log").open("wb") as log:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", env=environment(services, folder, port, key),
            stdout=asyncio.subprocess.DEVNULL, stderr=log)
    return process, f"http://127.0.0.1:{port}", key


async def stop(process: asyncio.subprocess.Process, folder: Path) -> str:
    """SIGTERM, a clean exit, and the logs."""
    if process.returncode is None:
        process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 60)
    except TimeoutError:
        process.kill()
        await process.wait()
    logs = (folder / "stash.log").read_text()
    assert process.returncode == 0, logs[-5000:]
    return logs


async def test_stash_run_end_to_end(services: Services, tmp_path: Path) -> None:
    process, base, key = await start(services, tmp_path)
    try:
        checks = await ready(base, process)
        assert checks == {"ready": True,
                          "checks": {"storage": True, "telegram": True, "discord": True}}
        services.telegram.add_user(ALICE, "Alice")
        await link_spotify(services)

        services.telegram.user_sends(ALICE, services.media.url("40000003", "m4a"), chat_id=ALICE)
        await services.telegram.wait_for(lambda: "Added to Stash" in said(services, ALICE), 60)
        assert "Golden Hour" in said(services, ALICE)
        [playlist] = services.spotify.playlists("stashdemo")
        assert playlist["name"] == "Stash" and len(playlist["items"]) == 1

        metrics = await scrape(base)
        assert 'stash_shares_total{error="",outcome="added",platform="direct"} 1.0' in metrics
        assert 'stash_front_connected{front="telegram"} 1.0' in metrics
        assert "stash_identifications_started_total 1.0" in metrics  # the one share's
        assert 'stash_outside_calls_total{result="ok",service="shazam",status="2xx"}' in metrics
    finally:
        logs = await stop(process, tmp_path)
    assert "Stash is running" in logs
    secrets = [TELEGRAM_TOKEN, FAKE_BOT_TOKEN, SANDBOX_CLIENT_SECRET, key,
               *services.spotify.store.access_tokens, *services.spotify.store.refresh_tokens]
    leaked = [secret[:6] + "…" for secret in secrets if secret in logs]
    assert leaked == [], "secrets in the logs"


async def scrape(base: str) -> str:
    """The /metrics page."""
    async with aiohttp.ClientSession() as session, session.get(base + "/metrics") as page:
        return await page.text()


def buttons(services: Services, chat: int) -> list[tuple[int, str, str]]:
    """(message id, label, callback data) of every button in a chat."""
    return [(entry.message_id, str(button.get("text")), str(button.get("callback_data")))
            for entry in services.telegram.transcript(chat) for button in entry.buttons]


async def test_real_pipeline_choices_misses_and_a_link_shared_at_once(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    process, base, _ = await start(services, tmp_path)
    try:
        await ready(base, process)
        telegram.add_user(ALICE, "Alice")
        telegram.add_user(BOB, "Bob")
        telegram.add_group(GROUP, "Friends")

        # Two releases of one song: Alice is asked in the group; Bob's press is refused.
        telegram.user_sends(ALICE, f"/stash {media.url('40000010', 'mp3')}", chat_id=GROUP)
        await telegram.wait_for(lambda: len(buttons(services, GROUP)) >= 3, 60)
        # Each button says what sets its release apart: album, year and length.
        assert [label for _, label, _ in buttons(services, GROUP) if "Echo Park" in label] == [
            "Echo Park, 2024 · 3:18 · Echo Park — Nova Lane",
            "Echo Park (Deluxe), 2025 · 3:56 · Echo Park — Nova Lane"]
        message, _, first = next(b for b in buttons(services, GROUP) if "Echo Park" in b[1])
        refused = telegram.press_button(BOB, message, first, chat_id=GROUP)
        answer = await telegram.wait_for_answer(refused, 20)
        assert answer.show_alert and "Only the person who shared" in (answer.text or "")
        telegram.press_button(ALICE, message, first, chat_id=GROUP)
        await telegram.wait_for(lambda: "Echo Park" in said(services, GROUP)
                                and "/link" in said(services, GROUP), 30)

        # Only talk: nothing recognized after the later windows were tried too.
        telegram.user_sends(ALICE, media.url("speech", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: "couldn't recognize" in said(services, ALICE), 60)

        # One new link from two people at once: one probe and one window download.
        shared = media.url("40000006", "m4a", seconds=45)
        media.reset_bytes()
        telegram.user_sends(ALICE, shared, chat_id=ALICE)
        telegram.user_sends(BOB, shared, chat_id=BOB)
        await telegram.wait_for(lambda: "Звёзды" in said(services, ALICE)
                                and "Звёзды" in said(services, BOB), 60)
        ranges = [r.range for r in media.requests if "/clip/40000006" in r.path]
        # yt-dlp's look at the link (its first KiB), then ffmpeg's window in byte ranges, each
        # asked for once: one probe and one window for both people.
        assert ranges.count(PROBE_RANGE) == 1, ranges
        assert len(ranges) == len(set(ranges)) > 1, ranges

        # A login wall, and Shazam asking to wait longer than a share may (which pauses
        # recognition for everyone, so it comes last): both said plainly, both counted.
        telegram.user_sends(ALICE, media.url("40000004", "m4a", fault="login-redirect"),
                            chat_id=ALICE)
        await telegram.wait_for(lambda: "log in" in said(services, ALICE), 60)
        services.shazam.fail_rate_limited(1, retry_ms=600_000)
        telegram.user_sends(ALICE, media.url("40000009", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: "Too many requests" in said(services, ALICE), 60)
        metrics = await scrape(base)
        shares = 'stash_shares_total{{error="{}",outcome="{}",platform="direct"}} 1.0'
        calls = 'stash_outside_calls_total{{result="{}",service="{}",status="{}"}} 1.0'
        for line in (shares.format("", "not_recognized"), shares.format("login_wall", "failed"),
                     shares.format("rate_limited", "failed"),
                     calls.format("rate_limited", "shazam", "429"),
                     calls.format("login_wall", "media", "4xx")):
            assert line in metrics, line
    finally:
        await stop(process, tmp_path)
