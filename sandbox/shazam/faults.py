"""Fault modes of the Shazam stand-in: what the next requests suffer, and a rate limiter."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Faults:
    """Queued failures (each count drains one per request), a delay and an optional limiter."""

    rate_limited: int = 0
    rate_limited_retry_ms: int = 10_000
    server_errors: int = 0
    server_error_status: int = 503
    non_json: int = 0
    delay: float = 0.0
    per_minute: int | None = None
    window_seconds: float = 60.0  # the limiter's rolling window; shorter ones speed tests up
    clock: Callable[[], float] = time.monotonic  # tests move time without waiting a minute
    _accepted: deque[float] = field(default_factory=deque)

    def next_failure(self) -> str | None:
        """The failure this request suffers, if any: "429", "5xx" or "non-json"."""
        if self.rate_limited > 0:
            self.rate_limited -= 1
            return "429"
        if self.server_errors > 0:
            self.server_errors -= 1
            return "5xx"
        if self.non_json > 0:
            self.non_json -= 1
            return "non-json"
        return "429" if self._over_rate_limit() else None

    def _over_rate_limit(self) -> bool:
        """The rolling-window limiter; only requests it lets through count against it."""
        if self.per_minute is None:
            return False
        now = self.clock()
        while self._accepted and now - self._accepted[0] >= self.window_seconds:
            self._accepted.popleft()
        if len(self._accepted) >= self.per_minute:
            return True
        self._accepted.append(now)
        return False
