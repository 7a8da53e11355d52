"""Prometheus metrics: what broke, where, and how much is under way."""

from adapters.metrics.instrument import instrument
from adapters.metrics.prometheus import PrometheusTelemetry, StateCollector

__all__ = ["PrometheusTelemetry", "StateCollector", "instrument"]
