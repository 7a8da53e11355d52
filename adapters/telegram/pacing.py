"""Per-chat pacing of bot messages, so status edits stay under Telegram's flood limits."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Sleep = Callable[[float], Awaitable[None]]


async def wait_first(*waits: Awaitable[object]) -> None:
    """Wait until the first of `waits` is over; the others are cancelled."""
    waiters = {asyncio.ensure_future(wait) for wait in waits}
    try:
        await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter

# Chats whose allowance is full again are forgotten once this many are tracked (and then only
# when the count has doubled since the last sweep, so the sweeps cost O(1) per message).
_PRUNE_AT = 1024


@dataclass(frozen=True)
class Pacing:
    """How fast Stash writes; clock and sleep are injectable so tests run fast.

    A chat has a small burst allowance that refills at one message per interval: Telegram lets
    short bursts through and asks for about one message a second in a private chat and twenty a
    minute in a group. Across all chats a bot may send about 30 messages a second.
    """

    private_interval: float = 1.0  # 0: no per-chat pacing (tests)
    group_interval: float = 3.0
    attempts: int = 5  # network failures before one message is given up
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)
    sleep: Sleep = field(default=asyncio.sleep, compare=False)
    private_burst: int = 3
    group_burst: int = 3
    # Telegram's bot-wide limit is about 30 a second; a little under it leaves room for the
    # jitter between granting a turn here and the request reaching Telegram.
    bot_per_second: float = 29.0  # 0: no bot-wide limit (a local Bot API server, benchmarks)
    max_flood_wait: float = 900.0  # flood waits for one message before it is given up


@dataclass
class _Allowance:
    tokens: float
    stamp: float  # when `tokens` was counted (in the future while Telegram holds the chat)


class ChatPacer:
    """Per-chat message allowances; a flood wait holds a chat until Telegram lets it write."""

    def __init__(self, pacing: Pacing) -> None:
        self.pacing = pacing
        self._chats: dict[int, _Allowance] = {}
        self._prune_at = _PRUNE_AT
        self.sweeps = 0  # how often the bookkeeping was swept (it stays linear)

    def delay(self, chat_id: int, private: bool, reserve: int = 0) -> float:
        """Seconds until the chat may have a message while keeping `reserve` for later ones."""
        burst, interval = self._shape(private)
        allowance = self._chats.get(chat_id)
        if allowance is None:
            return 0.0
        now = self.pacing.clock()
        tokens = self._refilled(allowance, now, burst, interval)
        held = max(0.0, allowance.stamp - now)
        missing = min(reserve + 1, burst) - tokens
        # The tolerance keeps float rounding from asking for sleeps too short to move a clock.
        return held + (missing * interval if missing > 1e-6 else 0.0)

    def take(self, chat_id: int, private: bool) -> None:
        """A message is going to the chat now."""
        burst, interval = self._shape(private)
        now = self.pacing.clock()
        allowance = self._chats.get(chat_id)
        if allowance is None:
            self._prune(now)
            allowance = self._chats[chat_id] = _Allowance(float(burst), now)
        allowance.tokens = self._refilled(allowance, now, burst, interval) - 1
        allowance.stamp = max(allowance.stamp, now)

    async def turn(self, chat_id: int, private: bool) -> None:
        """Wait until the chat may have a message, and count it."""
        while (wait := self.delay(chat_id, private)) > 0:
            await self.pacing.sleep(wait)
        self.take(chat_id, private)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait: one message in this chat after `seconds`, then the interval."""
        until = self.pacing.clock() + seconds
        allowance = self._chats.get(chat_id)
        if allowance is None or allowance.stamp < until:
            self._chats[chat_id] = _Allowance(1.0, until)

    def __len__(self) -> int:
        return len(self._chats)

    def _shape(self, private: bool) -> tuple[int, float]:
        pacing = self.pacing
        if private:
            return max(1, pacing.private_burst), pacing.private_interval
        return max(1, pacing.group_burst), pacing.group_interval

    @staticmethod
    def _refilled(allowance: _Allowance, now: float, burst: int, interval: float) -> float:
        if now <= allowance.stamp:
            return allowance.tokens
        if interval <= 0:
            return float(burst)
        return min(float(burst), allowance.tokens + (now - allowance.stamp) / interval)

    def _prune(self, now: float) -> None:
        if len(self._chats) < self._prune_at:
            return
        pacing = self.pacing
        longest = max(pacing.private_interval * pacing.private_burst,
                      pacing.group_interval * pacing.group_burst)
        self.sweeps += 1
        # A chat whose last message is a full allowance ago is as good as new.
        self._chats = {chat: a for chat, a in self._chats.items() if a.stamp + longest > now}
        self._prune_at = max(_PRUNE_AT, 2 * len(self._chats))
