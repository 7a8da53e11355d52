"""An expiring cache: a few values held in memory for a while, by key (a TTL cache)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class ExpiringCache(Generic[T]):
    """Values that expire after `seconds`; past `size` of them, the oldest goes first."""

    def __init__(self, size: int, seconds: float, clock: Callable[[], float]) -> None:
        self.size, self.seconds, self._clock = size, seconds, clock
        self._values: dict[str, tuple[float, T]] = {}

    def get(self, key: str) -> T | None:
        """The value under `key`, unless it expired."""
        held = self._values.get(key)
        return held[1] if held is not None and held[0] > self._clock() else None

    def put(self, key: str, value: T) -> None:
        """Keep `value` for `seconds` from now."""
        now = self._clock()
        for old in [k for k, (until, _) in self._values.items() if until <= now]:
            del self._values[old]
        if len(self._values) >= self.size:
            del self._values[next(iter(self._values))]
        self._values[key] = (now + self.seconds, value)

    def drop(self, key: str) -> None:
        """Forget the value under `key`, if any."""
        self._values.pop(key, None)
