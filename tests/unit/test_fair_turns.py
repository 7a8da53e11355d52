"""Fair turns at every scarce step: the order itself (a table), the slots, and a whole share
waiting behind another person's backlog, on a hand-moved clock."""

from __future__ import annotations

import asyncio

import pytest

from adapters.recognition.budget import RequestBudget
from core.links import parse_links
from core.models import AudioClip, Recognition, UserKey
from core.outcomes import Outcome
from core.ports import StatusReporter
from core.requester import requester
from core.turns import FairOrder, FairSlots
from tests.fakes import Clock, RecordingReporter, Ticks, settle
from tests.worlds import ALICE, BOB, DRIVE, REEL, make_world

# Each case: requests in the order they arrive ("a1": person a's first), "|" where one turn
# is taken (the next in the fair order); then the order of the rest.
ORDERS = [
    ("a1 a2 a3 b1", "a1 b1 a2 a3"),
    ("a1 a2 a3 b1 b2 c1", "a1 b1 c1 a2 b2 a3"),
    ("a1 a2 a3 | b1", "a1 | b1 a2 a3"),  # served once already, Alice waits for Bob's first
    ("a1 a2 | b1 | c1", "a1 | b1 | c1 a2"),
    # Bob, served long ago, comes back: he goes before Alice's next, not before Carol, who
    # waits unserved since before he came.
    ("b1 | a1 a2 a3 c1 | | b2", "b1 | a1 | c1 | b2 a2 a3"),
]


def fair_order(arrivals: str) -> list[str]:
    order: FairOrder[str] = FairOrder()
    taken: list[str] = []
    for step in arrivals.split():
        if step == "|":
            taken += [order.pop()[1], "|"]
        else:
            order.add(step[0], step)
    while len(order):
        taken.append(order.pop()[1])
    return taken


@pytest.mark.parametrize(("arrivals", "served"), ORDERS)
def test_the_person_served_least_recently_goes_first(arrivals: str, served: str) -> None:
    assert fair_order(arrivals) == served.split()


def test_the_wait_counts_whoever_goes_first() -> None:
    order: FairOrder[str] = FairOrder()
    order.served("a")
    for request in ("a2", "a3", "a4", "b1"):
        order.add(request[0], request)
    assert order.ahead("c") == (0, 1)  # after Bob's first; before Alice's next
    assert order.ahead("b") == (1, 1)
    assert order.ahead("a") == (3, 1)
    assert order.others_wait("a") and not FairOrder[str]().others_wait("a")


async def test_a_freed_slot_goes_to_the_person_who_has_none() -> None:
    slots = FairSlots(2)
    held: list[str] = []
    gate = asyncio.Event()

    async def hold(name: str) -> None:
        async with slots.slot(name[0]):
            held.append(name)
            await gate.wait()

    tasks = [asyncio.create_task(hold(n)) for n in ("a1", "a2", "a3", "a4", "b1")]
    await settle()
    assert held == ["a1", "a2"] and slots.waiting == 3
    gate.set()
    await asyncio.gather(*tasks)
    assert held == ["a1", "a2", "b1", "a3", "a4"]


async def test_a_cancelled_wait_gives_its_place_up() -> None:
    slots = FairSlots(1)
    async with slots.slot("a"):
        waiter = asyncio.create_task(slots.slot("b").__aenter__())
        await settle()
        waiter.cancel()
        await settle()
        assert slots.waiting == 0
    async with slots.slot("c"):  # the slot is free again
        pass


def backlog(kind: str, count: int) -> tuple[list[str], bytes]:
    links = [f"https://www.instagram.com/reel/C0ffee{n:05d}/" for n in range(count)]
    return links, b"talk" if kind == "talk" else b"drive"


@pytest.mark.parametrize(("kind", "count"), [("songs", 10), ("songs", 25), ("songs", 50),
                                             ("talk", 25)])
async def test_bob_is_heard_at_the_next_turn_whatever_alices_backlog(kind: str, count: int
                                                                     ) -> None:
    world = make_world(links_per_minute=100)  # the default slots: fewer than her links
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(10, burst=1, clock=clock, sleep=ticks.sleep)  # a turn every 6 s
    heard_for: list[UserKey | None] = []
    told: dict[UserKey | None, list[int]] = {}

    async def recognize(clip: AudioClip, progress: StatusReporter | None = None
                        ) -> Recognition | None:
        # What the Shazam adapter does: wait for the turn of the person the work is for.
        who = requester.get()

        async def queued(wait: float) -> None:
            told.setdefault(who, []).append(round(wait))

        assert await budget.acquire(who, queued=queued)
        heard_for.append(who)
        return DRIVE if clip.data == b"drive" else None  # talk: no song, another window

    world.recognizer.recognize = recognize  # type: ignore[method-assign]
    links, sound = backlog(kind, count)
    world.fetcher.unknown = [AudioClip(sound, "m4a")]
    alice: list[asyncio.Task[Outcome]] = []
    async with asyncio.timeout(60):  # against a hang only
        for link in parse_links(" ".join(links)):
            alice.append(asyncio.create_task(world.stash.share(ALICE, link,
                                                               RecordingReporter())))
        await settle()
        await ticks.wake()  # her first turns go
        await ticks.wake()
        clock.advance(2.0)  # Bob shares seconds after a turn
        bob = asyncio.create_task(world.stash.share(BOB, REEL, RecordingReporter()))
        await settle()
        turns = len(heard_for)
        await ticks.wake()

        assert heard_for[turns:] == [BOB]  # the very next turn is his
        assert told[BOB] == [4] and clock() == 18.0  # 4 s after he shared, as he was told
        await bob
        for task in alice:
            task.cancel()
        await asyncio.gather(*alice, return_exceptions=True)
    assert ALICE not in told  # alone before Bob came, she was never told of a queue
