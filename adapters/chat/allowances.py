"""Per-chat message allowances: a token bucket per chat or channel, for both fronts."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

# Chats whose allowance is full again are forgotten once this many are tracked (and then only
# when the count has doubled since the last sweep, so the sweeps cost O(1) per message), and at
# the first new chat a full allowance after the last sweep, so a herd's chats do not outlive it.
_PRUNE_AT = 1024


@dataclass
class _Allowance:
    tokens: float
    stamp: float  # when `tokens` was counted (in the future while the chat is held)


class Allowances:
    """A burst of messages per chat, refilled at one per interval; a hold (a flood wait the
    platform asked for) keeps a chat until then, and lets one message through after it."""

    def __init__(self, clock: Callable[[], float], full_after: Callable[[], float]) -> None:
        self._clock = clock
        self._full_after = full_after  # seconds after which any chat's allowance is full
        self._chats: dict[int, _Allowance] = {}
        self._prune_at = _PRUNE_AT
        self._swept = clock()
        self.sweeps = 0  # how often the bookkeeping was swept (it stays linear)

    def delay(self, chat_id: int, burst: int, interval: float, reserve: int = 0) -> float:
        """Seconds until the chat may have a message while keeping `reserve` for later ones."""
        allowance = self._chats.get(chat_id)
        if allowance is None:
            return 0.0
        now = self._clock()
        tokens = _refilled(allowance, now, burst, interval)
        held = max(0.0, allowance.stamp - now)
        missing = min(reserve + 1, burst) - tokens
        # The tolerance keeps float rounding from asking for sleeps too short to move a clock.
        return held + (missing * interval if missing > 1e-6 else 0.0)

    def take(self, chat_id: int, burst: int, interval: float) -> None:
        """A message is going to the chat now."""
        now = self._clock()
        allowance = self._chats.get(chat_id)
        if allowance is None:
            self._prune(now)
            allowance = self._chats[chat_id] = _Allowance(float(burst), now)
        allowance.tokens = _refilled(allowance, now, burst, interval) - 1
        allowance.stamp = max(allowance.stamp, now)

    def hold(self, chat_id: int, seconds: float) -> None:
        """The platform asked to wait: one message in this chat after `seconds`."""
        until = self._clock() + seconds
        allowance = self._chats.get(chat_id)
        if allowance is None or allowance.stamp < until:
            self._chats[chat_id] = _Allowance(1.0, until)

    def __len__(self) -> int:
        return len(self._chats)

    def _prune(self, now: float) -> None:
        full = self._full_after()
        if len(self._chats) < self._prune_at and not (self._chats and now - self._swept > full):
            return
        self.sweeps, self._swept = self.sweeps + 1, now
        # A chat whose last message is a full allowance ago is as good as new.
        self._chats = {chat: a for chat, a in self._chats.items() if a.stamp + full > now}
        self._prune_at = max(_PRUNE_AT, 2 * len(self._chats))


def _refilled(allowance: _Allowance, now: float, burst: int, interval: float) -> float:
    if now <= allowance.stamp:
        return allowance.tokens
    if interval <= 0:
        return float(burst)
    return min(float(burst), allowance.tokens + (now - allowance.stamp) / interval)


async def wait_first(*waits: Awaitable[object]) -> None:
    """Wait until the first of `waits` is over (a pace's sleep, or a newer view); the others
    are cancelled."""
    waiters = {asyncio.ensure_future(wait) for wait in waits}
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
