"""The Shazam request budget (a token bucket), on a hand-moved clock."""

from __future__ import annotations

import asyncio

from adapters.recognition.budget import RequestBudget
from tests.fakes import Clock


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
