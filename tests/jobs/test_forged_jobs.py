"""A job written into Redis by someone else cannot poison the identification cache (issue 23).

The job claims a reel's canonical URL (and so the reel's job key) while its shared address
points at other media. Workers identify what the address names and cache it under that; a
front waiting for the reel refuses an answer about another link.
"""

from __future__ import annotations

import asyncio

import pytest

from adapters.codec import dump_identification
from adapters.jobs import wire
from adapters.jobs.queue import FUNCTION, open_queue
from core.errors import StashError
from core.links import parse_links
from core.models import AudioClip, Identification, Link, Recognition, Verdict
from core.service import Stash
from tests.fakes import (
    FakeCatalog,
    FakeFetcher,
    FakePlaylists,
    FakeRecognizer,
    MemoryStore,
    until,
)
from tests.jobs.redis_helpers import REDIS_URL, queue_name
from tests.jobs.worlds import HOSTS, Stages, front, worker

REEL = parse_links("https://www.instagram.com/reel/Creel12345/")[0]
OTHER = parse_links("https://media.example/clip/other.m4a", HOSTS)[0]
REEL_SONG = Recognition("Reel Song", ("Right Artist",))
OTHER_SONG = Recognition("Other Song", ("Wrong Artist",))


class AddressFetcher(FakeFetcher):
    """Fetches what the shared address names, as yt-dlp does (never by canonical URL)."""

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        [named] = parse_links(link.original, HOSTS)
        return await super().fetch(named, window)


def worker_stash(store: MemoryStore) -> Stash:
    fetcher = AddressFetcher({REEL.canonical_url: [AudioClip(b"reel", "m4a")],
                              OTHER.canonical_url: [AudioClip(b"other", "m4a")]})
    return Stash(fetcher=fetcher, recognizer=FakeRecognizer({b"reel": REEL_SONG,
                                                             b"other": OTHER_SONG}),
                 catalog=FakeCatalog(), playlists=FakePlaylists(), store=store,
                 extra_hosts=frozenset(HOSTS))


async def test_a_forged_job_caches_nothing_under_the_reel_and_its_answer_is_refused() -> None:
    store = MemoryStore()
    stash = worker_stash(store)
    forged = {**wire.dump_link(REEL), "original": OTHER.original}
    async with queue_name() as name, front(name) as runner:
        queue = open_queue(REDIS_URL, name)
        assert await queue.enqueue(FUNCTION, key=wire.job_key(REEL), timeout=10, heartbeat=2,
                                   retries=1, ttl=60, link=forged) is not None
        await queue.disconnect()
        waiting = asyncio.create_task(runner.run(REEL, Stages()))
        await until(lambda: runner.joined == 1)  # it joined the forged job
        async with worker(name, stash.identify):
            with pytest.raises(StashError) as refused:
                await waiting
            assert type(refused.value) is StashError  # "something went wrong", not a song
            assert REEL.canonical_url not in store.identifications
            assert store.identifications[OTHER.canonical_url][0].recognition == OTHER_SONG
            honest = await runner.run(REEL, Stages())  # the next share: a job of its own
    assert honest.verdict is Verdict.NOT_ON_SPOTIFY and honest.recognition == REEL_SONG
    assert store.identifications[REEL.canonical_url][0].recognition == REEL_SONG


def test_an_answer_from_a_worker_of_the_previous_version_is_taken_when_it_is_about_the_link(
) -> None:
    """During a redeploy an older worker answers without naming its link: its identification
    must be of the link asked."""
    about_reel = {"identification": dump_identification(
        Identification(REEL.canonical_url, Verdict.NOT_RECOGNIZED))}
    about_other = {"identification": dump_identification(
        Identification(OTHER.canonical_url, Verdict.NOT_RECOGNIZED))}
    assert wire.load_answer(about_reel, REEL).canonical_url == REEL.canonical_url
    with pytest.raises(StashError):
        wire.load_answer(about_other, REEL)
    with pytest.raises(StashError):
        wire.load_answer({**about_reel, "link": OTHER.canonical_url}, REEL)
