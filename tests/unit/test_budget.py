"""The Shazam request budget (a token bucket), on a hand-moved clock."""

from __future__ import annotations

import asyncio

from adapters.recognition.budget import RequestBudget
from tests.fakes import Clock, Ticks, settle


def budget_on(clock: Clock, per_minute: float, burst: int) -> tuple[RequestBudget, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.advance(seconds)
        await asyncio.sleep(0)

    return RequestBudget(per_minute, burst, clock=clock, sleep=sleep), slept


async def test_a_burst_goes_at_once_then_one_per_interval() -> None:
    clock = Clock(0.0)
    budget, slept = budget_on(clock, per_minute=6, burst=2)
    granted: list[float] = []
    for _ in range(5):
        await budget.acquire()
        granted.append(clock())
    assert granted == [0.0, 0.0, 10.0, 20.0, 30.0]
    assert slept == [10.0, 10.0, 10.0]


async def test_waiters_are_served_in_the_order_they_came() -> None:
    clock = Clock(0.0)
    budget, _ = budget_on(clock, per_minute=60, burst=1)
    order: list[int] = []

    async def ask(n: int) -> None:
        await budget.acquire()
        order.append(n)

    await asyncio.gather(*(ask(n) for n in range(10)))
    assert order == list(range(10))
    assert clock() == 9.0


async def test_a_pause_spends_the_budget_for_that_long() -> None:
    clock = Clock(0.0)
    budget, _ = budget_on(clock, per_minute=60, burst=3)
    budget.pause(30.0)
    await budget.acquire()
    assert clock() == 31.0


async def test_a_second_person_is_served_within_one_interval_while_the_first_has_ten_queued(
) -> None:
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(5, burst=2, clock=clock, sleep=ticks.sleep)  # a turn every 12 s
    granted: list[tuple[str, float]] = []

    async def ask(who: str) -> None:
        assert await budget.acquire(who)
        granted.append((who, clock()))

    alice = [asyncio.create_task(ask("alice")) for _ in range(12)]
    await settle()
    assert granted == [("alice", 0.0), ("alice", 0.0)] and budget.waiting == 10
    clock.advance(5.0)  # Bob shares seconds later
    bob = asyncio.create_task(ask("bob"))
    await settle()
    await ticks.wake()

    assert granted[2] == ("bob", 12.0)  # the very next turn, ahead of Alice's ten
    assert bob.done() and budget.waiting == 10
    for _ in range(10):
        await ticks.wake()
    await asyncio.gather(*alice)
    assert [who for who, _ in granted] == ["alice", "alice", "bob"] + ["alice"] * 10
    assert granted[-1] == ("alice", 132.0)  # the budget itself is kept: one turn per 12 s


async def test_people_waiting_take_turns_and_each_persons_requests_keep_their_order() -> None:
    clock = Clock(0.0)
    budget, _ = budget_on(clock, per_minute=60, burst=1)
    order: list[str] = []

    async def ask(request: str) -> None:
        await budget.acquire(request[0])
        order.append(request)

    await asyncio.gather(*(ask(r) for r in ("a1", "a2", "a3", "a4", "b1", "b2", "b3", "c1")))

    assert order == ["a1", "b1", "c1", "a2", "b2", "a3", "b3", "a4"]
    assert clock() == 7.0


async def test_a_turn_that_cannot_come_before_the_deadline_is_refused_at_once_or_at_it() -> None:
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(6, burst=1, clock=clock, sleep=ticks.sleep)  # a turn every 10 s
    answers: dict[str, tuple[bool, float]] = {}

    async def ask(request: str) -> None:
        answers[request] = (await budget.acquire(request[0], deadline=30.0), clock())

    alice = [asyncio.create_task(ask(f"a{n}")) for n in range(1, 6)]
    await settle()
    # a5 would go at 40 s: it hears so straight away, not at the deadline.
    assert answers == {"a1": (True, 0.0), "a5": (False, 0.0)}
    bob = asyncio.create_task(ask("b1"))
    await settle()
    for _ in range(3):
        await ticks.wake()
    await asyncio.gather(*alice, bob)

    assert answers["b1"] == (True, 10.0)
    assert answers["a2"] == (True, 20.0) and answers["a3"] == (True, 30.0)
    assert answers["a4"] == (False, 30.0)  # Bob's turn pushed it past the deadline


async def test_a_waiter_that_gives_up_leaves_its_turn_to_the_others() -> None:
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(6, burst=1, clock=clock, sleep=ticks.sleep)
    await budget.acquire("alice")
    bob = asyncio.create_task(budget.acquire("bob"))
    await settle()
    bob.cancel()
    await settle()
    assert budget.waiting == 0

    carol = asyncio.create_task(budget.acquire("carol"))  # a newcomer after everyone left
    await ticks.wake()

    assert carol.done() and carol.result() is True and clock() == 10.0


async def test_the_wait_told_counts_everyone_whose_turn_comes_first() -> None:
    clock = Clock(0.0)
    budget, _ = budget_on(clock, per_minute=6, burst=1)
    await budget.acquire("alice")
    waiters = [asyncio.create_task(budget.acquire(who)) for who in ("alice",) * 3 + ("bob",)]
    await asyncio.sleep(0)

    assert budget.wait_for("carol") == 20.0  # after Bob's first turn and Alice's next
    assert budget.wait_for("bob") == 30.0  # after his first and Alice's next
    assert budget.wait_for("alice") == 50.0  # after all three of hers, and Bob's one
    await asyncio.gather(*waiters)
