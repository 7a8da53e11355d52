"""What Stash's queue overrides in saq, held to the saq installed: an upgrade that renames or
re-signs the methods, stops calling them, or changes the job fields and keys Stash's sweep reads
fails here, instead of letting saq's own sweep run a healthy job twice in production."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from saq import Worker
from saq.job import Job, Status
from saq.queue.redis import RedisQueue
from saq.types import Context, PartialTimersDict

from adapters.jobs.queue import StashQueue, open_queue
from adapters.jobs.sweep import SWEPT
from tests.jobs.redis_helpers import REDIS_URL, queue_name

OVERRIDDEN = ("sweep", "dequeue", "disconnect")


def parameters(method: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    """A method's parameters as a caller sees them: names, kinds and defaults."""
    return [(p.name, p.kind, p.default) for p in inspect.signature(method).parameters.values()]


@pytest.mark.parametrize("name", OVERRIDDEN)
def test_each_method_stash_overrides_is_still_saqs_with_the_same_parameters(name: str) -> None:
    assert getattr(StashQueue, name) is not getattr(RedisQueue, name)  # ours is the one called
    assert parameters(getattr(StashQueue, name)) == parameters(getattr(RedisQueue, name))


def test_the_job_fields_and_keys_stashs_sweep_reads_are_saqs() -> None:
    queue = open_queue(REDIS_URL, "stash-test-names")
    assert (queue._active, queue._incomplete) == (
        queue.namespace("active"), queue.namespace("incomplete"))
    job = Job("identify", queue=queue)
    for field in ("status", "touched", "started", "heartbeat", "timeout", "attempts", "key"):
        assert hasattr(job, field), field
    assert isinstance(job.retryable, bool)
    for method in ("abort", "retry", "finish"):
        assert "error" in inspect.signature(getattr(queue, method)).parameters, method
    assert queue.deserialize(queue.serialize(job)) == job


async def taken(queue: StashQueue, key: str) -> Job:
    """The next job off the queue, as a worker takes it: on the active list, still "queued"."""
    job = await queue.dequeue(timeout=1)
    assert job is not None and job.key == key and job.status is Status.QUEUED
    return job


async def dead(queue: StashQueue, job: Job, attempts: int) -> None:
    """Write `job` back as its worker left it: active, silent for a minute."""
    job.status, job.attempts = Status.ACTIVE, attempts
    job.started = job.touched = int(time.time() * 1000) - 60_000
    await queue.redis.set(job.id, queue.serialize(job))


async def next_round(queue: StashQueue) -> list[str]:
    """A sweep as the next round runs it (the round's lock has expired)."""
    await queue.redis.delete(queue.namespace("stash-sweep"))
    return await queue.sweep(lock=1)


async def test_a_dead_workers_job_is_retried_and_a_job_just_taken_is_left_alone() -> None:
    async with queue_name() as name:
        queue = open_queue(REDIS_URL, name, heartbeat=1)
        # saq's abort marks are keyed by job key alone, not by queue: keys of this test's own.
        first, stuck_key, spent_key = (f"{name}-{key}" for key in ("first", "stuck", "spent"))
        for key in (first, stuck_key, spent_key):
            assert await queue.enqueue("identify", key=key, timeout=10, heartbeat=1, retries=2)
        fresh = await taken(queue, first)  # in saq's window between the two writes
        stuck, spent = await taken(queue, stuck_key), await taken(queue, spent_key)
        await dead(queue, stuck, attempts=1)
        await dead(queue, spent, attempts=2)

        assert sorted(await next_round(queue)) == sorted([stuck.id, spent.id])
        retried, ended, left = [await queue.job(key) for key in (stuck_key, spent_key, first)]
        assert retried is not None and retried.status is Status.QUEUED and retried.error == SWEPT
        assert ended is not None and ended.status is Status.ABORTED and ended.error == SWEPT
        assert left is not None and left.status is Status.QUEUED and left.error is None
        assert await taken(queue, stuck_key)  # the retried job is queued again

        suspects = queue.namespace("stash-suspects")  # a heartbeat later, still not active:
        await queue.redis.hset(suspects, f"{fresh.id}@{fresh.touched}", time.time() - 2)
        assert await next_round(queue) == [fresh.id]  # its worker died between the writes
        await queue.disconnect()


async def nothing(ctx: Context) -> None:
    """A job function for a worker that is given no job."""


async def test_saqs_worker_calls_stashs_sweep_and_dequeue_as_they_are_signed() -> None:
    async with queue_name() as name:
        queue = open_queue(REDIS_URL, name)
        called = {method: asyncio.Event() for method in ("sweep", "dequeue")}
        refused: list[str] = []  # calls our methods would not take

        def watched(method: str) -> Callable[..., Awaitable[Any]]:
            ours = getattr(queue, method)

            async def call(*args: Any, **kwargs: Any) -> Any:
                called[method].set()
                try:
                    inspect.signature(getattr(StashQueue, method)).bind(queue, *args, **kwargs)
                except TypeError as err:
                    refused.append(f"{method}: {err}")
                return await ours(*args, **kwargs)
            return call

        for method in called:
            setattr(queue, method, watched(method))
        worker = Worker(queue, [("identify", nothing)], dequeue_timeout=0.5,
                        timers=PartialTimersDict(sweep=1, abort=1, schedule=1, worker_info=2))
        worker.SIGNALS = []
        running = asyncio.create_task(worker.start())
        try:
            async with asyncio.timeout(30):
                await asyncio.gather(*(event.wait() for event in called.values()))
        finally:
            await worker.stop()
            await asyncio.gather(running, return_exceptions=True)
            await queue.disconnect()
        assert refused == []
