"""Spotify search with real spotipy against the Spotify stand-in."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from adapters.fuzzy import similarity
from adapters.spotify.app import SpotifyApp
from adapters.spotify.catalog import SpotifyCatalog
from core.errors import NetworkTrouble, NotConfigured, RateLimited
from core.models import AudioClip, CatalogTrack, Recognition, UserKey
from core.outcomes import ChoiceOffered, NotOnSpotify, TrackFound
from core.service import Stash
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from tests.fakes import FakeFetcher, FakePlaylists, FakeRecognizer, MemoryStore, RecordingReporter
from tests.worlds import REEL


@pytest.fixture
async def spotify() -> AsyncIterator[SpotifyStandIn]:
    async with SpotifyStandIn() as stand_in:
        yield stand_in


def catalog(spotify: SpotifyStandIn, **options: object) -> SpotifyCatalog:
    app = SpotifyApp(SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, api_base_url=spotify.api_base_url,
                     accounts_base_url=spotify.accounts_base_url)
    return SpotifyCatalog(app, **options)  # type: ignore[arg-type]


async def test_search_by_isrc_returns_the_track_with_its_details(spotify: SpotifyStandIn) -> None:
    [track] = await catalog(spotify).search("isrc:QZSB12400001")
    assert track.name == "Midnight Drive" and track.artists == ("Luna Vale",)
    assert track.uri.startswith("spotify:track:") and track.duration_ms == 185_000
    assert track.url and track.url.startswith("https://open.spotify.com/track/")
    assert track.isrc == "QZSB12400001" and track.album == "Night Roads" and track.year == 2024
    assert track.album_type == "album"


async def test_a_compilation_says_so(spotify: SpotifyStandIn) -> None:
    """Spotify's album_type tells a compilation from the artist's own release (core.releases)."""
    [track] = await catalog(spotify).search("isrc:QZSB12400104")
    assert track.album == "Karaoke Hits Vol. 9" and track.album_type == "compilation"


async def test_field_filters_find_every_version(spotify: SpotifyStandIn) -> None:
    tracks = await catalog(spotify).search('track:"midnight drive" artist:"Luna Vale"')
    names = {t.name for t in tracks}
    assert {"Midnight Drive", "Midnight Drive - Sped Up",
            "Midnight Drive (Live at Brixton)"} <= names
    assert "Midnight Drive (Karaoke Version)" not in names  # another artist


async def test_a_limit_above_ten_is_capped_not_refused(spotify: SpotifyStandIn) -> None:
    tracks = await catalog(spotify).search("midnight", limit=50)
    assert 0 < len(tracks) <= 10


async def test_a_short_retry_after_is_waited_out(spotify: SpotifyStandIn) -> None:
    spotify.rate_limit(1, retry_after=1, path="search")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    tracks = await catalog(spotify, sleep=sleep).search("isrc:QZSB12400001")
    assert waits == [1.0] and len(tracks) == 1


async def test_an_hour_long_retry_after_fails_fast_instead_of_sleeping(
        spotify: SpotifyStandIn) -> None:
    spotify.rate_limit(1, retry_after=3600, path="search")
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    with pytest.raises(RateLimited) as caught:
        await catalog(spotify, sleep=sleep).search("isrc:QZSB12400001")
    assert caught.value.retry_after == 3600
    assert waits == []  # and spotipy did not sleep either: it would not have returned


async def test_server_errors_and_bad_credentials_become_our_errors(
        spotify: SpotifyStandIn) -> None:
    spotify.fail(1, status=503, path="search")
    with pytest.raises(NetworkTrouble):
        await catalog(spotify).search("isrc:QZSB12400001")
    wrong = SpotifyCatalog(SpotifyApp(SANDBOX_CLIENT_ID, "wrong-secret",
                                      api_base_url=spotify.api_base_url,
                                      accounts_base_url=spotify.accounts_base_url))
    with pytest.raises(NotConfigured):
        await wrong.search("isrc:QZSB12400001")


class RecordingCatalog:
    def __init__(self, inner: SpotifyCatalog) -> None:
        self.inner = inner
        self.queries: list[str] = []

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        self.queries.append(query)
        return await self.inner.search(query, limit)


def pipeline(spotify: SpotifyStandIn, heard: Recognition) -> tuple[Stash, RecordingCatalog]:
    recording = RecordingCatalog(catalog(spotify))
    stash = Stash(fetcher=FakeFetcher({REEL.canonical_url: [AudioClip(b"x", "m4a")]}),
                  recognizer=FakeRecognizer({b"x": heard}), catalog=recording,
                  playlists=FakePlaylists(), store=MemoryStore(), similarity=similarity)
    return stash, recording


async def test_an_isrc_match_stops_after_the_first_query(spotify: SpotifyStandIn) -> None:
    stash, recording = pipeline(spotify, Recognition("Midnight Drive", ("Luna Vale",),
                                                     isrc="QZSB12400001", duration_ms=185_000))
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert isinstance(outcome, TrackFound) and outcome.track.name == "Midnight Drive"
    assert recording.queries == ["isrc:QZSB12400001"]


async def test_without_a_confident_match_the_queries_widen_in_order(
        spotify: SpotifyStandIn) -> None:
    stash, recording = pipeline(spotify, Recognition("Slow Tide", ("Coral Bay",)))
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert recording.queries[0] == 'track:"slow tide" artist:"Coral Bay"'
    assert isinstance(outcome, TrackFound | ChoiceOffered)


async def test_a_song_spotify_lacks_tries_every_query_then_says_so(
        spotify: SpotifyStandIn) -> None:
    heard = Recognition("Basement Tape 7", ("Unsigned Ursula",), isrc="QZSB12400008")
    stash, recording = pipeline(spotify, heard)
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert outcome == NotOnSpotify(heard)
    assert recording.queries == ["isrc:QZSB12400008",
                                 'track:"basement tape 7" artist:"Unsigned Ursula"',
                                 "basement tape 7 Unsigned Ursula"]


async def test_a_native_title_is_found_by_its_english_name(spotify: SpotifyStandIn) -> None:
    stash, _ = pipeline(spotify, Recognition("Night Song", ("Mina Park",)))
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert isinstance(outcome, TrackFound) and outcome.track.name == "밤의 노래 (Night Song)"


async def test_an_isrc_twin_of_another_version_does_not_win(spotify: SpotifyStandIn) -> None:
    stash, _ = pipeline(spotify, Recognition("Paper Moon", ("Iris Kline",),
                                                     isrc="QZSB12400701"))
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert isinstance(outcome, TrackFound) and outcome.track.name == "Paper Moon"


async def test_an_unrelated_song_with_the_heard_isrc_does_not_end_the_search(
        spotify: SpotifyStandIn) -> None:
    stash, recording = pipeline(spotify, Recognition("Night Song", ("Mina Park",),
                                                     isrc="QZSB12400701"))
    outcome = await stash.share(UserKey("t", "1"), REEL, RecordingReporter())
    assert isinstance(outcome, TrackFound) and outcome.track.name == "밤의 노래 (Night Song)"
    assert recording.queries[0] == "isrc:QZSB12400701" and len(recording.queries) > 1
