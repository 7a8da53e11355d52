"""A link waiting for Shazam's budget reads as queued, with its wait, on every front."""

from __future__ import annotations

import asyncio
import io

from adapters.console.front import ConsoleReporter
from adapters.discord.status import ChannelPacer, EditPacing
from core.ports import Stage
from tests.discord_helpers import HeldSleeps, Screen, status
from tests.telegram_helpers import edited, status_for

QUEUED = "Queued: lots of songs to listen to right now. Yours is up in about 36 s…"


async def test_telegram_shows_the_link_queued() -> None:
    shown, bot, _ = status_for()
    await shown.stage(Stage.QUEUED, "36")
    await edited(bot, 1)
    assert bot.edits[-1][1] == QUEUED


async def test_discord_shows_the_link_queued() -> None:
    sleeps, screen = HeldSleeps(), Screen()
    shown = status(screen, ChannelPacer(EditPacing(1.0, clock=sleeps.clock, sleep=sleeps)))
    await shown.stage(Stage.QUEUED, "36")
    await asyncio.sleep(0)
    assert screen.edits == [QUEUED]


async def test_the_console_shows_the_link_queued() -> None:
    out = io.StringIO()
    await ConsoleReporter(out, "", in_place=False).stage(Stage.QUEUED, "36")
    assert out.getvalue() == QUEUED + "\n"
