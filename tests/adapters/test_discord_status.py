"""The Discord status editor: stages coalesce, edits are paced per channel, the end lands."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import discord

from adapters.discord.status import ChannelPacer, EditPacing, Shown, StatusMessage
from core.ports import Stage
from tests.discord_helpers import HeldSleeps, Screen, status


async def test_stages_that_come_while_waiting_for_a_turn_coalesce_to_the_latest() -> None:
    sleeps, screen = HeldSleeps(), Screen()
    # Two edits at once: the first stage goes, the next ones keep the other for the result.
    shown = status(screen, ChannelPacer(EditPacing(1.0, clock=sleeps.clock, sleep=sleeps, burst=2)))
    await shown.stage(Stage.DOWNLOADING)
    await asyncio.sleep(0)  # the first edit of a channel needs no wait
    for stage in (Stage.LISTENING, Stage.SEARCHING, Stage.ADDING):
        await shown.stage(stage)
    finishing = asyncio.ensure_future(shown.finish(Shown("Added to Stash ✓")))
    await asyncio.sleep(0)
    assert screen.edits == ["Downloading audio…"]
    sleeps.passing.set()
    await finishing
    assert screen.edits == ["Downloading audio…", "Added to Stash ✓"]
    assert sleeps.asked == [1.0]


async def test_statuses_in_one_channel_share_its_pace() -> None:
    sleeps, screen = HeldSleeps(), Screen()
    sleeps.passing.set()
    pacer = ChannelPacer(EditPacing(1.0, clock=sleeps.clock, sleep=sleeps, burst=1))
    first, second = status(screen, pacer, "[1/2] "), status(screen, pacer, "[2/2] ")
    await asyncio.gather(first.finish(Shown("one")), second.finish(Shown("two")))
    assert screen.edits == ["[1/2] one", "[2/2] two"]
    assert sleeps.asked == [1.0]


async def test_a_stage_already_shown_is_not_edited_again() -> None:
    screen = Screen()
    shown = status(screen, ChannelPacer(EditPacing(0.0)))
    await shown.stage(Stage.LISTENING)
    await shown.finish(Shown("Listening…"))
    assert screen.edits == ["Listening…"]


async def test_a_deleted_status_message_gets_the_outcome_sent_anew() -> None:
    gone = SimpleNamespace(status=404, reason="Not Found")
    # Only status and reason of the aiohttp response are read.
    deleted = discord.NotFound(gone, {"code": 10008, "message": "Unknown Message"})  # type: ignore[arg-type]
    screen = Screen(fail=deleted)
    shown = status(screen, ChannelPacer(EditPacing(0.0)), "[2/3] ")
    await shown.stage(Stage.DOWNLOADING)
    await shown.finish(Shown("Added to Stash ✓"))
    await shown.stage(Stage.LISTENING)  # a late stage changes nothing once finished
    assert (screen.edits, screen.sent) == ([], ["[2/3] Added to Stash ✓"])


async def test_a_result_is_not_held_back_by_the_pace_of_a_quiet_channel() -> None:
    sleeps, screen = HeldSleeps(), Screen()
    shown = status(screen, ChannelPacer(EditPacing(1.0, clock=sleeps.clock, sleep=sleeps)))
    for stage in (Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING, Stage.ADDING):
        await shown.stage(stage)
        await asyncio.sleep(0)
    await shown.finish(Shown("Added to Stash ✓"))  # would hang on a held sleep
    assert screen.edits[-1] == "Added to Stash ✓"
    assert sleeps.asked == []


async def test_a_share_whose_first_message_failed_still_gets_its_result_sent() -> None:
    screen = Screen()
    shown = StatusMessage.unsent(7, ChannelPacer(EditPacing(0.0)), screen.resend, "[1/2] ")
    await shown.stage(Stage.DOWNLOADING)
    await shown.finish(Shown("Added to Stash ✓"))
    assert (screen.edits, screen.sent) == ([], ["[1/2] Added to Stash ✓"])


async def test_channel_bookkeeping_forgets_channels_whose_allowance_is_full_again() -> None:
    clock = [0.0]
    pacer = ChannelPacer(EditPacing(1.0, clock=lambda: clock[0]))
    for channel in range(20_000):
        await pacer.turn(channel)
    clock[0] += 60
    for channel in range(20_000, 35_000):
        await pacer.turn(channel)
    assert len(pacer) == 15_000  # the first 20,000 were forgotten at a sweep
