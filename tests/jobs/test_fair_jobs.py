"""Distributed mode: one person's backlog of jobs does not keep another person's job in Redis
(real Redis, a real saq worker taking as many jobs as `stash worker` does, a fair budget on a
hand-moved clock)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from adapters.recognition.budget import RequestBudget
from bot.distributed import jobs_at_once
from bot.settings import load_settings
from core.errors import RateLimited
from core.models import Identification, Link, Platform, UserKey, Verdict
from core.ports import StatusReporter
from core.requester import requester
from tests.fakes import Clock, Ticks, settle
from tests.jobs.redis_helpers import REDIS_URL, queue_name
from tests.jobs.worlds import Stages, front, worker

ALICE, BOB = UserKey("telegram", "1"), UserKey("telegram", "2")


def link(n: int) -> Link:
    url = f"https://media.example/clip/{n}.m4a"
    return Link(Platform.DIRECT, str(n), url, url)


async def until(condition: Callable[[], bool]) -> None:
    """Let the worker and the front run until `condition()` holds (20 s at most)."""
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition never held")


async def test_bobs_job_is_taken_past_alices_backlog_and_heard_at_the_next_turn() -> None:
    settings = load_settings(_env_file=None, redis_url=REDIS_URL, worker_concurrency=2,
                             shazam_requests_per_minute=10, shazam_burst=1)
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(10, burst=1, clock=clock, sleep=ticks.sleep)  # a turn every 6 s
    arrived: list[UserKey | None] = []
    heard: list[UserKey | None] = []

    async def identify(link: Link, progress: StatusReporter) -> Identification:
        # What the worker's recognizer does: wait for the person's turn, within the deadline.
        who = requester.get()
        arrived.append(who)
        if not await budget.acquire(who, deadline=clock() + 60):
            raise RateLimited(None)
        heard.append(who)
        return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)

    async def share(who: UserKey, n: int) -> Identification:
        requester.set(who)
        return await runner.run(link(n), Stages())

    async with queue_name() as name, front(name) as runner, \
            worker(name, identify, concurrency=jobs_at_once(settings)):
        alice = [asyncio.create_task(share(ALICE, n)) for n in range(25)]
        await until(lambda: len(arrived) == 25)  # each taken: past the deadline, answered
        bob = asyncio.create_task(share(BOB, 100))
        await until(lambda: BOB in arrived)
        await settle()
        turns = len(heard)
        await ticks.wake()
        assert heard[turns:] == [BOB]
        assert (await bob).verdict is Verdict.NOT_RECOGNIZED
        for task in alice:
            task.cancel()
        await asyncio.gather(*alice, return_exceptions=True)
