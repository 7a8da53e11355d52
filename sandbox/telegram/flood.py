"""Flood control: Telegram's per-chat and per-bot message limits, plus forced 429s."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

EDIT_METHODS = frozenset({"editmessagetext", "editmessagereplymarkup", "editmessagecaption"})
SEND_METHODS = frozenset({"sendmessage", "sendphoto", "sendvideo", "senddocument", "sendaudio"})


@dataclass(frozen=True)
class FloodLimits:
    """Token buckets per chat; sends and edits both spend a token.

    Telegram asks for about one message a second in a private chat (short bursts pass) and
    at most 20 a minute in a group, and about 30 a second across all chats of one bot. A new
    message sent with `allow_paid_broadcast` (a fee in Stars) is not held to the 30 a second
    but to the paid limit of 1,000 a second; without it, a message over the 30 is refused.
    """

    private_burst: int = 10
    private_per_second: float = 1.0
    group_burst: int = 20
    group_per_second: float = 20 / 60
    global_per_second: float = 30.0
    enabled: bool = True
    paid_per_second: float = 1000.0


@dataclass
class _Bucket:
    capacity: float
    rate: float
    tokens: float
    stamp: float

    def wait(self, now: float) -> float:
        """Seconds until a token is free (0 when one is free now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        return 0.0 if self.tokens >= 1 else (1 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1


@dataclass
class _Forced:
    remaining: int = 0
    retry_after: int = 5
    methods: frozenset[str] = EDIT_METHODS


@dataclass
class FloodControl:
    """Decides whether a send or edit in a chat passes or gets "retry after N"."""

    limits: FloodLimits = field(default_factory=FloodLimits)
    clock: Callable[[], float] = time.monotonic
    _chats: dict[int, _Bucket] = field(default_factory=dict)
    _global: _Bucket | None = None
    _paid: _Bucket | None = None
    _forced: _Forced = field(default_factory=_Forced)
    paid: int = 0  # messages sent with allow_paid_broadcast (each would cost Stars)

    def force(self, count: int, retry_after: int, methods: frozenset[str]) -> None:
        """Answer the next `count` calls of `methods` with 429 retry_after."""
        self._forced = _Forced(count, retry_after, frozenset(m.lower() for m in methods))

    def check(self, method: str, chat_id: int, is_private: bool, paid: bool = False
              ) -> int | None:
        """None when the call may go through (a token is spent), else the retry_after.
        `paid`: a send with allow_paid_broadcast, held to the paid limit instead of the bot's."""
        forced = self._forced
        if forced.remaining > 0 and method in forced.methods:
            forced.remaining -= 1
            return forced.retry_after
        paid = paid and method in SEND_METHODS  # edits cannot be paid for
        if not self.limits.enabled:
            self.paid += paid
            return None
        now = self.clock()
        overall = self._paid_bucket(now) if paid else self._global_bucket(now)
        buckets = (self._chat_bucket(chat_id, is_private, now), overall)
        wait = max(bucket.wait(now) for bucket in buckets)
        if wait > 0:
            return max(1, math.ceil(wait))
        for bucket in buckets:
            bucket.take()
        self.paid += paid
        return None

    def _chat_bucket(self, chat_id: int, is_private: bool, now: float) -> _Bucket:
        if chat_id not in self._chats:
            limits = self.limits
            burst = limits.private_burst if is_private else limits.group_burst
            rate = limits.private_per_second if is_private else limits.group_per_second
            self._chats[chat_id] = _Bucket(burst, rate, burst, now)
        return self._chats[chat_id]

    def _paid_bucket(self, now: float) -> _Bucket:
        if self._paid is None:
            rate = self.limits.paid_per_second
            self._paid = _Bucket(rate, rate, rate, now)
        return self._paid

    def _global_bucket(self, now: float) -> _Bucket:
        if self._global is None:
            rate = self.limits.global_per_second
            self._global = _Bucket(rate, rate, rate, now)
        return self._global
