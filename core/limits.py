"""A per-person sliding-window limit on shares, so one person cannot flood the pipeline."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

from core.models import UserKey

# Past this many people tracked, the ones whose minute is over are dropped (and then again
# only when the count has doubled since, so the sweeps cost O(1) per share).
PRUNE_AT = 1024


class ShareLimiter:
    """At most `per_minute` links per person in any 60 seconds."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self._clock = clock
        self._recent: dict[UserKey, deque[float]] = {}
        self._prune_at = PRUNE_AT
        self.sweeps = 0

    def admit(self, user: UserKey, wanted: int) -> int:
        """How many of `wanted` links the person may share now (they are counted)."""
        now = self._clock()
        if len(self._recent) >= self._prune_at:
            self._prune(now)
        recent = self._recent.setdefault(user, deque())
        while recent and recent[0] <= now - 60:
            recent.popleft()
        allowed = max(0, min(wanted, self.per_minute - len(recent)))
        recent.extend([now] * allowed)
        if not recent:
            del self._recent[user]
        return allowed

    def _prune(self, now: float) -> None:
        """Forget everyone whose last share is over a minute old."""
        self.sweeps += 1
        for user in [u for u, times in self._recent.items() if times[-1] <= now - 60]:
            del self._recent[user]
        self._prune_at = max(PRUNE_AT, 2 * len(self._recent))

    def __len__(self) -> int:
        return len(self._recent)
