"""The worker's side of distributed mode: one saq job runs one identification, as one process
would, and reports its stages on the job for every front to relay."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from saq.job import Job

from adapters.jobs import wire
from adapters.jobs.queue import UNREACHABLE
from core.errors import StashError
from core.models import Identification, Link
from core.ports import Stage, StatusReporter
from core.requester import requester as current_requester

log = logging.getLogger(__name__)

Identify = Callable[[Link, StatusReporter], Awaitable[Identification]]
JobFunction = Callable[..., Awaitable[dict[str, Any]]]


class JobProgress:
    """A StatusReporter that writes each stage on the job; the write is also a heartbeat."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._count = 0

    async def stage(self, stage: Stage, detail: str = "") -> None:
        self._count += 1
        try:
            await self._job.update(meta={"stage": stage.value, "detail": detail,
                                         "n": self._count})
        except UNREACHABLE:  # the waiters miss a stage; the work goes on
            log.warning("could not report a stage on the job queue")

    async def beat(self, every: float) -> None:
        """Touch the job while a stage takes long, so that the sweep knows this worker lives."""
        while True:
            await asyncio.sleep(every)
            with contextlib.suppress(*UNREACHABLE):
                await self._job.update()


def job_function(identify: Identify, heartbeat: int, links_in: wire.LinksIn,
                 finished: Callable[[str], None] = lambda _: None) -> JobFunction:
    """saq's `identify` job: the link's identification or the error a person is shown.

    The link is parsed again with `links_in` (core's parser): what is identified and cached is
    what the shared address names, whatever else the job claims. An unexpected exception goes up
    to saq, which retries the job within its retry budget and then marks it failed; the fronts
    answer that as an error. `finished` counts results.
    """

    async def run(ctx: dict[str, Any], *, link: dict[str, Any],
                  requester: str | None = None) -> dict[str, Any]:
        job: Job = ctx["job"]
        progress = JobProgress(job)
        beat = asyncio.create_task(progress.beat(max(heartbeat / 3, 0.5)), name="heartbeat")
        token = current_requester.set(wire.load_requester(requester))
        asked: Link | None = None
        try:
            asked = wire.load_link(link, links_in)
            ident = await identify(asked, progress)
            finished(ident.verdict.value)
            return wire.answer(asked, ident)
        except StashError as err:
            finished(err.kind)
            return wire.failure(asked, err)
        except Exception:
            finished("crashed")
            raise
        finally:
            current_requester.reset(token)
            beat.cancel()

    run.__qualname__ = "identify"
    return run
