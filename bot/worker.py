"""`stash worker`: a saq worker that runs identifications for every front, until a signal.

It identifies as a front would, without the rest of a front (bot/bootstrap.py's build_worker):
the same storage (the shared identification cache), fetcher, recognizer and catalog, and the
same core Identifier, fed by jobs instead of chats. /metrics, /healthz and /readyz are served
on WORKER_HTTP_PORT.
"""

from __future__ import annotations

import asyncio
import logging

from prometheus_client import CollectorRegistry
from saq import Worker
from saq.types import PartialTimersDict

from adapters.jobs.cookies import SharedCoolDowns
from adapters.jobs.metrics import QueueMetrics, WorkerCounters
from adapters.jobs.outage import quiet_upkeep
from adapters.jobs.queue import ping
from adapters.jobs.work import job_function
from adapters.running import stop_on_signals
from adapters.web.server import WebServer
from bot.bootstrap import build_worker
from bot.distributed import job_limits, jobs_at_once
from bot.settings import Settings, SettingsError

log = logging.getLogger(__name__)


async def run_worker(settings: Settings, stop: asyncio.Event | None = None) -> int:
    """Take identification jobs until SIGINT/SIGTERM (or `stop`); 0 on a clean stop."""
    if settings.redis_url is None:
        raise SettingsError("setting REDIS_URL is missing: `stash worker` needs it")
    from adapters.metrics import PrometheusTelemetry

    stop = stop or stop_on_signals()
    registry = CollectorRegistry()
    telemetry = PrometheusTelemetry(registry)
    limits = job_limits(settings)
    async with build_worker(settings, telemetry) as parts:
        queue = parts.queue
        counters = WorkerCounters(registry)
        worker = Worker(
            queue, [("identify", job_function(parts.identifier.identify, limits.heartbeat,
                                              parts.links_in, counters.finished))],
            concurrency=jobs_at_once(settings), dequeue_timeout=1.0,
            # A dead worker's job is found within a heartbeat or two.
            timers=PartialTimersDict(sweep=limits.heartbeat, abort=1, schedule=1,
                                     worker_info=limits.heartbeat),
            # On SIGTERM a job has this long to finish; then saq gives it back to the queue.
            shutdown_grace_period_s=round(settings.shutdown_grace))
        worker.SIGNALS = []  # this process's signal handlers stop it, below
        metrics = QueueMetrics(queue, registry)
        counters.watch(queue)

        async def ready() -> dict[str, bool]:
            return {"storage": await parts.database.ping(), "redis": await ping(queue)}

        web = WebServer(host=settings.http_host, port=settings.worker_http_port,
                        registry=registry, readiness=ready)
        cookies = SharedCoolDowns(parts.fetcher.cookies, queue.redis,
                                  f"stash:{settings.redis_queue}")
        with quiet_upkeep(queue.outage):  # one line per Redis outage, not a traceback a second
            async with web, metrics, cookies:
                task = asyncio.create_task(worker.start(), name="saq worker")
                log.info("Stash worker is running: %d at once (up to %d jobs taken, the rest "
                         "waiting for Shazam), queue %s; web server on %s:%s",
                         settings.worker_concurrency, jobs_at_once(settings),
                         settings.redis_queue, settings.http_host, web.port)
                stopped = asyncio.create_task(stop.wait())
                await asyncio.wait([task, stopped], return_when=asyncio.FIRST_COMPLETED)
                log.info("stopping")
                await worker.stop()
                stopped.cancel()
                await asyncio.gather(task, stopped, return_exceptions=True)
    return 0
