"""The Telegram front end to end: welcome, connecting Spotify, playlists and /forget."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.telegram import render
from core import texts
from core.accounts import PlaylistInfo
from core.connecting import REVOKE_HINT
from core.models import HistoryEntry, UserKey
from tests.telegram_helpers import (
    ALICE_ID,
    BOB_ID,
    GROUP_ID,
    TOKEN,
    World,
    running_bot,
    until,
)
from tests.worlds import REEL

HELP = render.help_text()
KEPT = texts.say("forget.kept")
START_ME_FIRST = texts.say("telegram.start_me_first")
WELCOME = render.welcome()

ALICE = UserKey("telegram", str(ALICE_ID))


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              caplog: pytest.LogCaptureFixture) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.INFO, logger="httpx")  # even if something quieted it before
    async with running_bot(tmp_path) as world:
        yield world
    # Every Bot API request URL is logged (at INFO, quiet in `stash run`), and the token is part
    # of it: the front redacts it.
    logged = "\n".join(record.getMessage() for phase in ("setup", "call", "teardown")
                       for record in caplog.get_records(phase))
    assert TOKEN not in logged
    assert "/bot<token>/sendMessage" in logged


async def last_answer(bot: World, user_id: int, text: str, chat_id: int | None = None) -> str:
    """The bot's newest message in the chat after `user_id` writes `text`."""
    chat = chat_id or user_id
    before = len(bot.bot_messages(chat))
    bot.tg.user_sends(user_id, text, chat_id=chat_id)
    await bot.tg.wait_for(lambda: len(bot.bot_messages(chat)) > before)
    return bot.bot_messages(chat)[-1].text or ""


async def test_start_and_help_explain_stash(bot: World) -> None:
    assert await last_answer(bot, ALICE_ID, "/start") == WELCOME
    assert await last_answer(bot, ALICE_ID, "/help") == HELP
    assert "/link" in WELCOME and "Instagram Reel" in WELCOME
    assert await last_answer(bot, ALICE_ID, "/frobnicate") == (
        "I don't know that command. /help lists what I can do.")


async def test_link_then_paste_the_callback_address(bot: World) -> None:
    answer = await last_answer(bot, ALICE_ID, "/link")
    assert answer == texts.say("link.start", url="https://accounts.test/authorize?state=state0")
    pasted = "http://127.0.0.1:8080/spotify/callback?code=good-code&state=state0"
    assert await last_answer(bot, ALICE_ID, pasted) == texts.linked_text("Name of 1001")
    assert bot.connector.connected == {ALICE: "Name of 1001"}
    assert await last_answer(bot, ALICE_ID, "/unlink") == texts.say("link.unlinked")


async def test_link_in_a_group_is_only_ever_sent_privately(bot: World) -> None:
    pointer = await last_answer(bot, BOB_ID, "/link", chat_id=GROUP_ID)
    assert pointer == START_ME_FIRST
    button = bot.bot_messages(GROUP_ID)[-1].buttons[0]
    assert button["url"] == "https://t.me/stash_test_bot?start=link"
    await last_answer(bot, ALICE_ID, "/link", chat_id=GROUP_ID)
    assert "accounts.test" in (bot.bot_messages(ALICE_ID)[-1].text or "")
    assert not any("accounts.test" in (e.text or "") for e in bot.chat(GROUP_ID))
    answer = await last_answer(bot, BOB_ID, "/start link")
    assert answer.startswith("Open this link") and "accounts.test/authorize?state=" in answer


async def test_a_connect_code_of_nobody_is_refused_and_ten_letter_words_are_not_codes(
        bot: World) -> None:
    assert "I don't know that code" in await last_answer(bot, ALICE_ID, "/start ABCDE23456")
    assert "I don't know that code" in await last_answer(bot, ALICE_ID, "abcde-23456")
    assert await last_answer(bot, ALICE_ID, "HELLOWORLD") == texts.no_link()
    assert bot.connector.connected == {}


async def test_playlists_are_chosen_with_buttons(bot: World) -> None:
    bot.connector.connected[ALICE] = "Alice"
    bot.connector.lists[ALICE] = [PlaylistInfo("pl1", "Gym"), PlaylistInfo("pl2", "Chill")]
    await last_answer(bot, ALICE_ID, "/playlist")
    listing = bot.bot_messages(ALICE_ID)[-1]
    assert [(b["text"], b["callback_data"]) for b in listing.buttons] == [
        ("Gym", "p:pl1"), ("Chill", "p:pl2")]
    await bot.tg.wait_for_answer(bot.tg.press_button(ALICE_ID, listing.message_id, "p:pl2"))
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[-1].text == texts.playlist_text(
        "Chill"))
    assert bot.connector.chosen == {ALICE: "Chill"}
    await last_answer(bot, ALICE_ID, "/playlist")  # issue 27 item 5: where songs go now
    assert [b["text"] for b in bot.bot_messages(ALICE_ID)[-1].buttons] == ["Gym", "✓ Chill"]
    assert await last_answer(bot, ALICE_ID, "/playlist new Road trip") == texts.playlist_text(
        "Road trip")


async def test_forget_asks_first_and_deletes_on_yes(
        bot: World, caplog: pytest.LogCaptureFixture) -> None:
    await bot.store.record_history(ALICE, HistoryEntry(REEL.canonical_url, "found", 1.0, "Song"))
    assert await last_answer(bot, ALICE_ID, "/forget") == texts.say("forget.confirm")
    question = bot.bot_messages(ALICE_ID)[-1]
    declined = bot.tg.press_button(ALICE_ID, question.message_id, "f:no")
    await bot.tg.wait_for_answer(declined)
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[-1].text == KEPT)
    bot.tg.replay(bot.update_id_of("callback_query", "id", declined))  # a press delivered twice
    await until(lambda: "telegram message delivered again was not handled twice" in caplog.text)
    assert len(await bot.store.history(ALICE, 10)) == 1
    await last_answer(bot, ALICE_ID, "/forget")
    question = bot.bot_messages(ALICE_ID)[-1]
    marks = "SELECT COUNT(*) FROM inbox WHERE platform = 'telegram' AND sender = ?"
    assert (await bot.store.database.fetchall(marks, (ALICE.user_id,)))[0][0] > 0
    await bot.tg.wait_for_answer(bot.tg.press_button(ALICE_ID, question.message_id, "f:yes"))
    done = texts.forgotten_text(1, REVOKE_HINT)
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[-1].text == done)
    assert await bot.store.history(ALICE, 10) == []
    # The marks of every message and press of hers went too (issue 23).
    assert (await bot.store.database.fetchall(marks, (ALICE.user_id,)))[0][0] == 0
