"""The pipeline with fakes of every port: coalescing, caching, delivery, choices, failures."""

from __future__ import annotations

import asyncio

import pytest

from core.errors import (
    ChoiceExpired,
    LoginWall,
    MediaUnavailable,
    NotYourChoice,
    RateLimited,
)
from core.links import parse_links
from core.models import AudioClip, CatalogTrack, Identification, Link, Recognition, UserKey
from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    NothingRecognized,
    NotOnSpotify,
    ShareFailed,
    TrackAdded,
    TrackFound,
)
from core.ports import Stage, StatusReporter
from core.requester import requester
from tests.fakes import (
    RecordingReporter,
    settle,
    until,
)
from tests.worlds import ALICE, BOB, DRIVE, ORIGINAL, OTHER, REEL, TIDE, TIDE_A, TIDE_B, make_world


async def test_a_confident_match_goes_through_every_stage_into_the_playlist() -> None:
    world = make_world()
    reporter = RecordingReporter()
    outcome = await world.stash.share(ALICE, REEL, reporter)
    assert outcome == TrackAdded(ORIGINAL, outcome.playlist)  # type: ignore[union-attr]
    assert reporter.stages == [Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING, Stage.ADDING]
    assert world.playlists.added == [(ALICE, ORIGINAL.uri)]
    [entry] = await world.stash.history(ALICE)
    assert (entry.title, entry.outcome) == ("Midnight Drive", "added")
    assert entry.track_uri == ORIGINAL.uri


async def test_a_thousand_concurrent_shares_cause_one_fetch_one_recognition_one_search() -> None:
    world = make_world()
    world.fetcher.delay = 0.05
    users = [UserKey("telegram", str(n)) for n in range(1000)]
    world.playlists.connected.update(users)
    outcomes = await asyncio.gather(
        *(world.stash.share(user, REEL, RecordingReporter()) for user in users)
    )
    assert len(world.fetcher.fetched) == 1
    assert len(world.recognizer.heard) == 1
    assert world.catalog.queries == ["isrc:QZ0000000001"]
    assert all(isinstance(o, TrackAdded) and o.track == ORIGINAL for o in outcomes)
    assert len(world.playlists.added) == 1000
    assert world.stash.flights.coalesced == 999


async def test_waiters_see_the_stages_of_the_shared_identification() -> None:
    world = make_world()
    world.fetcher.delay = 0.05
    first, second = RecordingReporter(), RecordingReporter()
    await asyncio.gather(world.stash.share(ALICE, REEL, first),
                         world.stash.share(BOB, REEL, second))
    assert first.stages == second.stages == [
        Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING, Stage.ADDING]


async def test_a_cancelled_waiter_does_not_cancel_the_others() -> None:
    world = make_world()
    world.fetcher.hold = fetched = asyncio.Event()
    quitter = asyncio.create_task(world.stash.share(ALICE, REEL, RecordingReporter()))
    stayer = asyncio.create_task(world.stash.share(BOB, REEL, RecordingReporter()))
    await settle()
    assert world.fetcher.fetched and world.stash.flights.coalesced == 1  # both wait on one fetch
    quitter.cancel()
    await asyncio.wait([quitter])
    fetched.set()
    outcome = await stayer
    assert quitter.cancelled()
    assert isinstance(outcome, TrackAdded)
    assert len(world.fetcher.fetched) == 1


async def test_recognition_counts_against_the_person_whose_share_started_it() -> None:
    world = make_world()
    world.fetcher.delay = 0.05  # Bob shares the same reel while Alice's flight is under way
    counted: list[UserKey | None] = []
    recognize = world.recognizer.recognize

    async def counting(clip: AudioClip, progress: StatusReporter | None = None
                       ) -> Recognition | None:
        counted.append(requester.get())
        return await recognize(clip, progress)

    world.recognizer.recognize = counting  # type: ignore[method-assign]
    first = asyncio.create_task(world.stash.share(ALICE, REEL, RecordingReporter()))
    await asyncio.sleep(0)
    await asyncio.gather(first, world.stash.share(BOB, REEL, RecordingReporter()),
                         world.stash.share(BOB, OTHER, RecordingReporter()))

    assert sorted(counted, key=str) == sorted([ALICE, BOB], key=str)  # one each, not Bob twice
    assert requester.get() is None  # nothing is left set once the shares are done


