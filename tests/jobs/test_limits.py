"""Limits shared by every process, through the real Redis: each person's links a minute across
fronts, and one Shazam budget across the workers behind one address."""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import AsyncIterator

import pytest
from redis import asyncio as aioredis

from adapters.jobs.limits import SharedBudget, SharedShareLimit, limiter
from core.models import UserKey
from tests.jobs.redis_helpers import REDIS_URL, RedisRelay, queue_name

ALICE, BOB = UserKey("telegram", "1"), UserKey("discord", "1")


@pytest.fixture
async def redis() -> AsyncIterator[aioredis.Redis]:
    client = aioredis.from_url(REDIS_URL)
    yield client
    await client.aclose()


async def test_a_persons_links_a_minute_hold_across_fronts() -> None:
    async with queue_name() as name:
        fronts = [SharedShareLimit(limiter(REDIS_URL, f"stash:{name}"), 3) for _ in range(2)]
        admitted = [await fronts[i % 2].admit(ALICE) for i in range(5)]
        other = await fronts[1].admit(BOB)
    assert admitted == [True, True, True, False, False]  # three in all, whichever front
    assert other is True  # another person's limit is their own


async def test_the_shazam_budget_is_shared_by_workers_with_one_key_and_not_by_others(
        redis: aioredis.Redis) -> None:
    async with queue_name() as name:
        windows = limiter(REDIS_URL, f"stash:{name}")
        here = [SharedBudget(3, 5, windows, "egress-a", redis, f"stash:{name}") for _ in range(2)]
        elsewhere = SharedBudget(3, 5, windows, "egress-b", redis, f"stash:{name}")
        # Each worker's own bucket would let 5 go at once; the address allows 3 a minute.
        turns = [await here[i % 2].acquire(ALICE, here[0].now() + 0.5) for i in range(4)]
        other = await elsewhere.acquire(BOB, elsewhere.now() + 0.5)
    assert turns == [True, True, True, False]
    assert other is True  # another egress address has its own budget


async def test_a_spent_shared_budget_makes_a_worker_wait_or_give_up_by_its_deadline(
        redis: aioredis.Redis) -> None:
    async with queue_name() as name:
        windows = limiter(REDIS_URL, f"stash:{name}")
        workers = [SharedBudget(2, 2, windows, "egress", redis, f"stash:{name}") for _ in range(2)]
        assert await workers[0].acquire(ALICE) and await workers[0].acquire(BOB)
        started = time.monotonic()
        # The second worker's own bucket is full, but the address's two a minute are spent.
        assert not await workers[1].acquire(ALICE, workers[1].now() + 1.0)
    assert time.monotonic() - started < 1.0  # told at once: the window moves in a minute


async def test_shared_limits_fail_open_when_redis_is_down() -> None:
    async with queue_name() as name, RedisRelay() as relay:
        await relay.cut()
        gate = SharedShareLimit(limiter(relay.url, f"stash:{name}"), 1)
        down = aioredis.from_url(relay.url, socket_connect_timeout=2)
        budget = SharedBudget(60, 1, limiter(relay.url, f"stash:{name}"), "egress", down,
                              f"stash:{name}")
        started = time.monotonic()
        assert await gate.admit(ALICE) and await gate.admit(ALICE)
        assert await budget.acquire(ALICE, math.inf)
        await down.aclose()
    assert time.monotonic() - started < 10


async def test_a_429_on_one_worker_pauses_every_worker_behind_that_address(
        redis: aioredis.Redis) -> None:
    async with queue_name() as name:
        windows = limiter(REDIS_URL, f"stash:{name}")
        seen, other = (SharedBudget(60, 5, windows, "egress", redis, f"stash:{name}")
                       for _ in range(2))
        elsewhere = SharedBudget(60, 5, windows, "egress-b", redis, f"stash:{name}")
        seen.pause(30)  # Shazam answered 429 with retryms 30000 to the first worker
        for _ in range(50):  # the pause is shared in the background
            if await redis.pttl(f"stash:{name}:shazam-pause:egress") > 0:
                break
            await asyncio.sleep(0.05)
        started = time.monotonic()
        assert not await other.acquire(ALICE, other.now() + 5)  # the pause outlasts its deadline
        assert await elsewhere.acquire(BOB, elsewhere.now() + 5)
    assert time.monotonic() - started < 2  # told at once, not at its deadline
