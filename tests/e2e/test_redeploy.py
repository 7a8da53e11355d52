"""A redeploy loses nothing: `stash run` gets SIGTERM while a share is fetching, a new `stash run`
starts on the same database as soon as the old one exits, and the person's status message ends in
the song, once, with no request to send it again."""

from __future__ import annotations

import signal
import time
from pathlib import Path

from tests.e2e.test_run import ALICE, Services, link_spotify, said, services
from tests.run_helpers import Runs, until

__all__ = ["services"]  # the fixture

RESEND = ("try again", "send the link again", "share the link again", "restarting")
GRACE = "2"  # seconds a stopping process lets shares in hand finish


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


async def test_a_share_fetching_at_sigterm_is_finished_by_the_next_process(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    runs = Runs(services, tmp_path)
    first = await runs.start(SHUTDOWN_GRACE=GRACE)
    try:
        telegram.add_user(ALICE, "Alice")
        await link_spotify(services)
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
