"""A herd: many people share one link at once through the Telegram stand-in with its flood
limits on. Everyone is answered and added once, however often Telegram says "retry after"."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from adapters.telegram import MessagePacing
from core.models import UserKey
from sandbox.telegram import FloodLimits
from tests.e2e.worlds import ADDED, FIRST_ID, HERD, answered, herd_shares
from tests.telegram_helpers import running_bot
from tests.worlds import REEL

# Telegram's bot-wide limit is about 30 messages a second; a third of it keeps the test short
# while the herd still needs several seconds of the bot's budget.
TELEGRAM_RATE = 10.0


@pytest.mark.parametrize("our_rate", [0.95 * TELEGRAM_RATE, 3 * TELEGRAM_RATE],
                         ids=["budget-under-telegram", "budget-too-generous"])
async def test_every_person_in_a_herd_is_answered_and_added_once_under_flood_control(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, our_rate: float) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    flood = FloodLimits(global_per_second=TELEGRAM_RATE)
    pacing = MessagePacing(bot_per_second=our_rate)
    async with running_bot(tmp_path, flood=flood, pacing=pacing) as bot:
        people = range(FIRST_ID, FIRST_ID + HERD)
        sent = await herd_shares(bot, people)
        await bot.tg.wait_for(lambda: all(answered(bot, u, sent[u]) for u in people), timeout=60)

        for user_id in people:  # one message each, replying to theirs, showing the result
            [status] = bot.bot_messages(user_id)
            assert (status.reply_to, status.text) == (sent[user_id], ADDED)
        added = Counter(user for user, _ in bot.playlists.added)
        assert added == Counter({UserKey("telegram", str(u)): 1 for u in people})
        assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]
        # Intermediate stages coalesced under load: each person saw a first message and the
        # result, or only the result (those still waiting for a turn when it was known).
        shown = [len(bot.bot_messages(u)[0].history) for u in people]
        assert sum(shown) <= 2 * HERD
        assert shown.count(1) >= HERD // 3
        assert bot.tg.world().flood.paid == 0  # paid broadcasts are an operator's opt-in


async def test_with_paid_broadcasts_on_a_herd_has_its_first_messages_at_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    flood = FloodLimits(global_per_second=TELEGRAM_RATE)
    pacing = MessagePacing(bot_per_second=0.95 * TELEGRAM_RATE, paid_per_second=100)
    async with running_bot(tmp_path, flood=flood, pacing=pacing) as bot:
        people = range(FIRST_ID, FIRST_ID + HERD)
        sent = await herd_shares(bot, people, first_messages=HERD)
        await bot.tg.wait_for(lambda: all(answered(bot, u, sent[u]) for u in people), timeout=60)

        # Past the free second's worth, the first messages were paid for; results and other
        # edits never are (Telegram has no paid edits), and nobody was refused.
        flagged = [c.method for c in bot.tg.calls if c.params.get("allow_paid_broadcast")]
        assert flagged == ["sendmessage"] * bot.tg.world().flood.paid
        assert len(flagged) >= HERD - TELEGRAM_RATE
        assert bot.tg.flood_waits == 0
        added = Counter(user for user, _ in bot.playlists.added)
        assert added == Counter({UserKey("telegram", str(u)): 1 for u in people})
