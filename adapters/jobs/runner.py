"""The front's side of distributed mode: enqueue or join a link's job, relay its stages, answer.

A front never downloads: the first share of a link in any process enqueues one saq job keyed by
the link's canonical identity; every later enqueue, from any process, joins it (saq refuses a
second job while one with that key is incomplete). One poller per process reads every watched
job with a single MGET a tick, rather than a pub/sub subscription: polling heals by itself when
Redis comes back, and a tick's cost does not grow with the number of people waiting.
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
from core.models import Identification, Link
from core.ports import Stage, StatusReporter
from core.requester import requester

log = logging.getLogger(__name__)

TICK = 0.2  # seconds between looks at the watched jobs
OUTAGE = 3.0  # seconds of Redis not answering before waiters are told to try again
MISSING = 10.0  # seconds a job may be absent (expired, deleted) before its waiters give up
FINISHED = (Status.COMPLETE, Status.FAILED, Status.ABORTED)


@dataclass(eq=False)
class _Watch:
    updates: asyncio.Queue[Job | BaseException] = field(default_factory=asyncio.Queue)
    seen: float = field(default_factory=time.monotonic)
    last: tuple[object, ...] = ()  # the job's state this watcher was last handed


class QueuedIdentifications:
    """An IdentificationRunner that hands the work to `stash worker` processes through saq."""

    def __init__(self, queue: StashQueue, limits: JobLimits) -> None:
        self._queue = queue
        self._limits = limits
        self._watches: dict[str, list[_Watch]] = {}
        self._poller: asyncio.Task[None] | None = None
        self.enqueued = 0  # jobs this process started
        self.joined = 0  # jobs already under way (or queued) that this process joined

    async def run(self, link: Link, progress: StatusReporter) -> Identification:
        key = wire.job_key(link)
        watch = _Watch()
        self._watches.setdefault(key, []).append(watch)
        try:
            await self._enqueue(key, link)
            async with asyncio.timeout(self._limits.patience):
                return await self._follow(watch, progress)
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
        limits = self._limits
        try:
            job = await asyncio.wait_for(self._queue.enqueue(
                FUNCTION, key=key, timeout=limits.timeout, heartbeat=limits.heartbeat,
                retries=limits.retries, ttl=limits.ttl, link=wire.dump_link(link),
                requester=wire.dump_requester(requester.get())), OUTAGE)
        except UNREACHABLE as err:
            raise QueueUnavailable() from err
        if job is None:
            self.joined += 1
        else:
            self.enqueued += 1
        if self._poller is None or self._poller.done():
            self._poller = asyncio.create_task(self._poll(), name="job poller")

    async def _follow(self, watch: _Watch, progress: StatusReporter) -> Identification:
        shown: object = None
        while True:
            update = await watch.updates.get()
            if isinstance(update, BaseException):
                raise update
            if update.status in FINISHED:
                return _result(update)
            stage = update.meta.get("stage")
            if stage and (stage, update.meta.get("n")) != shown:
                shown = (stage, update.meta.get("n"))
                await progress.stage(Stage(stage), str(update.meta.get("detail", "")))

    async def _poll(self) -> None:
        """Read every watched job each tick; hand each watcher what changed."""
        failing_since: float | None = None
        while self._watches:
            keys = list(self._watches)
            try:
                jobs = await asyncio.wait_for(self._queue.jobs(keys), OUTAGE)
                failing_since = None
            except UNREACHABLE as err:
                failing_since = failing_since or time.monotonic()
                if time.monotonic() - failing_since >= OUTAGE:
                    log.warning("the job queue is unreachable (%s)", type(err).__name__)
                    self._tell_all(keys, QueueUnavailable())
                await asyncio.sleep(TICK)
                continue
            for key, job in zip(keys, jobs, strict=True):
                self._hand(key, job)
            await asyncio.sleep(TICK)

    def _hand(self, key: str, job: Job | None) -> None:
        watches = self._watches.get(key, [])
        now = time.monotonic()
        if job is None:
            for watch in watches:
                if now - watch.seen > MISSING:
                    watch.updates.put_nowait(StashError())
            return
        state = (job.status, job.attempts, job.meta.get("n"))
        for watch in watches:
            watch.seen = now
            if watch.last != state:
                watch.last = state
                watch.updates.put_nowait(job)

    def _tell_all(self, keys: list[str], error: StashError) -> None:
        for key in keys:
            for watch in self._watches.get(key, []):
                watch.updates.put_nowait(error)


def _result(job: Job) -> Identification:
    if job.status == Status.COMPLETE:
        return wire.load_answer(job.result)
    if "TimeoutError" in (job.error or "") or job.status == Status.ABORTED:
        raise TookTooLong()  # past its deadline, or its worker lost, on every attempt
    log.error("identification job failed on every attempt (see the workers' logs): %s", job.key)
    raise StashError()
