"""Per-chat pacing of bot messages, so status edits stay under Telegram's flood limits."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

Sleep = Callable[[float], Awaitable[None]]

# Past this many chats the bookkeeping of turns already over is dropped.
_PRUNE_AT = 1024


@dataclass(frozen=True)
class Pacing:
    """How far apart one chat's edits go; clock and sleep are injectable so tests run fast."""

    private_interval: float = 1.0
    group_interval: float = 3.0  # Telegram allows about 20 messages a minute in a group
    attempts: int = 5  # network failures or flood waits before one message is given up
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)
    sleep: Sleep = field(default=asyncio.sleep, compare=False)


class ChatPacer:
    """Hands out edit turns per chat, spaced by the pacing interval; flood waits hold a chat."""

    def __init__(self, pacing: Pacing) -> None:
        self.pacing = pacing
        self._next: dict[int, float] = {}

    async def turn(self, chat_id: int, private: bool) -> None:
        """Wait for this chat's next turn (turns are reserved in the order they are asked for)."""
        pacing = self.pacing
        now = pacing.clock()
        start = max(now, self._next.get(chat_id, now))
        interval = pacing.private_interval if private else pacing.group_interval
        self._next[chat_id] = start + interval
        self._prune(now)
        if start > now:
            await pacing.sleep(start - now)

    def hold(self, chat_id: int, seconds: float) -> None:
        """Telegram asked to wait: no turn in this chat for `seconds`."""
        until = self.pacing.clock() + seconds
        self._next[chat_id] = max(self._next.get(chat_id, until), until)

    def _prune(self, now: float) -> None:
        if len(self._next) > _PRUNE_AT:
            self._next = {chat: at for chat, at in self._next.items() if at > now}
