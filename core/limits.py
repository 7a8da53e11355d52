"""A per-person sliding-window limit on shares, so one person cannot flood the pipeline."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from core.models import UserKey

# Past this many people tracked, the ones whose minute is over are dropped (and then again
# only when the count has doubled since, so the sweeps cost O(1) per share); and at the first
# share a minute after the last sweep, so a herd's bookkeeping does not outlive it.
PRUNE_AT = 1024
WINDOW = 60.0


class ShareLimiter:
    """At most `per_minute` links per person in any 60 seconds."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._recent: dict[UserKey, deque[float]] = {}
        self._prune_at = PRUNE_AT
        self._swept = self._clock()
        self.sweeps = 0

    def admit(self, user: UserKey, wanted: int) -> int:
        """How many of `wanted` links the person may share now (they are counted)."""
        now = self._clock()
        if len(self._recent) >= self._prune_at or (self._recent and now - self._swept > WINDOW):
            self._prune(now)
        recent = self._recent.setdefault(user, deque())
        while recent and recent[0] <= now - WINDOW:
            recent.popleft()
        allowed = max(0, min(wanted, self.per_minute - len(recent)))
        recent.extend([now] * allowed)
        if not recent:
            del self._recent[user]
        return allowed

    def _prune(self, now: float) -> None:
        """Forget everyone whose last share is over a minute old."""
        self.sweeps, self._swept = self.sweeps + 1, now
        for user in [u for u, times in self._recent.items() if times[-1] <= now - WINDOW]:
            del self._recent[user]
        self._prune_at = max(PRUNE_AT, 2 * len(self._recent))

    def __len__(self) -> int:
        return len(self._recent)