async def test_a_match_is_cached_for_days() -> None:
    world = make_world()
    await world.stash.share(ALICE, REEL, RecordingReporter())
    world.clock.advance(6 * 86400)
    reporter = RecordingReporter()
    assert isinstance(await world.stash.share(BOB, REEL, reporter), TrackAdded)
    assert len(world.fetcher.fetched) == 1
    assert reporter.stages == [Stage.ADDING]
    world.clock.advance(2 * 86400)
    await world.stash.share(BOB, REEL, RecordingReporter())
    assert len(world.fetcher.fetched) == 2


async def test_a_front_can_ask_whether_an_answer_is_known_until_it_expires() -> None:
    world = make_world()
    assert not await world.stash.known(REEL)
    await world.stash.share(ALICE, REEL, RecordingReporter())
    assert await world.stash.known(REEL)
    world.clock.advance(8 * 86400)
    assert not await world.stash.known(REEL)


async def test_a_herd_asking_whether_an_answer_is_known_shares_one_lookup() -> None:
    world = make_world()
    await world.stash.share(ALICE, REEL, RecordingReporter())
    read, lookups, answered = world.store.cached_identification, [], asyncio.Event()

    async def counted(canonical_url: str, now: float) -> Identification | None:
        lookups.append(canonical_url)
        await answered.wait()  # the lookup answers once the whole herd has asked
        return await read(canonical_url, now)

    world.store.cached_identification = counted  # type: ignore[method-assign]
    herd = asyncio.gather(*(world.stash.known(REEL) for _ in range(100)))
    await settle()
    answered.set()
    assert all(await herd)
    assert lookups == [REEL.canonical_url]


async def test_a_failing_cache_read_answers_that_nothing_is_known() -> None:
    world = make_world()
    await world.stash.share(ALICE, REEL, RecordingReporter())

    async def broken(canonical_url: str, now: float) -> None:
        raise OSError("disk I/O error")

    world.store.cached_identification = broken  # type: ignore[method-assign,assignment]
    assert not await world.stash.known(REEL)


async def test_no_match_is_cached_for_about_half_an_hour() -> None:
    world = make_world()
    world.recognizer.songs.clear()
    assert isinstance(await world.stash.share(ALICE, REEL, RecordingReporter()),
                      NothingRecognized)
    fetches = len(world.fetcher.fetched)
    world.clock.advance(29 * 60)
    await world.stash.share(ALICE, REEL, RecordingReporter())
    assert len(world.fetcher.fetched) == fetches
    world.clock.advance(2 * 60)
    await world.stash.share(ALICE, REEL, RecordingReporter())
    assert len(world.fetcher.fetched) > fetches


@pytest.mark.parametrize("error", [LoginWall(), RateLimited(30)])
async def test_transient_failures_are_not_cached(error: Exception) -> None:
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [error]  # type: ignore[list-item]
    assert isinstance(await world.stash.share(ALICE, REEL, RecordingReporter()), ShareFailed)
    world.fetcher.clips[REEL.canonical_url] = [AudioClip(b"drive", "m4a")]
    assert isinstance(await world.stash.share(ALICE, REEL, RecordingReporter()), TrackAdded)
    assert len(world.fetcher.fetched) == 2


async def test_a_failing_download_reports_its_error_after_the_download_stage() -> None:
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [MediaUnavailable()]
    reporter = RecordingReporter()
    outcome = await world.stash.share(ALICE, REEL, reporter)
    assert isinstance(outcome, ShareFailed) and isinstance(outcome.error, MediaUnavailable)
    assert "private or removed" in outcome.error.user_message
    assert reporter.stages == [Stage.DOWNLOADING]


