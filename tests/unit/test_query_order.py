"""Identifier._search: the decision is the same whichever Spotify query answers first.

Each query alone finds one of two recordings of the heard song (an album cut and a longer
single edit), either of which would be added without asking if it were all Stash saw; together
they make Stash ask. A search that decided on the first answer to arrive would add whichever
query was faster.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from itertools import permutations

import pytest

from adapters.fuzzy import similarity
from core.identify import Identifier, Policy
from core.links import parse_links
from core.models import AudioClip, CatalogTrack, Verdict
from core.telemetry import NoTelemetry
from tests.fakes import Clock, FakeFetcher, FakeRecognizer, MemoryStore, RecordingReporter
from tests.unit.matching_cases import heard, t

REEL = parse_links("https://www.instagram.com/reel/G0ldenH0ur1/")[0]
HEARD = heard("Golden Hour", "Mira Sol")
FIELD, FREE = 'track:"golden hour" artist:"Mira Sol"', "golden hour Mira Sol"
ALBUM = t("album", "Golden Hour", "Mira Sol", ms=200_000, pop=70)
SINGLE = t("single", "Golden Hour", "Mira Sol", ms=262_000, pop=60)


@dataclass
class TurnCatalog:
    """Answers each query with its own tracks, in a set order of arrival: a query waits for
    every query before it in `turns` to have answered, however early it was asked."""

    answers: dict[str, list[CatalogTrack]]
    turns: list[str]
    answered: list[str] = field(default_factory=list)
    _changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        async with self._changed:
            await self._changed.wait_for(lambda: all(
                q in self.answered for q in self.turns[:self.turns.index(query)]))
            self.answered.append(query)
            self._changed.notify_all()
        return self.answers[query][:limit]


async def decide(catalog: TurnCatalog) -> tuple[Verdict, set[str]]:
    identifier = Identifier(
        fetcher=FakeFetcher({REEL.canonical_url: [AudioClip(b"clip", "m4a")]}),
        recognizer=FakeRecognizer({b"clip": HEARD}), catalog=catalog, store=MemoryStore(),
        policy=Policy(), telemetry=NoTelemetry(), clock=Clock(), similarity=similarity)
    # A long bound only guards against a hang (a search that asks one query at a time).
    found = await asyncio.wait_for(identifier.identify(REEL, RecordingReporter()), 30)
    return found.verdict, {c.track.uri for c in found.candidates}


@pytest.mark.parametrize("turns", list(permutations([FIELD, FREE])),
                         ids=["field query answers first", "free text answers first"])
@pytest.mark.parametrize("answers", [{FIELD: [ALBUM], FREE: [SINGLE]},
                                     {FIELD: [SINGLE], FREE: [ALBUM]}],
                         ids=["album by fields", "single by fields"])
async def test_the_decision_does_not_depend_on_which_query_answers_first(
        turns: tuple[str, str], answers: dict[str, list[CatalogTrack]]) -> None:
    catalog = TurnCatalog(answers, list(turns))
    assert await decide(catalog) == (Verdict.AMBIGUOUS, {ALBUM.uri, SINGLE.uri})
    assert catalog.answered == list(turns)  # the order really was the one asked for
