"""Per-chat pacing of bot messages, so status edits stay under Telegram's flood limits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from adapters.chat.allowances import Allowances, wait_first

__all__ = ["ChatPacer", "MessagePacing", "Sleep", "wait_first"]

Sleep = Callable[[float], Awaitable[None]]


@dataclass(frozen=True)
class MessagePacing:
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
    # Paid messages a second (allow_paid_broadcast, a fee in Stars each) for new messages when
    # the free rate is spent: an operator's opt-in, 0 (never) by default.
    paid_per_second: float = 0.0


class ChatPacer:
    """Per-chat message allowances, shaped by the kind of chat; a flood wait holds a chat until
    Telegram lets it write."""

    def __init__(self, pacing: MessagePacing) -> None:
        self.pacing = pacing
        self._allowances = Allowances(pacing.clock, lambda: max(
            pacing.private_interval * pacing.private_burst,
            pacing.group_interval * pacing.group_burst))

    @property
    def sweeps(self) -> int:
        """How often the bookkeeping was swept (it stays linear)."""
        return self._allowances.sweeps

    def delay(self, chat_id: int, private: bool, reserve: int = 0) -> float:
        """Seconds until the chat may have a message while keeping `reserve` for later ones."""
        return self._allowances.delay(chat_id, *self._shape(private), reserve)

    def take(self, chat_id: int, private: bool) -> None:
        """A message is going to the chat now."""
        self._allowances.take(chat_id, *self._shape(private))

    async def turn(self, chat_id: int, private: bool) -> None:
        """Wait until the chat may have a message, and count it."""
        while (wait := self.delay(chat_id, private)) > 0:
            await self.pacing.sleep(wait)
        self.take(chat_id, private)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait: one message in this chat after `seconds`, then the interval."""
        self._allowances.hold(chat_id, seconds)

    def __len__(self) -> int:
        return len(self._allowances)

    def _shape(self, private: bool) -> tuple[int, float]:
        pacing = self.pacing
        if private:
            return max(1, pacing.private_burst), pacing.private_interval
        return max(1, pacing.group_burst), pacing.group_interval