async def test_a_failing_recognition_reports_its_error_after_the_listening_stage() -> None:
    world = make_world()
    world.recognizer.songs[b"drive"] = RateLimited(5)
    reporter = RecordingReporter()
    outcome = await world.stash.share(ALICE, REEL, reporter)
    assert isinstance(outcome, ShareFailed) and isinstance(outcome.error, RateLimited)
    assert reporter.stages == [Stage.DOWNLOADING, Stage.LISTENING]


async def test_an_unexpected_adapter_bug_becomes_a_polite_failure_not_a_crash() -> None:
    world = make_world()

    async def broken(clip: AudioClip, progress: object = None) -> None:
        raise KeyError("bug")

    world.recognizer.recognize = broken  # type: ignore[method-assign]
    outcome = await world.stash.share(ALICE, REEL, RecordingReporter())
    assert isinstance(outcome, ShareFailed)
    assert "try again" in outcome.error.user_message


async def test_later_windows_are_tried_when_the_first_is_not_recognized() -> None:
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [
        AudioClip(b"talk", "m4a"), AudioClip(b"drive", "m4a", window=1)]
    reporter = RecordingReporter()
    assert isinstance(await world.stash.share(ALICE, REEL, reporter), TrackAdded)
    assert world.fetcher.fetched == [(REEL.canonical_url, 0), (REEL.canonical_url, 1)]
    assert "another part" in reporter.details


async def test_at_most_three_windows_and_none_past_the_final_one() -> None:
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [AudioClip(b"talk", "m4a")]
    await world.stash.share(ALICE, REEL, RecordingReporter())
    assert len(world.fetcher.fetched) == 3
    world.fetcher.clips[OTHER.canonical_url] = [AudioClip(b"talk", "m4a", final_window=True)]
    await world.stash.share(ALICE, OTHER, RecordingReporter())
    assert len(world.fetcher.fetched) == 4


async def test_a_short_link_resolves_to_the_identification_of_its_long_link() -> None:
    world = make_world()
    short = parse_links("https://vm.tiktok.com/ZMabc123/")[0]
    long = Link(REEL.platform, REEL.media_id, REEL.canonical_url, short.original)
    world.fetcher.redirects[short.canonical_url] = long
    reporter = RecordingReporter()
    assert isinstance(await world.stash.share(ALICE, short, reporter), TrackAdded)
    assert isinstance(await world.stash.share(BOB, REEL, RecordingReporter()), TrackAdded)
    assert len(world.fetcher.fetched) == 1
    assert reporter.stages[0] is Stage.RESOLVING


async def test_someone_not_linked_gets_the_match_and_keeps_history() -> None:
    world = make_world()
    carol = UserKey("discord", "42")
    outcome = await world.stash.share(carol, REEL, RecordingReporter())
    assert outcome == TrackFound(ORIGINAL)
    assert [e.outcome for e in await world.stash.history(carol)] == ["found"]


async def test_a_song_spotify_lacks_says_what_was_heard() -> None:
    world = make_world()
    world.catalog.tracks.clear()
    outcome = await world.stash.share(ALICE, REEL, RecordingReporter())
    assert outcome == NotOnSpotify(DRIVE)
    assert [e.title for e in await world.stash.history(ALICE)] == ["Midnight Drive"]


async def test_an_ambiguous_match_is_chosen_once_by_its_owner_only() -> None:
    world = make_world()
    offered = await world.stash.share(ALICE, OTHER, RecordingReporter())
    assert isinstance(offered, ChoiceOffered)
    choice = offered.choice
    assert {c.track for c in choice.candidates} == {TIDE_A, TIDE_B}
    refused = await world.stash.choose(BOB, choice.choice_id, 0, RecordingReporter())
    assert isinstance(refused, ShareFailed) and isinstance(refused.error, NotYourChoice)
    chosen = await world.stash.choose(ALICE, choice.choice_id, 1, RecordingReporter())
    assert isinstance(chosen, TrackAdded) and chosen.track == choice.candidates[1].track
    again = await world.stash.choose(ALICE, choice.choice_id, 0, RecordingReporter())
    assert isinstance(again, ShareFailed) and isinstance(again.error, ChoiceExpired)
    assert world.playlists.added == [(ALICE, choice.candidates[1].track.uri)]


