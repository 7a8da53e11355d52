"""The saq queue between fronts and workers: its connection, its name, its jobs' limits."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from redis import asyncio as aioredis
from saq.job import Job
from saq.queue.redis import RedisQueue

from adapters.jobs.outage import UNREACHABLE as UNREACHABLE  # where the other modules look
from adapters.jobs.sweep import sweep
from adapters.outage import Outage

FUNCTION = "identify"
CONNECT_TIMEOUT = 2.0
COMMAND_TIMEOUT = 5.0  # above the worker's 1-second blocking dequeue


@dataclass(frozen=True)
class JobLimits:
    """How long one identification job may run and how often it is tried.

    `timeout` comes from the media and recognition deadlines of every window; `heartbeat` is how
    long a worker may stay silent before its job is swept back into the queue (a killed worker).
    """

    timeout: int
    heartbeat: int
    retries: int = 2  # attempts in all: a job a killed worker held runs once more
    ttl: int = 600  # seconds a finished job's answer stays for waiters who look late

    @classmethod
    def from_deadlines(cls, media_timeout: float, recognition_deadline: float, windows: int,
                       heartbeat: int) -> JobLimits:
        search = 30.0
        return cls(int(windows * (media_timeout + recognition_deadline) + search), heartbeat)

    @property
    def patience(self) -> float:
        """How long a front waits for an answer: every attempt, its sweep, and a queue wait."""
        return self.retries * (self.timeout + 3 * self.heartbeat) + 120.0


class StashQueue(RedisQueue):
    """saq's Redis queue, except that a worker waits a second when Redis is unreachable instead
    of asking again at once (saq's loop would spin through refused connections), and that the
    sweep for dead workers' jobs is ours (see adapters/jobs/sweep.py)."""

    heartbeat = 10  # the jobs' heartbeat: how long a job may look stuck before it is swept
    outage = Outage()  # replaced per queue in open_queue

    async def sweep(self, lock: int = 60, abort: float = 5.0) -> list[str]:
        return await sweep(self, lock, self.heartbeat)

    async def disconnect(self) -> None:
        """Close, even while Redis is unreachable (saq would first try to unsubscribe)."""
        try:
            await super().disconnect()
        except UNREACHABLE:
            await self.redis.aclose()
            await self.redis.connection_pool.disconnect()

    async def dequeue(self, timeout: float = 0.0,  # noqa: ASYNC109 - saq's signature
                      poll_interval: float = 0.0) -> Job | None:
        try:
            job = await super().dequeue(timeout, poll_interval)
        except UNREACHABLE as err:
            self.outage.failed(err)
            await asyncio.sleep(1.0)
            return None
        self.outage.answered()
        return job


def open_queue(redis_url: str, name: str, heartbeat: int = 10) -> StashQueue:
    """A queue on Redis at `redis_url` whose keys start with saq:`name`:."""
    redis = aioredis.from_url(redis_url, socket_connect_timeout=CONNECT_TIMEOUT,
                              socket_timeout=COMMAND_TIMEOUT)
    queue = StashQueue(redis, name=name)
    queue.heartbeat = heartbeat
    queue.outage = Outage()
    return queue


async def ping(queue: RedisQueue) -> bool:
    """Whether Redis answers now."""
    try:
        return bool(await asyncio.wait_for(queue.redis.ping(), CONNECT_TIMEOUT + 1))
    except UNREACHABLE:
        return False
