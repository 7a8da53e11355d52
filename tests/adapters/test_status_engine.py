"""One status-message engine under both fronts: the same contract, run against Telegram's and
Discord's send/edit layers (adapters/chat/status.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import discord
import pytest
from telegram.error import BadRequest, RetryAfter

from adapters.discord import status as discord_status
from adapters.telegram import pacing as telegram_pacing
from adapters.telegram import status as telegram_status
from adapters.telegram.sending import Sender
from core.ports import Stage
from tests.discord_helpers import HeldSleeps
from tests.fakes import until
from tests.telegram_helpers import raw_call

RESULT = "Added to Stash ✓"


@dataclass
class Screen:
    """What a person sees of one status message: its edits and any message sent anew."""

    clock: HeldSleeps
    edits: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    refuse: list[Exception] = field(default_factory=list)  # the next edits raise these

    def edited(self, text: str) -> None:
        self.edits.append(text)
        if self.refuse:
            raise self.refuse.pop(0)


@dataclass
class Front:
    """One front's StatusMessage over a Screen, the same few calls for the contract."""

    name: str
    screen: Screen
    stage: Callable[[Stage], Any]
    finish: Callable[[str], Any]
    gone: Exception  # what the front's platform raises for a deleted message


def telegram(burst: int) -> Front:
    clock = HeldSleeps()
    screen = Screen(clock)

    class Bot:
        rate_limiter = None
        async def edit_message_text(self, text: str, *_: Any, **__: Any) -> None:
            screen.edited(text)

        async def send_message(self, chat_id: int, text: str, **_: Any) -> SimpleNamespace:
            screen.sent.append(text)
            return SimpleNamespace(message_id=len(screen.sent) + 1)

        async def do_api_request(self, endpoint: str, api_kwargs: dict[str, Any],
                                 **_: Any) -> Any:
            return await raw_call(self, endpoint, api_kwargs)

    pacing = telegram_pacing.MessagePacing(1.0, 3.0, clock=clock.clock, sleep=clock,
                                    private_burst=burst, bot_per_second=0)
    sender = Sender(Bot(), telegram_pacing.ChatPacer(pacing))  # type: ignore[arg-type]
    status = telegram_status.StatusMessage(sender, 7, 1, private=True,
                                           shown=telegram_status.View("Got it"))
    return Front("telegram", screen, status.stage, status.finish,
                 BadRequest("Message to edit not found"))


def discord_front(burst: int) -> Front:
    clock = HeldSleeps()
    screen = Screen(clock)

    async def edit(shown: discord_status.Shown) -> None:
        screen.edited(shown.text)

    async def resend(shown: discord_status.Shown) -> None:
        screen.sent.append(shown.text)

    pacer = discord_status.ChannelPacer(discord_status.EditPacing(1.0, clock=clock.clock,
                                                              sleep=clock, burst=burst))
    status = discord_status.StatusMessage(edit, 7, pacer, shown="Got it", resend=resend)
    deleted = discord.NotFound(SimpleNamespace(status=404, reason="Not Found"),  # type: ignore[arg-type]
                               {"code": 10008, "message": "Unknown Message"})
    return Front("discord", screen, status.stage,
                 lambda text: status.finish(discord_status.Shown(text)), deleted)


FRONTS = [telegram, discord_front]


@pytest.fixture(autouse=True)
def timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.mark.parametrize("make", FRONTS)
async def test_the_newest_view_wins_while_a_stage_waits_for_its_turn(
        make: Callable[[int], Front]) -> None:
    front = make(2)
    await front.stage(Stage.DOWNLOADING)
    await until(lambda: front.screen.edits)  # the place's first edit goes at once
    for stage in (Stage.LISTENING, Stage.SEARCHING, Stage.ADDING):
        await front.stage(stage)  # each replaces the one waiting for the next turn
    await until(lambda: front.screen.clock.asked)  # the stage waits for its turn
    front.screen.clock.passing.set()
    await until(lambda: len(front.screen.edits) == 2)
    await front.finish(RESULT)
    assert front.screen.edits == ["Downloading audio…", "Adding to your playlist…", RESULT]


@pytest.mark.parametrize("make", FRONTS)
async def test_the_result_takes_the_turn_kept_for_it_without_waiting_for_a_stages_turn(
        make: Callable[[int], Front]) -> None:
    front = make(2)
    await front.stage(Stage.DOWNLOADING)
    await until(lambda: front.screen.edits)
    await front.stage(Stage.LISTENING)  # keeps the last edit for the result: it waits
    await until(lambda: front.screen.clock.asked)
    async with asyncio.timeout(5):  # before: Discord's result waited out the stage's sleep
        await front.finish(RESULT)  # time never passes here
    assert front.screen.edits == ["Downloading audio…", RESULT]
    assert front.screen.clock.now == 0.0


@pytest.mark.parametrize("make", FRONTS)
async def test_a_message_that_cannot_be_edited_gets_the_result_sent_anew(
        make: Callable[[int], Front]) -> None:
    front = make(3)
    front.screen.refuse = [front.gone]
    await front.stage(Stage.DOWNLOADING)
    await until(lambda: front.screen.edits)
    await front.finish(RESULT)
    assert (front.screen.edits, front.screen.sent) == (["Downloading audio…"], [RESULT])


async def test_a_flood_wait_is_honoured_once_for_a_status_message_and_for_any_message(
        ) -> None:
    front = telegram(3)
    front.screen.clock.passing.set()
    front.screen.refuse = [RetryAfter(4)]
    await front.finish(RESULT)
    assert front.screen.clock.asked == [4.0]  # waited once, then the result landed
    assert front.screen.edits == [RESULT, RESULT]
    clock = HeldSleeps()
    clock.passing.set()
    floods = [RetryAfter(4)]

    async def send() -> str:
        if floods:
            raise floods.pop()
        return "sent"

    pacer = telegram_pacing.ChatPacer(telegram_pacing.MessagePacing(
        1.0, 3.0, clock=clock.clock, sleep=clock, bot_per_second=0))
    sender = Sender(SimpleNamespace(), pacer)  # type: ignore[arg-type]
    assert await sender.paced(7, True, send) == "sent"
    assert clock.asked == [4.0]
