"""The bot-wide budget against Telegram's own count, the stand-in's flood control on one clock:
Telegram counts a message when it arrives, not when Stash lets it go."""

from __future__ import annotations

import asyncio

from adapters.telegram.budget import BotBudget
from sandbox.telegram import FloodLimits
from sandbox.telegram.flood import FloodControl
from tests.fakes import Clock, Ticks, settle


async def test_a_burst_slow_to_arrive_does_not_bunch_up_at_telegram_with_the_next_messages(
        ) -> None:
    clock = Clock(0.0)
    ticks = Ticks(clock)
    telegram = FloodControl(FloodLimits(global_per_second=10), clock=clock)
    budget = BotBudget(9.5, clock, ticks.sleep)  # a little under Telegram's rate, as in use
    refused: list[int] = []

    def arrives(chat: int) -> None:
        """The message reaches Telegram, and Telegram's answer reaches Stash."""
        if telegram.check("sendmessage", chat, is_private=True) is not None:
            refused.append(chat)
        budget.release()

    await asyncio.gather(*(budget.ticket(urgent=True) for _ in range(9)))  # a second's worth
    clock.now = 0.03
    arrives(1)  # the first of the burst arrives at once
    clock.now = 0.2
    for chat in range(2, 10):  # the others were slow on the way (new connections, a busy CPU)
        arrives(chat)
    for chat in range(10, 20):  # the next ones go when the budget lets them, and arrive at once
        ticket = budget.ticket(urgent=True)
        await settle()
        while not ticket.granted.done():
            await ticks.wake()
        arrives(chat)
    assert refused == []  # Telegram answered no message "retry after"
