"""The front's side of distributed mode: enqueue or join a link's job, relay its stages, answer.

A front never downloads: the first share of a link in any process enqueues one saq job keyed by
the link's canonical identity; every later enqueue, from any process, joins it (saq refuses a
second job while one with that key is incomplete). One poller per process reads every watched
job with a single MGET a tick, rather than a pub/sub subscription: polling heals by itself when
Redis comes back, and a tick's cost does not grow with the number of people waiting.

Redis restarted empty (or flushed) loses the jobs: a job the poller no longer finds is enqueued
again under its key (a herd's fronts still make one job of it). While Redis does not answer the
waiters wait, for up to `outage_patience`, and the process says so once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field

from saq.job import Job, Status

from adapters.jobs import wire
from adapters.jobs.queue import FUNCTION, UNREACHABLE, JobLimits, StashQueue, ping
from core.errors import QueueUnavailable, StashError, TookTooLong
from core.models import Identification, Link, UserKey
from core.ports import Stage, StatusReporter
from core.requester import requester

log = logging.getLogger(__name__)

TICK = 0.2  # seconds between looks at the watched jobs
OUTAGE = 3.0  # seconds one call to Redis may take
OUTAGE_PATIENCE = 60.0  # seconds of Redis not answering before waiters are told to try again
FINISHED = (Status.COMPLETE, Status.FAILED, Status.ABORTED)


@dataclass(eq=False)
class _Watch:
    link: Link  # to enqueue its job again if Redis lost it
    asker: UserKey | None  # whose turn it is at outside budgets
    updates: asyncio.Queue[Job | BaseException] = field(default_factory=asyncio.Queue)
    last: tuple[object, ...] = ()  # the job's state this watcher was last handed


class QueuedIdentifications:
    """An IdentificationRunner that hands the work to `stash worker` processes through saq."""

    def __init__(self, queue: StashQueue, limits: JobLimits, *,
                 outage_patience: float = OUTAGE_PATIENCE) -> None:
        self._queue = queue
        self._limits = limits
        self._outage_patience = outage_patience
        self._watches: dict[str, list[_Watch]] = {}
        self._poller: asyncio.Task[None] | None = None
        self.enqueued = 0  # jobs this process started
        self.joined = 0  # jobs already under way (or queued) that this process joined

    async def run(self, link: Link, progress: StatusReporter) -> Identification:
        key = wire.job_key(link)
        watch = _Watch(link, requester.get())
        self._watches.setdefault(key, []).append(watch)
        try:
            await self._enqueue(key, link)
            async with asyncio.timeout(self._limits.patience):
                return await self._follow(watch, link, progress)
        except TimeoutError:
            raise TookTooLong() from None
        finally:
            watches = self._watches.get(key, [])
            with contextlib.suppress(ValueError):
                watches.remove(watch)
            if not watches:
                self._watches.pop(key, None)

    @property
    def queue(self) -> StashQueue:
        return self._queue

    async def reachable(self) -> bool:
        """Whether Redis answers now (for /readyz)."""
        return await ping(self._queue)

    async def close(self) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller

    async def _enqueue(self, key: str, link: Link) -> None:
        try:
            await self._put(key, link, requester.get())
        except UNREACHABLE as err:
            raise QueueUnavailable() from err

    async def _put(self, key: str, link: Link, asker: UserKey | None) -> None:
        limits = self._limits
        job = await asyncio.wait_for(self._queue.enqueue(
            FUNCTION, key=key, timeout=limits.timeout, heartbeat=limits.heartbeat,
            retries=limits.retries, ttl=limits.ttl, link=wire.dump_link(link),
            requester=wire.dump_requester(asker)), OUTAGE)
        if job is None:
            self.joined += 1
        else:
            self.enqueued += 1
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll(), name="job poller")

    async def _follow(self, watch: _Watch, link: Link, progress: StatusReporter
                      ) -> Identification:
        shown: object = None
        while True:
            update = await watch.updates.get()
            if isinstance(update, BaseException):
                raise update
            if update.status in FINISHED:
                return _result(update, link)
            stage = update.meta.get("stage")
            if stage and (stage, update.meta.get("n")) != shown:
                shown = (stage, update.meta.get("n"))
                await progress.stage(Stage(stage), str(update.meta.get("detail", "")))

    async def _poll(self) -> None:
        """Read every watched job each tick; hand each watcher what changed."""
        outage = self._queue.outage
        while self._watches:
            keys = list(self._watches)
            try:
                jobs = await asyncio.wait_for(self._queue.jobs(keys), OUTAGE)
                for key, job in zip(keys, jobs, strict=True):
                    await self._hand(key, job)
            except UNREACHABLE as err:
                outage.failed(err)  # one warning for the outage, one line when it ends
                if time.monotonic() - (outage.since or 0) >= self._outage_patience:
                    self._tell_all(keys, QueueUnavailable())
            else:
                outage.answered()
            await asyncio.sleep(TICK)

    async def _hand(self, key: str, job: Job | None) -> None:
        watches = self._watches.get(key, [])
        if job is None:  # Redis lost it (restarted empty, flushed): the same job again
            if watches:
                log.warning("a job waited on was lost by the job queue: enqueued again")
                await self._put(key, watches[0].link, watches[0].asker)
            return
        state = (job.status, job.attempts, job.meta.get("n"))
        for watch in watches:
            if watch.last != state:
                watch.last = state
                watch.updates.put_nowait(job)

    def _tell_all(self, keys: list[str], error: StashError) -> None:
        for key in keys:
            for watch in self._watches.get(key, []):
                watch.updates.put_nowait(error)


def _result(job: Job, asked: Link) -> Identification:
    if job.status == Status.COMPLETE:
        return wire.load_answer(job.result, asked)
    if "TimeoutError" in (job.error or "") or job.status == Status.ABORTED:
        raise TookTooLong()  # past its deadline, or its worker lost, on every attempt
    log.error("identification job failed on every attempt (see the workers' logs): %s", job.key)
    raise StashError()
