"""One identification per link even when a flight finishes while a late sharer reads the cache."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from core.models import AudioClip, Identification, Link
from core.outcomes import TrackAdded
from tests.fakes import FakeFetcher, MemoryStore, RecordingReporter, until
from tests.worlds import ALICE, BOB, REEL, make_world


@dataclass
class GatedFetcher(FakeFetcher):
    """Fetches wait for `gate`."""

    gate: asyncio.Event = field(default_factory=asyncio.Event)

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        await self.gate.wait()
        return await super().fetch(link, window)


@dataclass
class SlowReadStore(MemoryStore):
    """Cache reads taken once `slow` is set answer what they read only when it is released."""

    slow: asyncio.Event | None = None
    reads: int = 0

    async def cached_identification(self, canonical_url: str, now: float) -> Identification | None:
        self.reads += 1
        found = await super().cached_identification(canonical_url, now)
        if self.slow is not None:
            await self.slow.wait()
        return found


async def test_a_flight_finishing_during_a_cache_read_is_joined_not_repeated() -> None:
    world = make_world()
    fetcher = GatedFetcher(world.fetcher.clips)
    store = SlowReadStore()
    world.stash._identifier._fetcher = fetcher  # type: ignore[attr-defined]
    world.stash._identifier._store = store  # type: ignore[attr-defined]
    world.stash._deliverer._store = store  # type: ignore[attr-defined]

    alice = asyncio.create_task(world.stash.share(ALICE, REEL, RecordingReporter()))
    await until(lambda: store.reads == 1 and fetcher.fetched == [])  # Alice's flight is fetching
    store.slow = released = asyncio.Event()
    bob = asyncio.create_task(world.stash.share(BOB, REEL, RecordingReporter()))
    # Bob arrives: he joins Alice's flight (or, before the fix, starts reading the cache)
    await until(lambda: world.stash.flights.coalesced == 1 or store.reads == 2)
    fetcher.gate.set()
    # Alice's flight fetches, listens, searches and is cached...
    await until(lambda: REEL.canonical_url in store.identifications)
    released.set()  # ...before Bob's read of the cache answers
    outcomes = await asyncio.gather(alice, bob)

    assert all(isinstance(outcome, TrackAdded) for outcome in outcomes)
    assert len(fetcher.fetched) == 1
    assert len(world.recognizer.heard) == 1
    assert world.stash.flights.started == 1
    assert {user for user, _ in world.playlists.added} == {ALICE, BOB}


async def test_a_later_sharer_gets_the_cached_identification_without_a_flight_of_work() -> None:
    world = make_world()
    await world.stash.share(ALICE, REEL, RecordingReporter())
    await world.stash.share(BOB, REEL, RecordingReporter())
    assert len(world.fetcher.fetched) == 1
    assert len(world.playlists.added) == 2
