"""Real shazamio against the Shazam stand-in, through our redirected client and budget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable

import pytest
import pytest_asyncio

from adapters.fuzzy import similarity
from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import BUSY, ShazamRecognizer
from core import texts
from core.errors import MediaUnavailable, NetworkTrouble, RateLimited
from core.links import parse_links
from core.models import AudioClip, Recognition, UserKey
from core.outcomes import NotOnSpotify, Outcome, ShareFailed
from core.ports import Stage
from core.service import Stash
from sandbox import catalogue
from sandbox.shazam import ShazamStandIn
from tests.fakes import (
    Clock,
    FakeCatalog,
    FakeFetcher,
    FakePlaylists,
    MemoryStore,
    RecordingReporter,
    Ticks,
)
from tests.worlds import REEL

pytestmark = pytest.mark.asyncio(loop_scope="module")
ALICE, BOB = UserKey("telegram", "1"), UserKey("telegram", "2")


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shazam() -> AsyncIterator[ShazamStandIn]:
    async with ShazamStandIn() as stand_in:
        await stand_in.ready()
        yield stand_in


@pytest_asyncio.fixture(loop_scope="module")
async def recognizer(shazam: ShazamStandIn) -> AsyncIterator[ShazamRecognizer]:
    shazam.reset()
    recognizer = ShazamRecognizer(shazam.origin, budget=RequestBudget(6000, burst=20),
                                  timeout=10, deadline=20)
    yield recognizer
    await recognizer.close()


def wav(key: str, seconds: float = 10, start: float = 20) -> bytes:
    return catalogue.wav(catalogue.render(key, seconds, start=start))


@pytest.mark.parametrize("song", catalogue.SONGS, ids=[s.key for s in catalogue.SONGS])
async def test_every_catalogue_song_is_recognized(recognizer: ShazamRecognizer,
                                                  song: catalogue.Song) -> None:
    heard = await recognizer.recognize(AudioClip(wav(song.key, start=33), "wav", window=2))
    assert heard is not None
    assert (heard.title, heard.isrc, heard.album) == (song.title, song.isrc, song.album)
    assert heard.artists == song.artists
    assert heard.window == 2 and heard.shazam_key == song.key
    assert heard.cover_url and heard.cover_url.startswith("http://127.0.0.1")


@pytest.mark.parametrize("sound", ["speech", "silence"])
async def test_noise_and_silence_are_not_recognized(recognizer: ShazamRecognizer,
                                                    sound: str) -> None:
    assert await recognizer.recognize(AudioClip(wav(sound), "wav")) is None


async def test_a_short_429_is_waited_out(recognizer: ShazamRecognizer,
                                         shazam: ShazamStandIn) -> None:
    shazam.fail_rate_limited(1, retry_ms=300)
    heard = await recognizer.recognize(AudioClip(wav("40000003"), "wav"))
    assert heard is not None and heard.title == "Golden Hour"
    assert shazam.request_count == 2


async def test_a_429_longer_than_the_deadline_is_a_clear_failure(
        recognizer: ShazamRecognizer, shazam: ShazamStandIn) -> None:
    shazam.fail_rate_limited(1, retry_ms=120_000)
    with pytest.raises(RateLimited) as caught:
        await recognizer.recognize(AudioClip(wav("40000003"), "wav"))
    assert caught.value.retry_after == 120
    assert shazam.request_count == 1


async def test_server_errors_and_garbage_answers_are_network_trouble(
        recognizer: ShazamRecognizer, shazam: ShazamStandIn) -> None:
    shazam.fail_server_errors(1)
    with pytest.raises(NetworkTrouble):
        await recognizer.recognize(AudioClip(wav("40000003"), "wav"))
    shazam.fail_non_json(1)
    with pytest.raises(NetworkTrouble):
        await recognizer.recognize(AudioClip(wav("40000003"), "wav"))


async def test_audio_that_cannot_be_decoded_is_explained(recognizer: ShazamRecognizer) -> None:
    with pytest.raises(MediaUnavailable, match="couldn't read the audio"):
        await recognizer.recognize(AudioClip(b"\x00not audio" * 500, "m4a"))


async def test_a_later_window_is_tried_when_the_first_is_talk(
        recognizer: ShazamRecognizer) -> None:
    fetcher = FakeFetcher({REEL.canonical_url: [AudioClip(wav("speech"), "wav"),
                                                AudioClip(wav("40000008"), "wav", window=1)]})
    stash = Stash(fetcher=fetcher, recognizer=recognizer, catalog=FakeCatalog(),
                  playlists=FakePlaylists(), store=MemoryStore(), similarity=similarity)
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert isinstance(outcome, NotOnSpotify)
    assert outcome.recognition.title == "Basement Tape 7" and outcome.recognition.window == 1


async def test_a_burst_of_twenty_clips_stays_within_the_budget(shazam: ShazamStandIn) -> None:
    shazam.reset()
    shazam.set_rate_limit(4, window_seconds=1.0)
    recognizer = ShazamRecognizer(shazam.origin, budget=RequestBudget(150, burst=1),
                                  timeout=10, deadline=30)
    songs = [catalogue.SONGS[n % len(catalogue.SONGS)] for n in range(20)]
    try:
        heard: list[Recognition | None] = await asyncio.gather(
            *(recognizer.recognize(AudioClip(wav(s.key), "wav")) for s in songs))
    finally:
        await recognizer.close()
        shazam.set_rate_limit(None)
    assert [h.title if h else None for h in heard] == [s.title for s in songs]
    assert shazam.request_count == 20  # not one request was refused with a 429


async def test_after_a_long_429_later_clips_fail_fast_instead_of_waiting(
        shazam: ShazamStandIn) -> None:
    shazam.reset()
    recognizer = ShazamRecognizer(shazam.origin, budget=RequestBudget(6000, burst=5),
                                  timeout=10, deadline=2)
    shazam.fail_rate_limited(1, retry_ms=600_000)
    try:
        with pytest.raises(RateLimited):
            await recognizer.recognize(AudioClip(wav("40000003"), "wav"))
        with pytest.raises(RateLimited) as later:
            await recognizer.recognize(AudioClip(wav("40000003"), "wav"))
    finally:
        await recognizer.close()
    assert later.value.retry_after is not None and later.value.retry_after > 500
    assert shazam.request_count == 1  # the pause is honoured: Shazam is not asked again


async def until(condition: Callable[[], bool]) -> None:
    """Let the loop run until `condition()` holds (the budget's queue is not announced)."""
    for _ in range(3000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


def heard(outcome: Outcome) -> str:
    """What the person reads at the end: the song's title, or why there is none."""
    return outcome.recognition.title if isinstance(outcome, NotOnSpotify) else texts.outcome_text(
        outcome)


async def test_ten_links_from_one_person_do_not_hold_back_another_persons_one(
        shazam: ShazamStandIn) -> None:
    shazam.reset()
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(5, burst=2, clock=clock, sleep=ticks.sleep)  # a turn every 12 s
    recognizer = ShazamRecognizer(shazam.origin, budget=budget, timeout=10, deadline=60)
    links = parse_links(" ".join(f"https://www.instagram.com/reel/C0ffee{n:05d}/"
                                 for n in range(11)))
    songs = [*catalogue.SONGS, catalogue.SONGS[3]]
    fetcher = FakeFetcher({link.canonical_url: [AudioClip(wav(song.key), "wav")]
                           for link, song in zip(links, songs, strict=True)})
    stash = Stash(fetcher=fetcher, recognizer=recognizer, catalog=FakeCatalog([]),
                  playlists=FakePlaylists(), store=MemoryStore(), similarity=similarity)
    alice_sees = [RecordingReporter() for _ in range(10)]
    bob_sees = RecordingReporter()
    try:
        async with asyncio.timeout(120):  # against a hang only
            alice = [asyncio.create_task(stash.share(ALICE, link, seen))
                     for link, seen in zip(links[:10], alice_sees, strict=True)]
            await until(lambda: budget.waiting == 5)  # two went at once; three are told no
            clock.advance(5.0)  # Bob shares seconds later
            bob = asyncio.create_task(stash.share(BOB, links[10], bob_sees))
            await until(lambda: budget.waiting == 6)
            await ticks.wake()

            assert heard(await bob) == songs[10].title
            assert clock() == 12.0 and budget.waiting == 5  # his turn came before any of hers
            for _ in range(4):
                await ticks.wake()
            outcomes = await asyncio.gather(*alice)
    finally:
        await recognizer.close()

    served = [song.title for song in songs[:6]]
    assert [heard(o) for o in outcomes] == served + [BUSY] * 4
    assert all(isinstance(o, ShareFailed) for o in outcomes[6:])
    assert shazam.request_count == 7
    # Alice waits only behind her own songs: nobody else is in her way, so she is never told
    # that lots of songs are queued.
    assert not [s for seen in alice_sees for s in seen.stages if s is Stage.QUEUED]
    assert bob_sees.stages == [Stage.DOWNLOADING, Stage.QUEUED, Stage.LISTENING,
                               Stage.SEARCHING]
    assert bob_sees.details[1] == "7"  # his turn came 7 s after he shared
