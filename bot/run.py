"""`stash run`: every front that has a token, the web server, metrics, until a signal."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from urllib.parse import urlsplit

from prometheus_client import CollectorRegistry, Counter

from adapters.metrics import PrometheusTelemetry, StateCollector
from adapters.running import stop_on_signals
from adapters.web.server import WebServer
from bot.bootstrap import FrontParts, build_front
from bot.collector import tune_collector
from bot.fronts import Front, build_fronts, choose_fronts
from bot.parts import redirect_uri
from bot.settings import Settings

log = logging.getLogger(__name__)


async def run(settings: Settings, stop: asyncio.Event | None = None,
              fronts_asked: str | None = None) -> int:
    """Serve until SIGINT/SIGTERM (or `stop` is set); 0 on a clean stop. `fronts_asked`:
    `--fronts`, e.g. "telegram,web" (default: every front that has a token, and web)."""
    chosen = choose_fronts(settings, fronts_asked)
    stop = stop or stop_on_signals()
    registry = CollectorRegistry()
    telemetry = PrometheusTelemetry(registry)
    async with build_front(settings, telemetry, on_pruned=count_pruned(registry)) as parts, \
            AsyncExitStack() as stack:
        fronts = build_fronts(settings, parts, chosen)
        registry.register(_state(parts, fronts))
        if parts.jobs is not None:  # distributed mode: the queue's depth and workers, seen here
            from adapters.jobs.metrics import QueueMetrics

            await stack.enter_async_context(QueueMetrics(parts.jobs.queue, registry))
        web = WebServer(host=settings.http_host, port=settings.http_port,
                        connecting=parts.connecting,
                        callback_path=_callback_path(settings), registry=registry,
                        readiness=readiness(parts, fronts))
        for front in fronts.values():
            front.mount(web.app)
        # The web server first: Telegram may post to its webhook as soon as that is set.
        if "web" in chosen:
            await stack.enter_async_context(web)
        # Each front, once it runs, finishes the shares a stopped process left (Stash.resume).
        parts.stash.count_resumed(count_resumed(registry))
        for front in fronts.values():
            await stack.enter_async_context(front.runner)
        # Whatever ends the run, the shares on record are left to the next process before the
        # fronts stop (after a signal, hand_over below has done it already).
        stack.push_async_callback(parts.stash.hand_over, 0.0)
        tune_collector()  # the fronts are up: what start-up built is scanned no more
        log.info("Stash is running: %s; %s", ", ".join(sorted(fronts)) or "no chat front",
                 f"web server on {settings.http_host}:{web.port}" if "web" in chosen
                 else "no web server")
        await stop.wait()
        log.info("stopping: shares in hand have %gs to finish", settings.shutdown_grace)
        for front in fronts.values():
            await front.pause()
        await parts.stash.hand_over(settings.shutdown_grace)
    return 0


def count_pruned(registry: CollectorRegistry) -> Callable[[str, int], None]:
    """Housekeeping's deletions as the stash_storage_pruned_rows_total{table} counter."""
    pruned = Counter("stash_storage_pruned_rows", "Rows housekeeping deleted, by table",
                     ["table"], registry=registry)
    return lambda table, count: pruned.labels(table).inc(count)


def count_resumed(registry: CollectorRegistry) -> Callable[[str, str], None]:
    """Shares taken over from a stopped process, as stash_shares_resumed_total{front,result}."""
    resumed = Counter("stash_shares_resumed", "Shares left by a stopped process and taken over "
                      "here: finished, too_old (answered 'send it again'), gone, failed or"
                      " taken_over (finished by yet another process)",
                      ["front", "result"], registry=registry)
    return lambda front, result: resumed.labels(front, result).inc()


def _callback_path(settings: Settings) -> str:
    return urlsplit(redirect_uri(settings)).path or "/spotify/callback"


def _state(parts: FrontParts, fronts: dict[str, Front]) -> StateCollector:
    return StateCollector(
        in_flight=lambda: parts.stash.flights.in_flight,
        started=lambda: parts.stash.flights.started,
        coalesced=lambda: parts.stash.flights.coalesced,
        budget_waiting=lambda: parts.budget.waiting,
        cookies=lambda: {i: s.state for i, s in parts.fetcher.cookies.state().items()},
        fronts={name: front.connected for name, front in fronts.items()},
        storage_up=lambda: parts.database.answering,
    )


def readiness(parts: FrontParts, fronts: dict[str, Front]
              ) -> Callable[[], Awaitable[dict[str, bool]]]:
    async def ready() -> dict[str, bool]:
        checks = {"storage": await parts.database.ping()}
        if parts.jobs is not None:
            checks["redis"] = await parts.jobs.reachable()
        checks.update({name: front.connected() for name, front in fronts.items()})
        return checks

    return ready
