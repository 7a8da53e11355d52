"""Distributed mode's wiring: the saq queue from settings, for fronts and for workers."""

from __future__ import annotations

import math
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from typing import TYPE_CHECKING

from bot.settings import Settings
from core.identify import Policy

if TYPE_CHECKING:
    from limits.aio.strategies import MovingWindowRateLimiter

    from adapters.jobs.limits import SharedBudget, SharedShareLimit
    from adapters.jobs.queue import JobLimits, StashQueue
    from adapters.jobs.runner import QueuedIdentifications

RECOGNITION_DEADLINE = 60.0  # ShazamRecognizer's default deadline for one window
WAITING_ROOM = 32  # jobs a worker takes beyond WORKER_CONCURRENCY, at most


def job_limits(settings: Settings) -> JobLimits:
    from adapters.jobs.queue import JobLimits

    limits = JobLimits.from_deadlines(settings.media_timeout, RECOGNITION_DEADLINE,
                                      Policy().max_windows, settings.worker_heartbeat)
    if settings.worker_job_timeout is not None:  # an operator's cap on how long one may take
        return replace(limits, timeout=settings.worker_job_timeout)
    return limits


def jobs_at_once(settings: Settings) -> int:
    """Jobs one worker takes from the queue at once: WORKER_CONCURRENCY downloading or searching,
    and room for those waiting for a turn at Shazam's budget (as many as can get one within its
    deadline). A waiting job holds no slot: taken from Redis (first come, first served), it waits
    in the worker's fair order instead, so one person's backlog of jobs cannot keep another
    person's job in Redis; jobs whose turn is past the deadline are answered at once. Each job
    taken is a saq loop asking Redis for work, hence a cap (a budget that fast drains a backlog
    in seconds anyway)."""
    waiting = math.ceil(settings.shazam_requests_per_minute * RECOGNITION_DEADLINE / 60)
    return settings.worker_concurrency + min(WAITING_ROOM, waiting + settings.shazam_burst)


@asynccontextmanager
async def open_queue(settings: Settings) -> AsyncIterator[StashQueue]:
    """The queue named REDIS_QUEUE on REDIS_URL (connections are made when first used, so a
    Redis that is down at start does not stop Stash from starting)."""
    from adapters.jobs.queue import open_queue as connect

    assert settings.redis_url is not None  # noqa: S101 - callers check
    queue = connect(settings.redis_url.get_secret_value(), settings.redis_queue,
                    settings.worker_heartbeat)
    try:
        yield queue
    finally:
        await queue.disconnect()


@asynccontextmanager
async def open_runner(settings: Settings) -> AsyncIterator[QueuedIdentifications]:
    """A front's runner: identifications go to the workers."""
    from adapters.jobs.runner import QueuedIdentifications

    async with open_queue(settings) as queue:
        runner = QueuedIdentifications(queue, job_limits(settings))
        try:
            yield runner
        finally:
            await runner.close()


def _windows(settings: Settings) -> MovingWindowRateLimiter:
    from adapters.jobs.limits import limiter

    assert settings.redis_url is not None  # noqa: S101 - callers check
    return limiter(settings.redis_url.get_secret_value(), f"stash:{settings.redis_queue}")


def shared_gate(settings: Settings) -> SharedShareLimit:
    """LINKS_PER_MINUTE for each person, counted across every front."""
    from adapters.jobs.limits import SharedShareLimit

    return SharedShareLimit(_windows(settings), settings.links_per_minute)


def shared_budget(settings: Settings, queue: StashQueue) -> SharedBudget:
    """SHAZAM_REQUESTS_PER_MINUTE for every worker with this SHAZAM_BUDGET_KEY."""
    from adapters.jobs.limits import SharedBudget

    return SharedBudget(settings.shazam_requests_per_minute, settings.shazam_burst,
                        _windows(settings), settings.shazam_budget_key, queue.redis,
                        f"stash:{settings.redis_queue}")
