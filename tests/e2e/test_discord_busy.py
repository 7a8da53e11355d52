"""A busy Discord channel: twenty people share at once, and the channel takes 5 messages per 5 s.

Every share starts at once. The first status messages go out while the channel has room; the
rest wait their turn and, when posted, already show the answer. Meanwhile everyone waiting is
acknowledged in ways the channel allows: a 👀 reaction (reactions have their own limit, four a
second), and the names of those the reactions would reach late, in the one status message the
first window still has room for (no pings, and no message the answers need). Asserted in the
order the Discord stand-in recorded things, never as a time.
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any

import pytest

from adapters.discord import EditPacing
from adapters.discord.render import SEEN
from adapters.storage.shares import SqlShareBook
from core.models import AudioClip, Link
from sandbox.discord.limits import CHANNEL_SENDS
from tests.discord_helpers import World, done, running_world
from tests.worlds import REEL

Json = dict[str, Any]
PEOPLE = 20
WINDOW = 5  # status messages the channel takes per 5 s


def first_text(message: Json) -> str:
    """What a message showed when it was posted."""
    return str(message["edits"][0]["content"] if message["edits"] else message["content"])


async def share_at_once(bot: World, people: int) -> tuple[list[Json], dict[int, Json]]:
    """`people` members share the reel in #general at once; their messages, and each one's
    status message (by the id of the message it answers) once all show their answers."""
    members = [await bot.dc.add_member(f"person{n}") for n in range(people)]
    shared = [await bot.dc.send_message(member, f"this one {REEL.original}")
              for member in members]
    ids = {m["id"] for m in shared}

    def statuses() -> dict[int, Json]:
        return {m["reply_to"]: m for m in bot.bot_messages() if m["reply_to"] in ids}

    await bot.dc.wait_for(lambda: len(statuses()) == people
                          and all(done(m) for m in statuses().values()), 90)
    return [bot.message(m["id"]) for m in shared], statuses()


async def test_twenty_sharers_are_each_acknowledged_before_the_channel_has_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, route_limits=CHANNEL_SENDS,
                             pacing=EditPacing()) as bot:
        shared, status_of = await share_at_once(bot, PEOPLE)
        posted = bot.bot_messages()
    names = {m["id"]: f"person{n}" for n, m in enumerate(shared)}
    in_order = sorted(status["id"] for status in status_of.values())
    second_window = in_order[WINDOW]  # the first status message the next window took

    def first_sign(message: Json) -> int:
        """The snowflake of the first thing that told this person Stash had their link."""
        signs = [r["order"] for r in message["reactions"] if r["emoji"] == SEEN]
        signs.append(status_of[message["id"]]["id"])
        signs += [m["id"] for m in posted
                  if re.search(rf"\b{names[message['id']]}\b", first_text(m))]
        return int(min(signs))

    # Everyone was acknowledged while the channel's first window was still on.
    assert all(first_sign(message) < second_window for message in shared)
    # Those the reactions would have reached late were named in the window's last message,
    # which answers its own person too: one message per person, nobody pinged.
    (heading,) = [m for m in posted if first_text(m).startswith("Got it, person")]
    assert heading["id"] == in_order[WINDOW - 1]
    assert heading["content"].split("\n")[0].endswith(": I'm on it, your answers follow here.")
    assert len(posted) == PEOPLE
    assert all(m["pinged"] == [] for m in posted)
    assert sum(len(m["reactions"]) for m in shared) < PEOPLE - WINDOW
    # Each share started at once: the status messages that waited for room came with the
    # answer already in them, never "Got it…" first.
    waited = [status for status in status_of.values() if status["id"] >= second_window]
    assert len(waited) == PEOPLE - WINDOW
    assert all(not status["edits"] and done(status) for status in waited)


async def on_record(book: SqlShareBook, message_id: int) -> None:
    """Wait (a bounded while) until a share's record names this status message."""
    for _ in range(200):
        rows = await book.database.fetchall("SELECT message_id FROM shares")
        if str(message_id) in {row[0] for row in rows}:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"no share on record names message {message_id}")


async def test_a_restart_finishes_a_share_on_the_status_message_that_waited_for_room(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, route_limits=CHANNEL_SENDS,
                             pacing=EditPacing(), kept=True) as bot:
        assert bot.book is not None and bot.front is not None
        fetch, fetching = bot.fetcher.fetch, asyncio.Event()

        async def held(link: Link, window: int = 0) -> AudioClip:
            await fetching.wait()  # every share is still identifying when the process stops
            return await fetch(link, window)

        monkeypatch.setattr(bot.fetcher, "fetch", held)
        members = [await bot.dc.add_member(f"person{n}") for n in range(WINDOW + 1)]
        shared = [await bot.dc.send_message(member, f"this one {REEL.original}")
                  for member in members]
        last = shared[-1]["id"]
        # Its share started at once; its status message came when the next window opened.
        await bot.dc.wait_for(lambda: bool(bot.replies(last)), 30)
        (waited,) = bot.replies(last)
        await on_record(bot.book, waited["id"])
        # The process stops: its shares stay on record; the next one finishes them.
        await bot.stash.hand_over(0)
        fetching.set()
        await bot.front.stop()
        assert len(await bot.book.database.fetchall("SELECT id FROM shares")) == WINDOW + 1
        after = bot.next_process()
        async with bot.new_front(after, sync_commands=False):  # resumes them as it starts
            await bot.dc.wait_for(lambda: all(done(m) for m in bot.bot_messages()), 30)
            posted = bot.bot_messages()
        await after.close()
    # Each answer is on the status message its person already had: no new message for anyone.
    assert len(posted) == WINDOW + 1
    assert all(done(message) for message in posted)
    assert bot.message(waited["id"])["content"].startswith("Found it ✓")
