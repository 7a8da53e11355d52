"""A share survives its process: `stash run` is SIGKILLed while a share is being listened to,
started again on the same database, and the person's status message ends in the result, once,
with the song in the playlist once. Telegram and Discord, against their stand-ins."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from tests.e2e.worlds import ALICE, Services, connect_discord, connect_spotify, said, scrape
from tests.run_helpers import Runs

RESUMED = 'stash_shares_resumed_total{{front="{}",result="finished"}} 1.0'
LEASE = "2"  # seconds: a killed process's shares are taken over this long after it died


def finals(texts: list[str], final: str) -> int:
    return sum(final in text for text in texts)


async def test_a_telegram_share_killed_mid_listen_is_finished_by_the_next_process(
        services: Services, tmp_path: Path) -> None:
    telegram, shazam = services.telegram, services.shazam
    runs = Runs(services, tmp_path)
    first = await runs.start(SHARE_LEASE=LEASE)
    try:
        telegram.add_user(ALICE, "Alice")
        await connect_spotify(services)
        shazam.set_delay(10)  # the share stays at "Listening…" until the process dies
        telegram.user_sends(ALICE, services.media.url("40000003", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: "Listening…" in said(services, ALICE), 60)
        await first.kill()
        shazam.set_delay(0)
        second = await runs.start(SHARE_LEASE=LEASE)
        await telegram.wait_for(lambda: "Added to Stash" in said(services, ALICE), 60)
        await asyncio.sleep(float(LEASE) * 2)  # room for a second, wrong, resume
        assert RESUMED.format("telegram") in await scrape(second.base)
    finally:
        await runs.stop_all()
    logs = second.logs
    assert second.process.returncode == 0, logs[-3000:]
    statuses = [e for e in telegram.transcript(ALICE) if "Listening…" in (e.text or "")
                or "Added to Stash" in (e.text or "")]
    [status] = statuses  # one message, edited from the stage to the result
    assert "Added to Stash" in (status.text or "") and "Golden Hour" in (status.text or "")
    assert "Listening…" in status.history  # the message the killed process was editing
    assert finals([e.text or "" for e in telegram.transcript(ALICE)], "Added to Stash") == 1
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1
    assert "resuming a telegram share" in logs


async def test_a_discord_share_killed_mid_listen_is_finished_by_the_next_process(
        services: Services, tmp_path: Path) -> None:
    dc, shazam = services.discord, services.shazam
    runs = Runs(services, tmp_path)
    first = await runs.start(SHARE_LEASE=LEASE)

    def bot_messages() -> list[dict[str, Any]]:
        return [m for m in dc.transcript() if m["author"]["bot"] and not m["ephemeral"]]

    try:
        await connect_discord(services)
        shazam.set_delay(10)
        await dc.send_message(dc.alice_id, services.media.url("40000003", "m4a"))
        await dc.wait_for(lambda: any("Listening…" in m["content"] for m in bot_messages()), 60)
        await first.kill()
        shazam.set_delay(0)
        second = await runs.start(SHARE_LEASE=LEASE)
        await dc.wait_for(lambda: any("Added to Stash" in m["content"] for m in bot_messages()),
                          60)
        await asyncio.sleep(float(LEASE) * 2)
        assert RESUMED.format("discord") in await scrape(second.base)
    finally:
        await runs.stop_all()
    logs = second.logs
    assert second.process.returncode == 0, logs[-3000:]
    [status] = bot_messages()  # one message, edited from the stage to the result
    assert "Added to Stash" in status["content"]
    assert status["embeds"] and "Golden Hour" in str(status["embeds"])
    assert "Listening…" in [edit["content"] for edit in status["edits"]]
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1
    assert "resuming a discord share" in logs


async def test_a_discord_slash_stash_killed_mid_listen_is_finished_on_its_response(
        services: Services, tmp_path: Path) -> None:
    dc, shazam = services.discord, services.shazam
    runs = Runs(services, tmp_path)
    first = await runs.start(SHARE_LEASE=LEASE)

    def responses() -> list[dict[str, Any]]:
        return [m for m in dc.transcript() if m["author"]["bot"] and not m["ephemeral"]]

    try:
        shazam.set_delay(10)
        await dc.run_command(dc.alice_id, "stash",
                             {"link": services.media.url("40000003", "m4a")})
        await dc.wait_for(lambda: any("Listening…" in m["content"] for m in responses()), 60)
        await first.kill()
        shazam.set_delay(0)
        second = await runs.start(SHARE_LEASE=LEASE)
        await dc.wait_for(lambda: any("Golden Hour" in str(m["embeds"]) for m in responses()),
                          60)
        await asyncio.sleep(float(LEASE) * 2)
    finally:
        await runs.stop_all()
    [status] = responses()  # the command's own response, edited from the stage to the result
    assert status["interaction_id"] is not None
    assert "Listening…" in [edit["content"] for edit in status["edits"]]
    assert "resuming a discord share" in second.logs
