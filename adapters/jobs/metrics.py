"""Metrics of the job queue: depth, oldest job's age, workers alive (read from Redis by every
process), and, on a worker, jobs by result and retries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable
from types import TracebackType
from typing import Self

from prometheus_client import CollectorRegistry, Counter
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from saq.queue.redis import RedisQueue

from adapters.jobs.queue import UNREACHABLE

log = logging.getLogger(__name__)

REFRESH = 5.0  # seconds between reads of the queue's state


class QueueMetrics(Collector):
    """stash_queue_jobs{state}, stash_queue_oldest_seconds, stash_workers_alive and
    stash_queue_up, refreshed in the background (a scrape never waits on Redis)."""

    def __init__(self, queue: RedisQueue, registry: CollectorRegistry) -> None:
        self._queue = queue
        self._state: dict[str, float] = {}
        self._task: asyncio.Task[None] | None = None
        registry.register(self)

    async def refresh(self) -> None:
        """Read the queue's state now."""
        queue, redis = self._queue, self._queue.redis
        try:
            queued = await redis.llen(queue.namespace("queued"))
            active = await redis.llen(queue.namespace("active"))
            oldest = await redis.lindex(queue.namespace("queued"), 0)
            first = await queue._get_job_by_id(oldest) if oldest else None
            now_ms = time.time() * 1000
            alive = await redis.zcount(queue.namespace("stats"), now_ms, "+inf")
        except UNREACHABLE:
            self._state = {"up": 0.0}
            return
        age = max(0.0, (now_ms - first.queued) / 1000) if first is not None else 0.0
        self._state = {"up": 1.0, "queued": queued, "active": active, "oldest": age,
                       "workers": alive}

    def collect(self) -> Iterable[Metric]:
        state = self._state
        yield GaugeMetricFamily("stash_queue_up", "Whether Redis answered the last look",
                                value=state.get("up", 0.0))
        jobs = GaugeMetricFamily("stash_queue_jobs", "Identification jobs in the queue",
                                 labels=["state"])
        for name in ("queued", "active"):
            if name in state:
                jobs.add_metric([name], state[name])
        yield jobs
        if "oldest" in state:
            yield GaugeMetricFamily("stash_queue_oldest_seconds",
                                    "Age of the oldest job waiting for a worker",
                                    value=state["oldest"])
            yield GaugeMetricFamily("stash_workers_alive", "Workers that reported lately",
                                    value=state["workers"])

    async def _keep_fresh(self) -> None:
        while True:
            await self.refresh()
            await asyncio.sleep(REFRESH)

    async def __aenter__(self) -> Self:
        self._task = asyncio.create_task(self._keep_fresh(), name="queue metrics")
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task


class WorkerCounters(Collector):
    """stash_jobs_total{result} (a verdict, an error kind, or crashed) and
    stash_job_retries_total (a job put back: a crash, a timeout, or a dead worker swept)."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.jobs = Counter("stash_jobs", "Identification jobs run by this worker, by result",
                            ["result"], registry=registry)
        self._queue: RedisQueue | None = None
        registry.register(self)

    def finished(self, result: str) -> None:
        self.jobs.labels(result).inc()

    def watch(self, queue: RedisQueue) -> None:
        self._queue = queue

    def collect(self) -> Iterable[Metric]:
        retried = self._queue.retried if self._queue is not None else 0
        yield CounterMetricFamily("stash_job_retries", "Jobs this worker put back in the queue",
                                  value=retried)
