"""One identification per link across processes on one database: a lease per link, the others
wait for the answer in the cache and take over when the holder fails or dies."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from core.errors import MediaUnavailable
from core.models import Identification, Verdict
from core.shared_flights import SharedFlights, lease_name
from tests.fakes import MemoryStore, until
from tests.worlds import REEL

ANSWER = Identification(REEL.canonical_url, Verdict.NOT_RECOGNIZED)


@dataclass
class FakeLeases:
    """The Leases port in memory, on a clock the test moves."""

    now: float = 1000.0
    held: dict[str, tuple[str, float]] = field(default_factory=dict)
    refused: int = 0  # takes refused for another's lease

    async def take(self, name: str, owner: str, seconds: float) -> bool:
        holder = self.held.get(name)
        if holder is not None and holder[0] != owner and holder[1] >= self.now:
            self.refused += 1
            return False
        self.held[name] = (owner, self.now + seconds)
        return True

    async def give_up(self, name: str, owner: str) -> None:
        if self.held.get(name, ("", 0))[0] == owner:
            del self.held[name]


def processes(leases: FakeLeases, store: MemoryStore, count: int = 2) -> list[SharedFlights]:
    """`count` processes on one database."""
    return [SharedFlights(leases, store, poll=0.01, clock=lambda: leases.now)
            for _ in range(count)]


async def test_processes_sharing_a_link_identify_it_once() -> None:
    leases, store, identified = FakeLeases(), MemoryStore(), []

    async def identify() -> Identification:
        identified.append(REEL.canonical_url)
        await asyncio.sleep(0.05)
        await store.cache_identification(ANSWER, leases.now + 60)
        return ANSWER

    answers = await asyncio.gather(*(p.run(REEL, identify) for p in processes(leases, store, 3)))
    assert answers == [ANSWER] * 3
    assert identified == [REEL.canonical_url]
    assert leases.held == {}  # given up once done


async def test_when_the_holder_fails_another_process_identifies() -> None:
    leases, store = FakeLeases(), MemoryStore()
    first, second = processes(leases, store)
    started = asyncio.Event()

    async def failing() -> Identification:
        started.set()
        await asyncio.sleep(0.05)
        raise MediaUnavailable()

    async def working() -> Identification:
        await store.cache_identification(ANSWER, leases.now + 60)
        return ANSWER

    failed = asyncio.create_task(first.run(REEL, failing))
    await started.wait()
    assert await second.run(REEL, working) == ANSWER
    with pytest.raises(MediaUnavailable):
        await failed


async def test_when_the_holder_dies_its_lease_lapses_and_another_takes_over() -> None:
    leases, store = FakeLeases(), MemoryStore()
    [survivor] = processes(leases, store, 1)
    await leases.take(lease_name(REEL), "a process killed while identifying", 30)

    async def working() -> Identification:
        return ANSWER

    waiting = asyncio.create_task(survivor.run(REEL, working))
    await until(lambda: leases.refused >= 3)  # it has asked again, and again
    assert not waiting.done()  # the dead process's lease holds the link until it lapses
    leases.now += 31
    assert await waiting == ANSWER
