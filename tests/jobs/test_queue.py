"""Fronts and workers through a real Redis and real saq workers (in this process, each with its
own connections, as separate processes would have): joining, stages, answers and faults."""

from __future__ import annotations

import asyncio
import time
from contextlib import AsyncExitStack

import pytest

from adapters.jobs.queue import JobLimits
from core.errors import LoginWall, QueueUnavailable, StashError, TookTooLong
from core.links import parse_links
from core.models import Identification, Link, UserKey, Verdict
from core.ports import Stage, StatusReporter
from core.requester import requester
from tests.fakes import until
from tests.jobs.redis_helpers import RedisRelay, queue_name, redis_or_skip
from tests.jobs.worlds import HOSTS, QUICK, Stages, front, worker

LINK = parse_links("https://media.example/clip/abc.m4a", HOSTS)[0]


async def test_one_job_for_a_link_shared_from_many_fronts_and_stages_reach_each() -> None:
    calls: list[UserKey | None] = []
    reporters = [Stages() for _ in range(3)]

    async def seen_by_all(stage: Stage) -> None:
        await until(lambda: all((stage, "") in r.seen for r in reporters), 30)

    async def identify(link: Link, progress: StatusReporter) -> Identification:
        calls.append(requester.get())
        await progress.stage(Stage.DOWNLOADING)
        await seen_by_all(Stage.DOWNLOADING)  # every front has joined and looked
        await progress.stage(Stage.LISTENING)
        await seen_by_all(Stage.LISTENING)
        await progress.stage(Stage.SEARCHING)
        return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)

    async with queue_name() as name, AsyncExitStack() as stack:
        fronts = [await stack.enter_async_context(front(name)) for _ in range(3)]
        for _ in range(2):
            await stack.enter_async_context(worker(name, identify))
        requester.set(UserKey("telegram", "7"))
        answers = await asyncio.gather(*(f.run(LINK, r) for f, r in zip(fronts, reporters,
                                                                         strict=True)))
    assert [a.verdict for a in answers] == [Verdict.NOT_RECOGNIZED] * 3
    assert calls == [UserKey("telegram", "7")]  # one identification, for the person who asked
    assert sum(f.enqueued for f in fronts) == 1 and sum(f.joined for f in fronts) == 2
    for reporter in reporters:
        assert [s for s, _ in reporter.seen][:2] == [Stage.DOWNLOADING, Stage.LISTENING]


async def test_an_expected_error_is_answered_once_not_retried() -> None:
    calls = 0

    async def identify(link: Link, progress: StatusReporter) -> Identification:
        nonlocal calls
        calls += 1
        raise LoginWall()

    async with queue_name() as name, front(name) as runner, worker(name, identify):
        with pytest.raises(LoginWall) as raised:
            await runner.run(LINK, Stages())
    assert raised.value.user_message == LoginWall.user_message and calls == 1


async def test_a_poisoned_link_fails_once_per_attempt_then_is_an_error_and_the_worker_lives(
) -> None:
    calls = 0

    async def identify(link: Link, progress: StatusReporter) -> Identification:
        nonlocal calls
        calls += 1
        if link.media_id == "media.example/poison":
            raise RuntimeError("worker code crashes on this link")
        return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)

    poison = parse_links("https://media.example/poison", HOSTS)[0]
    async with queue_name() as name, front(name) as runner, worker(name, identify):
        with pytest.raises(StashError) as raised:
            await runner.run(poison, Stages())
        assert type(raised.value) is StashError and calls == QUICK.retries
        healthy = await runner.run(LINK, Stages())  # the same worker takes the next job
    assert healthy.verdict is Verdict.NOT_RECOGNIZED


async def test_a_job_past_its_deadline_tells_its_waiters_and_is_not_retried_forever() -> None:
    calls = 0

    async def identify(link: Link, progress: StatusReporter) -> Identification:
        nonlocal calls
        calls += 1
        await asyncio.sleep(3600)
        raise AssertionError("unreachable")

    limits = JobLimits(timeout=1, heartbeat=1, retries=2, ttl=60)
    async with queue_name() as name, front(name, limits) as runner, worker(name, identify,
                                                                           limits):
        started = time.monotonic()
        with pytest.raises(TookTooLong):
            await runner.run(LINK, Stages())
    assert calls == limits.retries and time.monotonic() - started < limits.patience


async def test_redis_down_is_a_clear_answer_within_seconds_and_recovery_is_automatic() -> None:
    async def identify(link: Link, progress: StatusReporter) -> Identification:
        return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)

    async with queue_name() as name, RedisRelay() as relay, front(name, url=relay.url) as runner:
        await relay.cut()
        started = time.monotonic()
        with pytest.raises(QueueUnavailable) as raised:
            await runner.run(LINK, Stages())
        assert time.monotonic() - started < 8
        assert "try again in a minute" in raised.value.user_message
        await relay.restore()
        async with worker(name, identify):
            answer = await runner.run(LINK, Stages())
    assert answer.verdict is Verdict.NOT_RECOGNIZED


async def test_redis_lost_for_long_while_waiting_tells_the_waiters_rather_than_leaving_them_stuck(
) -> None:
    async def identify(link: Link, progress: StatusReporter) -> Identification:
        await progress.stage(Stage.DOWNLOADING)
        await asyncio.sleep(30)
        raise AssertionError("unreachable")

    async with queue_name() as name, RedisRelay() as relay, \
            front(name, url=relay.url, outage_patience=3) as runner, worker(name, identify):
        reporter = Stages()
        waiting = asyncio.create_task(runner.run(LINK, reporter))
        for _ in range(50):
            if reporter.seen:
                break
            await asyncio.sleep(0.1)
        assert reporter.seen == [(Stage.DOWNLOADING, "")]
        await relay.cut()
        started = time.monotonic()
        with pytest.raises(QueueUnavailable):
            await waiting
        assert time.monotonic() - started < 10


async def test_a_short_redis_outage_is_waited_out_and_a_lost_job_enqueued_again(
        caplog: pytest.LogCaptureFixture) -> None:
    async def identify(link: Link, progress: StatusReporter) -> Identification:
        return Identification(link.canonical_url, Verdict.NOT_RECOGNIZED)

    async with queue_name() as name, RedisRelay() as relay, front(name, url=relay.url) as runner:
        waiting = asyncio.create_task(runner.run(LINK, Stages()))
        await until(lambda: runner.enqueued == 1)  # queued; no worker yet
        await relay.cut()
        await asyncio.sleep(4)  # longer than any one call may take
        assert not waiting.done()  # nobody is told to try again for a restart
        client = await redis_or_skip()
        lost = [key async for key in client.scan_iter(match=f"saq:*{name}*")]
        await client.delete(*lost)  # restarted empty: this queue's jobs are gone
        await client.aclose()
        await relay.restore()
        async with worker(name, identify):
            answer = await asyncio.wait_for(waiting, 15)
    assert answer.verdict is Verdict.NOT_RECOGNIZED
    said = [r.getMessage() for r in caplog.records]
    assert sum("is unreachable" in line for line in said) == 1, said
    assert sum("answers again" in line for line in said) == 1, said
    assert any("enqueued again" in line for line in said), said
