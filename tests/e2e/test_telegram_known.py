"""A link whose answer is known already (cached): each person gets one message holding the
result, one Bot API call, instead of "Got it" edited through "Adding…" into the result."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.telegram import shares
from core.models import CatalogTrack, PlaylistAdd, UserKey
from core.texts import say
from tests.e2e.worlds import ADDED
from tests.telegram_helpers import ALICE_ID, World, running_bot, until
from tests.worlds import REEL

RECEIVED = say("received")

PEOPLE = range(7000, 7010)
SENDING = ("sendmessage", "editmessagetext", "editmessagereplymarkup")


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A bot whose answer for REEL is known: Alice shared it first."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path) as world:
        for user_id in [ALICE_ID, *PEOPLE]:
            world.tg.add_user(user_id, f"P{user_id}")
            world.playlists.connected.add(UserKey("telegram", str(user_id)))
        sent = world.tg.user_sends(ALICE_ID, REEL.original)
        assert (await world.settled(ALICE_ID, sent["message_id"])).text == ADDED
        yield world


def calls_in(bot: World, chat_id: int) -> list[str]:
    """The Bot API calls that wrote in a chat, in order."""
    return [call.method for call in bot.tg.calls
            if call.method in SENDING and str(call.params.get("chat_id")) == str(chat_id)]


async def test_a_known_answer_is_one_message_holding_the_result(bot: World) -> None:
    sent = {user_id: bot.tg.user_sends(user_id, REEL.original)["message_id"]
            for user_id in PEOPLE}
    await bot.tg.wait_for(lambda: all(
        any(e.text == ADDED for e in bot.bot_messages(u)) for u in PEOPLE))

    for user_id in PEOPLE:
        assert calls_in(bot, user_id) == ["sendmessage"]
        [message] = bot.bot_messages(user_id)
        assert (message.reply_to, message.history) == (sent[user_id], (ADDED,))
    assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]


async def test_a_herd_on_a_known_answer_gets_one_message_each(bot: World) -> None:
    # Forty at once, more than were held before (30): everyone's only message is the result.
    herd = range(7100, 7140)
    for user_id in herd:
        bot.tg.add_user(user_id, f"P{user_id}")
        bot.playlists.connected.add(UserKey("telegram", str(user_id)))
    for user_id in herd:
        bot.tg.user_sends(user_id, REEL.original)
    await bot.tg.wait_for(lambda: all(
        any(e.text == ADDED for e in bot.bot_messages(u)) for u in herd))
    assert [calls_in(bot, u) for u in herd] == [["sendmessage"]] * len(herd)


async def test_a_known_answer_whose_add_is_slow_shows_that_it_is_on_the_way(
        bot: World, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shares, "KNOWN_HOLD", 0.3)
    add, released = bot.playlists.add, asyncio.Event()

    async def slow_add(user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        await released.wait()
        return await add(user, track)

    bot.playlists.add = slow_add  # type: ignore[method-assign]
    person = PEOPLE[0]
    sent = bot.tg.user_sends(person, REEL.original)
    # Held a moment for the result, the first message goes out when the add takes longer.
    await bot.reply_to(person, sent["message_id"], lambda text: text == RECEIVED)
    released.set()
    status = await bot.settled(person, sent["message_id"])
    assert (status.history[0], status.text) == (RECEIVED, ADDED)


async def test_past_a_few_held_at_once_first_messages_go_without_waiting(
        bot: World, monkeypatch: pytest.MonkeyPatch) -> None:
    # In a big herd the adds outlast any hold: beyond a few held at once, "Got it" goes at once.
    monkeypatch.setattr(shares, "MAX_HELD", 3)
    monkeypatch.setattr(shares, "KNOWN_HOLD", 60.0)  # held until the result, whatever the load
    add, released, adding = bot.playlists.add, asyncio.Event(), []

    async def slow_add(user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        adding.append(user)
        await released.wait()
        return await add(user, track)

    bot.playlists.add = slow_add  # type: ignore[method-assign]
    herd = PEOPLE[:5]
    for user_id in herd:
        bot.tg.user_sends(user_id, REEL.original)
    await bot.tg.wait_for(lambda: sum(1 for u in herd if bot.bot_messages(u)) == 2)
    await until(lambda: len(adding) == len(herd))  # every share waits on its add
    assert sum(1 for u in herd if bot.bot_messages(u)) == 2  # three still held
    released.set()
    await bot.tg.wait_for(lambda: all(
        any(e.text == ADDED for e in bot.bot_messages(u)) for u in herd))
    # The held ones: the result alone; the others "Got it" and the result, no "Adding…" between
    # (the answer is known: the add is its only step, not worth a Bot API call of its own).
    assert sorted(len(calls_in(bot, u)) for u in herd) == [1, 1, 1, 2, 2]
    for user_id in herd:
        assert all(e.history[-1] == ADDED and len(e.history) <= 2
                   for e in bot.bot_messages(user_id))
