"""The queue world of the jobs tests: saq workers and fronts in this process, each with its own
Redis connections (as separate processes would have), on a queue name of the test's own."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from saq import Worker
from saq.types import PartialTimersDict

from adapters.jobs.queue import JobLimits, StashQueue, open_queue
from adapters.jobs.runner import QueuedIdentifications
from adapters.jobs.work import job_function
from core.links import parse_links
from core.models import Identification, Link
from core.ports import Stage, StatusReporter
from tests.jobs.redis_helpers import REDIS_URL

HOSTS = ("media.example",)
QUICK = JobLimits(timeout=10, heartbeat=2, retries=2, ttl=60)
Identify = Callable[[Link, StatusReporter], Awaitable[Identification]]


class Stages:
    def __init__(self) -> None:
        self.seen: list[tuple[Stage, str]] = []

    async def stage(self, stage: Stage, detail: str = "") -> None:
        self.seen.append((stage, detail))


@asynccontextmanager
async def worker(name: str, identify: Identify, limits: JobLimits = QUICK,
                 concurrency: int = 2) -> AsyncIterator[Worker]:
    queue = open_queue(REDIS_URL, name, limits.heartbeat)
    function = job_function(identify, limits.heartbeat, lambda text: parse_links(text, HOSTS))
    saq_worker = Worker(queue, [("identify", function)],
                        concurrency=concurrency, dequeue_timeout=0.5,
                        timers=PartialTimersDict(sweep=1, abort=1, schedule=1, worker_info=2))
    saq_worker.SIGNALS = []
    task = asyncio.create_task(saq_worker.start())
    try:
        yield saq_worker
    finally:
        await saq_worker.stop()
        await asyncio.gather(task, return_exceptions=True)
        await queue.disconnect()


@asynccontextmanager
async def front(name: str, limits: JobLimits = QUICK, url: str = REDIS_URL,
                outage_patience: float = 60.0) -> AsyncIterator[QueuedIdentifications]:
    queue: StashQueue = open_queue(url, name)
    runner = QueuedIdentifications(queue, limits, outage_patience=outage_patience)
    try:
        yield runner
    finally:
        await runner.close()
        await queue.disconnect()
