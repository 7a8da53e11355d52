"""The status editor: stages coalesce, edits are paced per chat, flood waits are waited out."""

from __future__ import annotations

import asyncio
import itertools
import warnings
from collections.abc import Callable

import pytest
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.warnings import PTBDeprecationWarning

from adapters.telegram.deps import Deps
from adapters.telegram.pacing import ChatPacer, MessagePacing
from adapters.telegram.sending import Sender, retry_seconds
from adapters.telegram.shares import Shares
from adapters.telegram.status import StatusMessage, View
from core.models import KeptShare, UserKey
from core.ports import Stage
from tests.telegram_helpers import FakeBot, Sleeps, edited, status_for


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


async def until(predicate: Callable[[], object]) -> None:
    """Let the status task run until `predicate()` holds."""
    for _ in range(1000):
        if predicate():
            return
        await asyncio.sleep(0)
    raise AssertionError("condition never held")


async def test_stages_reported_at_once_coalesce_to_the_latest() -> None:
    status, bot, _ = status_for()
    await status.stage(Stage.DOWNLOADING)
    await status.stage(Stage.LISTENING)
    await status.stage(Stage.SEARCHING)
    await status.finish("Added ✓")
    assert [text for _, text in bot.edits] == ["Added ✓"]


@pytest.mark.parametrize(("private", "spacing"), [(True, 1.0), (False, 3.0)])
async def test_stages_are_paced_but_keep_a_message_in_hand_for_the_result(
        private: bool, spacing: float) -> None:
    status, bot, _ = status_for(private)
    for n, stage in enumerate((Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING), start=1):
        await status.stage(stage)
        await edited(bot, n)
    await status.finish("Added ✓")
    times = [at for at, _ in bot.edits]
    # A burst of three: two stages at once, the third a pace later, and the result at once.
    assert [round(b - a, 6) for a, b in itertools.pairwise(times)] == [0.0, spacing, 0.0]
    assert bot.edits[-1][1] == "Added ✓"


async def test_a_result_is_not_held_back_by_the_pace_of_a_quiet_chat() -> None:
    sleeps = Sleeps()
    bot = FakeBot(sleeps)
    sender = Sender(bot, ChatPacer(MessagePacing(clock=sleeps.clock, sleep=sleeps)))  # type: ignore[arg-type]
    status = StatusMessage.start(sender, 7, "Got it", private=True, reply_to=3)
    await until(lambda: bot.sent)
    await status.stage(Stage.DOWNLOADING)
    await edited(bot, 1)
    await status.finish("Added ✓")
    assert bot.sent == ["Got it"]
    assert bot.edits == [(1000.0, "Downloading audio…"), (1000.0, "Added ✓")]
    assert sleeps.asked == []


async def test_a_result_ready_before_the_first_message_went_out_is_the_first_message() -> None:
    sleeps = Sleeps()
    bot = FakeBot(sleeps)
    pacer = ChatPacer(MessagePacing(clock=sleeps.clock, sleep=sleeps))
    sender = Sender(bot, pacer)  # type: ignore[arg-type]
    pacer.hold(7, 5)  # Telegram holds the chat: nothing can be sent for five seconds
    status = StatusMessage.start(sender, 7, "Got it", private=True, reply_to=3)
    await status.stage(Stage.DOWNLOADING)
    await status.finish("Added ✓")
    assert (bot.sent, bot.edits) == (["Added ✓"], [])
    assert status.shown == View("Added ✓")


async def test_an_unchanged_message_is_not_an_error() -> None:
    status, bot, _ = status_for()
    bot.failures = [BadRequest("Message is not modified: specified new message content ...")]
    await status.finish("Added ✓")
    assert (len(bot.edits), bot.sent, status.shown.text) == (1, [], "Added ✓")


async def test_a_flood_wait_is_waited_out_then_the_final_text_lands() -> None:
    status, bot, sleeps = status_for()
    bot.failures = [RetryAfter(4)]
    await status.finish("Added ✓")
    assert sleeps.asked == [4.0]
    assert [text for _, text in bot.edits] == ["Added ✓", "Added ✓"]
    assert bot.edits[1][0] - bot.edits[0][0] == 4.0


async def test_the_newest_view_wins_over_one_refused_by_flood_control() -> None:
    status, bot, _ = status_for()
    bot.failures = [RetryAfter(2)]
    await status.stage(Stage.DOWNLOADING)
    await edited(bot, 1)
    await status.finish("Added ✓")
    assert [text for _, text in bot.edits] == ["Downloading audio…", "Added ✓"]


async def test_network_failures_are_retried() -> None:
    status, bot, _ = status_for()
    bot.failures = [NetworkError("connection reset"), TimedOut()]
    await status.finish("Added ✓")
    assert len(bot.edits) == 3 and status.shown == View("Added ✓")


async def test_a_message_that_cannot_be_edited_gets_the_result_anew() -> None:
    status, bot, _ = status_for()
    bot.failures = [BadRequest("Message to edit not found")]
    await status.finish("Added ✓")
    assert bot.sent == ["Added ✓"]


async def test_stages_after_the_result_are_ignored() -> None:
    status, bot, _ = status_for()
    await status.finish("Added ✓")
    await status.stage(Stage.LISTENING)
    await asyncio.sleep(0)
    assert [text for _, text in bot.edits] == ["Added ✓"]


async def test_a_flood_wait_holds_only_its_own_chat() -> None:
    sleeps = Sleeps()
    pacer = ChatPacer(MessagePacing(1.0, 3.0, clock=sleeps.clock, sleep=sleeps))
    pacer.hold(1, 10)
    await pacer.turn(2, private=True)
    await pacer.turn(1, private=True)
    assert sleeps.asked == [10.0]


def test_retry_after_is_read_without_ptb_timedelta_and_no_warning(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PTB_TIMEDELTA", raising=False)
    with pytest.warns(PTBDeprecationWarning):
        err = RetryAfter(3)  # PTB itself warns here, in the constructor
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert retry_seconds(err) == 3.0


async def test_a_left_share_whose_first_message_never_went_out_is_finished_in_a_new_one(
) -> None:
    sleeps = Sleeps()
    bot = FakeBot(sleeps)
    sender = Sender(bot, ChatPacer(MessagePacing(clock=sleeps.clock, sleep=sleeps)))  # type: ignore[arg-type]
    shares = Shares(Deps(None, None, sender))  # type: ignore[arg-type]
    # Recorded while Telegram still held the first message back: no message id on record.
    kept = KeptShare("a1", UserKey("telegram", "7"), "https://youtu.be/dQw4w9WgXcQ", "7", "",
                     "1/2")
    reopened = await shares.reopen(kept)
    await reopened.say("Stash restarted")
    assert (bot.sent, bot.edits) == (["[1/2] Stash restarted"], [])
