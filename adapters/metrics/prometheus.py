"""The Telemetry port on prometheus-client, and a collector for live state. Labels are bounded."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from core.ports import Stage

STAGE_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60)


class PrometheusTelemetry:
    """Shares by platform and outcome, stage durations, cache use, outside calls."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.shares = Counter("stash_shares", "Shares and choices by platform and outcome",
                              ["platform", "outcome", "error"], registry=registry)
        self.stages = Histogram("stash_stage_duration_seconds", "Time spent in each stage",
                                ["stage"], buckets=STAGE_BUCKETS, registry=registry)
        self.cache = Counter("stash_identification_cache", "Identification cache lookups",
                             ["result"], registry=registry)
        self.calls = Counter("stash_outside_calls", "Calls to outside services",
                             ["service", "result", "status"], registry=registry)
        self.hosted_pending = Gauge("stash_hosted_adds_pending",
                                    "Songs waiting for the host account to take them again",
                                    registry=registry)

    def share_finished(self, platform: str, outcome: str, error: str) -> None:
        """Telemetry.share_finished."""
        self.shares.labels(platform, outcome, error).inc()

    def stage_finished(self, stage: Stage, seconds: float) -> None:
        """Telemetry.stage_finished."""
        self.stages.labels(stage.value).observe(seconds)

    def cache_lookup(self, hit: bool) -> None:
        """Telemetry.cache_lookup."""
        self.cache.labels("hit" if hit else "miss").inc()

    def hosted_adds_pending(self, count: int) -> None:
        """How many hosted adds Spotify refused wait to be made."""
        self.hosted_pending.set(count)

    def outside_call(self, service: str, result: str, status: str) -> None:
        """One call to an outside service ended with `result` (ok or an error kind)."""
        self.calls.labels(service, result, status).inc()


class StateCollector(Collector):
    """Reads live state at scrape time: flights, the Shazam budget, cookies, fronts."""

    def __init__(self, *, in_flight: Callable[[], int], started: Callable[[], int],
                 coalesced: Callable[[], int], budget_waiting: Callable[[], int] | None = None,
                 cookies: Callable[[], Mapping[int, str]] | None = None,
                 fronts: Mapping[str, Callable[[], bool]] | None = None,
                 storage_up: Callable[[], bool] | None = None) -> None:
        self._in_flight = in_flight
        self._storage_up = storage_up
        self._started = started
        self._coalesced = coalesced
        self._budget_waiting = budget_waiting
        self._cookies = cookies
        self._fronts = fronts or {}

    def collect(self) -> Iterable[Metric]:
        """The current values."""
        yield GaugeMetricFamily("stash_identifications_in_flight",
                                "Identifications running now", value=self._in_flight())
        yield CounterMetricFamily("stash_identifications_started",
                                  "Identifications started (each serves every share of its link)",
                                  value=self._started())
        yield CounterMetricFamily("stash_coalesced_waiters",
                                  "Shares that waited on an identification already under way",
                                  value=self._coalesced())
        if self._budget_waiting is not None:
            yield GaugeMetricFamily("stash_shazam_budget_waiting",
                                    "Recognitions waiting for Shazam's request budget",
                                    value=self._budget_waiting())
        if self._cookies is not None:
            pool = GaugeMetricFamily("stash_cookie_set_state",
                                     "Cookie sets by index, 1 for their current state",
                                     labels=["index", "state"])
            for index, state in sorted(self._cookies().items()):
                for name in ("ready", "cooling", "bad"):
                    pool.add_metric([str(index), name], 1.0 if state == name else 0.0)
            yield pool
        if self._storage_up is not None:
            yield GaugeMetricFamily("stash_storage_up", "1 when the database answered the last"
                                    " time it was asked", value=1.0 if self._storage_up() else 0.0)
        fronts = GaugeMetricFamily("stash_front_connected", "1 when a chat front is connected",
                                   labels=["front"])
        for name, connected in sorted(self._fronts.items()):
            fronts.add_metric([name], 1.0 if connected() else 0.0)
        yield fronts