async def test_a_choice_expires_and_none_of_these_adds_nothing() -> None:
    world = make_world()
    first = await world.stash.share(ALICE, OTHER, RecordingReporter())
    second = await world.stash.share(ALICE, OTHER, RecordingReporter())
    assert isinstance(first, ChoiceOffered) and isinstance(second, ChoiceOffered)
    declined = await world.stash.choose(ALICE, second.choice.choice_id, None, RecordingReporter())
    assert declined == ChoiceDeclined(TIDE)
    world.clock.advance(2 * 86400)
    late = await world.stash.choose(ALICE, first.choice.choice_id, 0, RecordingReporter())
    assert isinstance(late, ShareFailed) and isinstance(late.error, ChoiceExpired)
    forged = await world.stash.choose(ALICE, "no-such-choice", 0, RecordingReporter())
    assert isinstance(forged, ShareFailed) and isinstance(forged.error, ChoiceExpired)
    assert world.playlists.added == []


async def test_the_same_message_delivered_twice_is_handled_once() -> None:
    world = make_world()
    assert await world.stash.first_delivery("telegram", "1", "7")
    assert not await world.stash.first_delivery("telegram", "1", "7")
    assert await world.stash.first_delivery("discord", "1", "7")


async def test_a_failing_cache_write_still_answers_everyone() -> None:
    world = make_world()

    async def broken(ident: object, expires_at: float) -> None:
        raise OSError("disk full")

    world.store.cache_identification = broken  # type: ignore[method-assign,assignment]
    outcomes = await asyncio.gather(world.stash.share(ALICE, REEL, RecordingReporter()),
                                    world.stash.share(BOB, REEL, RecordingReporter()))
    assert all(isinstance(o, TrackAdded) for o in outcomes)


async def test_a_choice_whose_add_failed_can_be_pressed_again() -> None:
    world = make_world()
    offered = await world.stash.share(ALICE, OTHER, RecordingReporter())
    assert isinstance(offered, ChoiceOffered)

    async def down(user: UserKey, track: CatalogTrack) -> None:
        raise RateLimited(30)

    world.playlists.add = down  # type: ignore[method-assign,assignment]
    failed = await world.stash.choose(ALICE, offered.choice.choice_id, 0, RecordingReporter())
    assert isinstance(failed, ShareFailed) and isinstance(failed.error, RateLimited)
    del world.playlists.add
    again = await world.stash.choose(ALICE, offered.choice.choice_id, 0, RecordingReporter())
    assert isinstance(again, TrackAdded)


async def test_closing_finishes_or_cancels_identifications_under_way() -> None:
    world = make_world()
    world.fetcher.delay = 30
    waiter = asyncio.create_task(world.stash.share(ALICE, REEL, RecordingReporter()))
    await until(lambda: world.fetcher.fetched)
    assert world.stash.flights.in_flight == 1
    await world.stash.close(grace=0.05)
    assert world.stash.flights.in_flight == 0
    outcome = await waiter
    assert isinstance(outcome, ShareFailed) and "restarting" in outcome.error.user_message


async def test_an_answer_is_used_for_the_same_recording_under_another_link() -> None:
    world = make_world()
    offered = await world.stash.share(ALICE, OTHER, RecordingReporter())
    assert isinstance(offered, ChoiceOffered)
    await world.stash.choose(ALICE, offered.choice.choice_id, 1, RecordingReporter())
    elsewhere = parse_links("https://www.tiktok.com/@coral/video/7301234567890123456")[0]
    world.fetcher.clips[elsewhere.canonical_url] = [AudioClip(b"tide", "m4a")]
    again = await world.stash.share(ALICE, elsewhere, RecordingReporter())
    assert isinstance(again, TrackAdded) and again.track == TIDE_B
    assert isinstance(await world.stash.share(BOB, elsewhere, RecordingReporter()), ChoiceOffered)
    await world.store.forget(ALICE)
    assert isinstance(await world.stash.share(ALICE, OTHER, RecordingReporter()), ChoiceOffered)
