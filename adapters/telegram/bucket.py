"""The token bucket under the bot-wide budget (budget.py): a second's worth of messages, each
token back only once Telegram has the message."""

from __future__ import annotations

from collections.abc import Callable


class TokenBucket:
    """A token bucket holding a second's worth of messages. Telegram counts a message when it
    arrives, which may be as late as its answer: so a token comes back only from then (`landed`),
    or a burst slow on the way would arrive bunched up with the next, over a second's worth."""

    def __init__(self, per_second: float, clock: Callable[[], float]) -> None:
        self.per_second = per_second
        self.capacity = max(1.0, per_second)
        self._clock = clock
        self._tokens = self.capacity
        self._stamp = clock()
        self._flying = 0  # tokens spent on messages not answered yet

    def wait(self, needed: float) -> float:
        """Seconds until `needed` tokens are there (0: now)."""
        if self.per_second <= 0:
            return 0.0
        self._refill()
        # The tolerance keeps float rounding from asking for sleeps too short to move a clock.
        missing = needed - (self._tokens - self._flying)
        return 0.0 if missing < 1e-6 else missing / self.per_second

    def spend(self) -> None:
        self._flying += 1

    def landed(self) -> None:
        """A message spent here was answered (or failed, or never went)."""
        if self._flying:
            self._refill()
            self._flying -= 1
            self._tokens = max(0.0, self._tokens - 1)

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._stamp) * self.per_second)
        self._stamp = now
