"""`stash run` as an operator starts it, against stand-ins of every service, driven as people would.

One run covers: both fronts connecting, /readyz, connecting Spotify through the web callback and its
link code, a share going to "added" on Telegram, /metrics moving, a clean stop on SIGTERM, and no
secret in any log.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.fernet import Fernet

from adapters.media.ytdlp import PROBE_RANGE
from sandbox.discord.standin import FAKE_BOT_TOKEN
from sandbox.processes import Launched, free_port
from sandbox.spotify.standin import SANDBOX_CLIENT_SECRET
from tests.e2e.worlds import (
    ALICE,
    BOB,
    GROUP,
    TELEGRAM_TOKEN,
    Services,
    buttons,
    connect_spotify,
    environment,
    said,
    scrape,
    stash_run,
    stop,
)


async def start(services: Services, folder: Path) -> tuple[Launched, str]:
    """`stash run` as a process logging to folder/stash.log; its encryption key."""
    key = Fernet.generate_key().decode()
    return await stash_run(environment(services, folder, free_port(), key), folder), key


async def test_stash_run_end_to_end(services: Services, tmp_path: Path) -> None:
    stash, key = await start(services, tmp_path)
    try:
        checks = await stash.ready()
        assert checks == {"ready": True,
                          "checks": {"storage": True, "telegram": True, "discord": True}}
        services.telegram.add_user(ALICE, "Alice")
        await connect_spotify(services)

        services.telegram.user_sends(ALICE, services.media.url("40000003", "m4a"), chat_id=ALICE)
        await services.telegram.wait_for(lambda: "Added to Stash" in said(services, ALICE), 60)
        assert "Golden Hour" in said(services, ALICE)
        [playlist] = services.spotify.playlists("stashdemo")
        assert playlist["name"] == "Stash" and len(playlist["items"]) == 1

        metrics = await scrape(stash.base)
        assert 'stash_shares_total{error="",outcome="added",platform="direct"} 1.0' in metrics
        assert 'stash_front_connected{front="telegram"} 1.0' in metrics
        assert "stash_identifications_started_total 1.0" in metrics  # the one share's
        assert 'stash_outside_calls_total{result="ok",service="shazam",status="2xx"}' in metrics
    finally:
        logs = await stop(stash)
    assert "Stash is running" in logs
    secrets = [TELEGRAM_TOKEN, FAKE_BOT_TOKEN, SANDBOX_CLIENT_SECRET, key,
               *services.spotify.store.access_tokens, *services.spotify.store.refresh_tokens]
    leaked = [secret[:6] + "…" for secret in secrets if secret in logs]
    assert leaked == [], "secrets in the logs"


async def test_real_pipeline_choices_misses_and_a_link_shared_at_once(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    stash, _ = await start(services, tmp_path)
    try:
        await stash.ready()
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
        metrics = await scrape(stash.base)
        shares = 'stash_shares_total{{error="{}",outcome="{}",platform="direct"}} 1.0'
        calls = 'stash_outside_calls_total{{result="{}",service="{}",status="{}"}} 1.0'
        for line in (shares.format("", "not_recognized"), shares.format("login_wall", "failed"),
                     shares.format("rate_limited", "failed"),
                     calls.format("rate_limited", "shazam", "429"),
                     calls.format("login_wall", "media", "4xx")):
            assert line in metrics, line
    finally:
        await stop(stash)
