"""A redeploy loses nothing: `stash run` gets SIGTERM while a share is fetching, a new `stash run`
starts on the same database as soon as the old one exits, and the person's status message ends in
the song, once, with no request to send it again."""

from __future__ import annotations

import asyncio
import signal
import time
from pathlib import Path
from typing import Any

from core.texts import say
from sandbox.discord.attachments import Upload
from sandbox.media.encoder import ClipCache
from sandbox.processes import Launched
from tests.e2e.worlds import (
    ALICE,
    Balancer,
    Services,
    asks_to_resend,
    connect_discord,
    connect_spotify,
    ends_in_the_song,
    said,
)
from tests.file_helpers import media_file
from tests.run_helpers import Runs, until

RECEIVED = say("received")

GRACE = "2"  # seconds a stopping process lets shares in hand finish


async def test_a_share_fetching_at_sigterm_is_finished_by_the_next_process(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    runs = Runs(services, tmp_path)
    first = await runs.start(SHUTDOWN_GRACE=GRACE)
    try:
        telegram.add_user(ALICE, "Alice")
        await connect_spotify(services)
        media.set_faults(rate=2000)  # the fetch outlasts the grace period
        telegram.user_sends(ALICE, media.url("40000003", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: "Downloading audio" in said(services, ALICE), 60)
        signalled = time.monotonic()
        first.process.send_signal(signal.SIGTERM)
        await first.process.wait()
        stopped = time.monotonic() - signalled
        media.set_faults()
        restarted = time.monotonic()
        second = await runs.start(SHUTDOWN_GRACE=GRACE)
        await until(lambda: "Added to Stash" in said(services, ALICE), 60, "the song added")
        answered = time.monotonic() - restarted
    finally:
        await runs.stop_all()
    print(f"SIGTERM to exit {stopped:.2f}s, restart to answer {answered:.2f}s")
    assert first.process.returncode == 0, first.logs[-3000:]
    assert stopped < float(GRACE) + 5, first.logs[-3000:]
    ends_in_the_song(services, ALICE, "Downloading audio")
    assert "resuming a telegram share" in second.logs


PEOPLE = range(ALICE + 1, ALICE + 7)  # six people sending /help during a redeploy


async def webhook_replicas(runs: Runs, balancer: Balancer, **env: str) -> list[Launched]:
    replicas = [await runs.start("--fronts", "telegram,web", name=f"replica-{name}",
                                 TELEGRAM_WEBHOOK_URL=balancer.url, **env) for name in "ab"]
    balancer.backends = [replica.base for replica in replicas]
    return replicas


async def test_a_webhook_replica_stopping_hands_its_share_and_new_updates_to_the_other(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    telegram.add_user(ALICE, "Alice")
    for person in PEOPLE:
        telegram.add_user(person, f"Person {person}")
    runs = Runs(services, tmp_path)
    async with Balancer().running() as balancer:
        try:
            replicas = await webhook_replicas(runs, balancer, SHUTDOWN_GRACE="3",
                                              SHARE_LEASE="6")
            await connect_spotify(services)
            media.set_faults(rate=2000)
            telegram.user_sends(ALICE, media.url("40000003", "m4a"), chat_id=ALICE)
            await telegram.wait_for(lambda: "Downloading audio" in said(services, ALICE), 60)
            [stopping] = balancer.routed[max(balancer.routed)]
            signalled = time.monotonic()
            replicas[stopping].process.send_signal(signal.SIGTERM)
            await asyncio.sleep(1)
            for person in PEOPLE:
                telegram.user_sends(person, "/help", chat_id=person)
            await replicas[stopping].process.wait()
            stopped = time.monotonic() - signalled
            media.set_faults()
            await until(lambda: "Added to Stash" in said(services, ALICE), 60, "the song added")
            answered = time.monotonic() - signalled
            await until(lambda: all(said(services, p) for p in PEOPLE), 30, "everyone answered")
        finally:
            await runs.stop_all()
    print(f"webhook replica: SIGTERM to exit {stopped:.2f}s, SIGTERM to the other replica's "
          f"answer {answered:.2f}s")
    assert replicas[stopping].process.returncode == 0, replicas[stopping].logs[-3000:]
    assert stopped < 3 + 5
    ends_in_the_song(services, ALICE, "Downloading audio")
    assert "resuming a telegram share" in replicas[1 - stopping].logs


async def test_a_webhook_replica_killed_right_after_its_200_loses_nothing(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    telegram.add_user(ALICE, "Alice")
    runs = Runs(services, tmp_path)
    async with Balancer().running() as balancer:
        try:
            replicas = await webhook_replicas(runs, balancer, SHARE_LEASE="2")
            await connect_spotify(services)
            await until(lambda: len(balancer.routed) == 2, 10, "/link and /start answered")
            killed: list[int] = []

            async def kill_it(backend: int, update_id: int) -> None:
                replicas[backend].process.kill()  # before Telegram even has the 200
                await replicas[backend].process.wait()
                killed.append(backend)

            balancer.answered = kill_it  # type: ignore[method-assign]
            telegram.user_sends(ALICE, media.url("40000003", "m4a"), chat_id=ALICE)
            await until(lambda: bool(killed), 30, "a replica killed after its 200")
            balancer.answered = Balancer.answered.__get__(balancer)  # type: ignore[method-assign]
            balancer.backends = [replicas[1 - killed[0]].base]
            await until(lambda: "Added to Stash" in said(services, ALICE), 60, "the song added")
        finally:
            await runs.stop_all()
    ends_in_the_song(services, ALICE, RECEIVED)
    assert "resuming a telegram share" in replicas[1 - killed[0]].logs


async def test_a_sent_file_being_listened_to_at_sigterm_is_finished_by_the_next_process(
        services: Services, tmp_path: Path, clips: ClipCache) -> None:
    telegram, shazam = services.telegram, services.shazam
    telegram.add_user(ALICE, "Alice")
    runs = Runs(services, tmp_path)
    first = await runs.start(SHUTDOWN_GRACE="1")
    try:
        await connect_spotify(services)
        shazam.set_delay(10)  # the share stays at "Listening…" past the grace period
        data = await media_file(clips, "40000003", "ogg")
        sent = telegram.user_sends_file(ALICE, "voice", data, mime_type="audio/ogg",
                                        duration=20, chat_id=ALICE)
        await telegram.wait_for(lambda: "Listening…" in said(services, ALICE), 60)
        await first.stop()
        shazam.set_delay(0)
        second = await runs.start(SHUTDOWN_GRACE="1")
        await until(lambda: "Added to Stash" in said(services, ALICE), 60, "the song added")
    finally:
        await runs.stop_all()
    ends_in_the_song(services, ALICE, "Listening…")
    assert "resuming a telegram share" in second.logs
    # Fetched again by its file id: the first process's copy went with it.
    assert telegram.file_downloads(sent["voice"]["file_unique_id"]) == 2


async def test_a_discord_attachment_being_listened_to_at_sigterm_is_read_again_and_finished(
        services: Services, tmp_path: Path, clips: ClipCache) -> None:
    dc, shazam = services.discord, services.shazam
    runs = Runs(services, tmp_path)
    cdn = {"DISCORD_CDN_BASE_URL": dc.cdn_base_url}
    first = await runs.start(SHUTDOWN_GRACE="1", **cdn)

    def bot_messages() -> list[dict[str, Any]]:
        return [m for m in dc.transcript() if m["author"]["bot"] and not m["ephemeral"]]

    try:
        await connect_discord(services)
        shazam.set_delay(10)
        data = await media_file(clips, "40000003", "ogg", seconds=15)
        posted = await dc.send_message(dc.alice_id, "", files=[
            Upload("voice-message.ogg", data, "audio/ogg", voice=True, duration_secs=15.0)])
        await dc.wait_for(lambda: any("Listening…" in m["content"] for m in bot_messages()), 60)
        await first.stop()
        shazam.set_delay(0)
        second = await runs.start(SHUTDOWN_GRACE="1", **cdn)
        await dc.wait_for(lambda: any("Added to Stash" in m["content"] for m in bot_messages()),
                          60)
    finally:
        await runs.stop_all()
    [status] = bot_messages()  # one message, edited from the stage to the result
    assert "Golden Hour" in str(status["embeds"])
    assert "Listening…" in [edit["content"] for edit in status["edits"]]
    assert not any(asks_to_resend(m["content"]) for m in bot_messages())
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1
    assert "resuming a discord share" in second.logs
    # Read again through its message: a fresh signed address, the first copy gone with it.
    assert dc.cdn.downloads(posted["attachments"][0]["id"]) == 2
