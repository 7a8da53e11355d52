"""The Spotify search behind a decision: every query's results are gathered before deciding."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.fuzzy import similarity
from core.identify import Identifier, Policy
from core.links import parse_links
from core.models import AudioClip, CatalogTrack, Recognition, Verdict
from core.telemetry import NoTelemetry
from tests.fakes import Clock, FakeFetcher, FakeRecognizer, MemoryStore, RecordingReporter
from tests.unit.matching_cases import heard
from tests.unit.matching_cases.versions import BH, BH_FE, BH_JC, LS, LS_TV

REEL = parse_links("https://www.instagram.com/reel/C0ffee12345/")[0]


@dataclass
class QueryCatalog:
    """Answers each query with its own result list, the way Spotify's ranking would."""

    answers: dict[str, list[CatalogTrack]]
    queries: list[str] = field(default_factory=list)

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        self.queries.append(query)
        return self.answers.get(query, [])[:limit]


async def identify(recognition: Recognition, catalog: QueryCatalog) -> tuple[Verdict, list[str]]:
    identifier = Identifier(
        fetcher=FakeFetcher({REEL.canonical_url: [AudioClip(b"clip", "m4a")]}),
        recognizer=FakeRecognizer({b"clip": recognition}), catalog=catalog, store=MemoryStore(),
        policy=Policy(), telemetry=NoTelemetry(), clock=Clock(), similarity=similarity)
    found = await identifier.identify(REEL, RecordingReporter())
    return found.verdict, [c.track.uri for c in found.candidates]


async def test_a_confident_first_query_does_not_hide_the_heard_recording() -> None:
    # The field query finds only the re-recording; the free text finds the 2008 recording.
    catalog = QueryCatalog({
        'track:"love story" artist:"Taylor Swift"': [LS_TV],
        "love story Taylor Swift": [LS, LS_TV],
    })
    assert await identify(heard("Love Story", "Taylor Swift"), catalog) == \
        (Verdict.MATCHED, [LS.uri])
    assert len(catalog.queries) == 2


async def test_the_heard_remix_beyond_the_title_query_is_found_by_its_words() -> None:
    catalog = QueryCatalog({
        'track:"bad habits" artist:"Ed Sheeran"': [BH, BH_FE],
        "bad habits Joel Corry Remix Ed Sheeran": [BH_JC, BH],
    })
    assert await identify(heard("Bad Habits (Joel Corry Remix)", "Ed Sheeran"), catalog) == \
        (Verdict.MATCHED, [BH_JC.uri])


async def test_the_decision_is_the_same_whichever_query_answers_what() -> None:
    swapped = QueryCatalog({
        'track:"love story" artist:"Taylor Swift"': [LS, LS_TV],
        "love story Taylor Swift": [LS_TV],
    })
    assert await identify(heard("Love Story", "Taylor Swift"), swapped) == \
        (Verdict.MATCHED, [LS.uri])


async def test_the_heard_isrc_ends_the_search_with_one_call() -> None:
    recording = CatalogTrack("spotify:track:lsisrc", "Love Story", ("Taylor Swift",),
                             isrc="USCJY0803275", duration_ms=235_280)
    catalog = QueryCatalog({"isrc:USCJY0803275": [recording]})
    found = await identify(heard("Love Story", "Taylor Swift", isrc="USCJY0803275"), catalog)
    assert found == (Verdict.MATCHED, [recording.uri])
    assert catalog.queries == ["isrc:USCJY0803275"]


async def test_an_isrc_spotify_lacks_costs_at_most_three_calls() -> None:
    catalog = QueryCatalog({})
    found = await identify(heard("Love Story", "Taylor Swift", isrc="USCJY0000000"), catalog)
    assert found == (Verdict.NOT_ON_SPOTIFY, [])
    assert len(catalog.queries) == 3
