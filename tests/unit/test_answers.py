"""A person's remembered answer applies to the question they answered, not to another one about
the same recording."""

from __future__ import annotations

from core.delivery import Deliverer
from core.models import Candidate, CatalogTrack, Identification, Recognition, UserKey, Verdict
from core.outcomes import ChoiceOffered, TrackFound
from tests.fakes import FakePlaylists, MemoryStore, RecordingReporter, RecordingTelemetry

ALICE = UserKey("telegram", "1")
ORIG = CatalogTrack("spotify:track:orig", "Espresso", ("Sabrina Carpenter",), "Short n' Sweet",
                    175_000, 80)
SPED = CatalogTrack("spotify:track:sped", "Espresso - Sped Up", ("Sabrina Carpenter",),
                    "Espresso (Sped Up)", 150_000, 70)
HEARD = Recognition("Espresso", ("Sabrina Carpenter",), shazam_key="123")
VIDEO_A = "https://www.tiktok.com/@a/video/1"
VIDEO_B = "https://www.youtube.com/watch?v=zzzzzzzzzzz"


def asked(url: str, *offered: CatalogTrack) -> Identification:
    return Identification(url, Verdict.AMBIGUOUS, HEARD, tuple(Candidate(t, 0.9) for t in offered))


async def test_a_pick_is_not_reused_for_another_question_about_the_recording() -> None:
    """Video A's tag named the sped-up version (asked: sped up first) and the person picked it;
    video B of the same Shazam recording is asked about for another reason (the original first):
    it is asked again, and the pick stands for another share of video A's question."""
    deliverer = Deliverer(playlists=FakePlaylists(), store=MemoryStore(), choice_ttl=600,
                          telemetry=RecordingTelemetry(), clock=lambda: 1.0)
    offered = await deliverer.deliver(ALICE, asked(VIDEO_A, SPED, ORIG), RecordingReporter())
    assert isinstance(offered, ChoiceOffered)
    await deliverer.choose(ALICE, offered.choice, 0, RecordingReporter())

    other = await deliverer.deliver(ALICE, asked(VIDEO_B, ORIG, SPED), RecordingReporter())
    assert isinstance(other, ChoiceOffered)
    same = await deliverer.deliver(ALICE, asked("https://youtu.be/x", SPED, ORIG),
                                   RecordingReporter())
    assert isinstance(same, TrackFound) and same.track == SPED  # no Spotify linked: shown
