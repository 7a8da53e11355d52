"""A share resumed by the next process speaks the sharer's language: `stash run` is SIGKILLed
while a Brazilian's share is being listened to, and the process started after it finishes the
same status message in Portuguese (her Telegram's language_code is on no update it has seen)."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.worlds import ALICE, Services, connect_spotify
from tests.language_helpers import said
from tests.run_helpers import Runs

LEASE = "2"  # seconds: a killed process's shares are taken over this long after it died
PT = "pt-BR"


async def test_a_share_resumed_after_a_kill_speaks_the_sharers_language(
        services: Services, tmp_path: Path) -> None:
    telegram, shazam = services.telegram, services.shazam
    listening = said(PT, "stage.listening")
    added = said(PT, "outcome.added", playlist="Stash", track="").split("\n")[0]
    runs = Runs(services, tmp_path)
    first = await runs.start(SHARE_LEASE=LEASE)
    try:
        telegram.add_user(ALICE, "Alice")
        await connect_spotify(services)  # in English: the connecting page's words are checked there
        telegram.add_user(ALICE, "Alice", language_code="pt-br")  # her app now in Portuguese
        shazam.set_delay(10)  # the share stays at "Listening…" until the process dies
        telegram.user_sends(ALICE, services.media.url("40000003", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: any(e.text == listening
                                            for e in telegram.transcript(ALICE)), 60)
        await first.kill()
        shazam.set_delay(0)
        second = await runs.start(SHARE_LEASE=LEASE)
        await telegram.wait_for(lambda: any((e.text or "").startswith(added)
                                            for e in telegram.transcript(ALICE)), 60)
    finally:
        await runs.stop_all()
    [status] = [e for e in telegram.transcript(ALICE) if listening in e.history]
    assert (status.text or "").startswith(added)  # the killed process's message, in Portuguese
    assert "resuming a telegram share" in second.logs
