"""The Telegram front end to end in a group, and what stays private: choices, /history."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core.errors import ChoiceExpired, NotYourChoice
from core.models import HistoryEntry, UserKey
from core.service import Policy
from core.texts import say
from tests.telegram_helpers import ALICE_ID, BOB_ID, GROUP_ID, World, running_bot
from tests.worlds import OTHER, REEL

NOT_YOUR_BUTTON = say("telegram.not_your_button")
SENT_PRIVATELY = say("telegram.sent_privately")
START_ME_FIRST = say("telegram.start_me_first")

ALICE = UserKey("telegram", str(ALICE_ID))


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path) as world:
        world.playlists.connected.add(ALICE)
        yield world


async def test_an_ambiguous_match_is_chosen_by_its_owner_only(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, f"/stash {OTHER.original}", chat_id=GROUP_ID)
    status = await bot.settled(GROUP_ID, sent["message_id"])
    assert status.text == ("I heard a song (Slow Tide — Coral Bay) with a few versions on "
                           "Spotify. Which one is it?")
    labels = [button["text"] for button in status.buttons]
    assert labels == ["Shoreline · 3:46 · Slow Tide — Coral Bay",
                      "Shoreline (Deluxe) · 4:22 · Slow Tide — Coral Bay",
                      "None of these"]
    assert all(len(b["callback_data"].encode()) <= 64 for b in status.buttons)
    first = status.buttons[0]["callback_data"]
    refused = bot.tg.press_button(BOB_ID, status.message_id, first, chat_id=GROUP_ID)
    answer = await bot.tg.wait_for_answer(refused)
    assert (answer.text, answer.show_alert) == (NotYourChoice.user_message, True)
    assert bot.bot_messages(GROUP_ID)[-1].keyboard == status.keyboard
    chosen = bot.tg.press_button(ALICE_ID, status.message_id, first, chat_id=GROUP_ID)
    await bot.tg.wait_for_answer(chosen)
    await bot.tg.wait_for(lambda: (bot.bot_messages(GROUP_ID)[-1].text or "").startswith("Added"))
    final = bot.bot_messages(GROUP_ID)[-1]
    assert final.text == "Added to Stash ✓\nSlow Tide — Coral Bay (Shoreline)"
    assert final.keyboard == ()
    assert bot.playlists.added == [(ALICE, "spotify:track:tideA")]


async def test_a_choice_answered_keeps_its_place_among_the_messages_shares(
        bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, f"/stash {REEL.original} {OTHER.original}",
                             chat_id=GROUP_ID)
    await bot.tg.wait_for(lambda: len(bot.answers(GROUP_ID, sent["message_id"])) == 2 and all(
        e.buttons or (e.text or "").startswith("[1/2] Added")
        for e in bot.answers(GROUP_ID, sent["message_id"])))
    first, second = bot.answers(GROUP_ID, sent["message_id"])
    assert (first.text or "").startswith("[1/2] Added to Stash ✓")
    assert (second.text or "").startswith("[2/2] I heard a song (Slow Tide — Coral Bay)")
    none_of_these = second.buttons[-1]["callback_data"]
    await bot.tg.wait_for_answer(bot.tg.press_button(ALICE_ID, second.message_id, none_of_these,
                                                     chat_id=GROUP_ID))

    def answered() -> str:
        return bot.answers(GROUP_ID, sent["message_id"])[1].text or ""

    await bot.tg.wait_for(lambda: "OK" in answered())
    assert answered() == "[2/2] OK, I didn't add anything."


async def test_stash_in_reply_to_a_message_with_a_link(bot: World) -> None:
    shared = bot.tg.user_sends(BOB_ID, f"this song! {REEL.original}", chat_id=GROUP_ID)
    assert bot.bot_messages(GROUP_ID) == []  # privacy mode: the bot never saw Bob's message
    command = bot.tg.user_sends(ALICE_ID, "/stash", chat_id=GROUP_ID,
                                reply_to=shared["message_id"])
    status = await bot.settled(GROUP_ID, command["message_id"])
    assert status.text is not None and status.text.startswith("Added to Stash ✓\nMidnight Drive")


async def test_links_the_bot_can_see_in_a_group_are_stashed_quietly(tmp_path: Path) -> None:
    async with running_bot(tmp_path, stand_in={"privacy_mode": False}) as bot:
        chatter = bot.tg.user_sends(ALICE_ID, "no links here", chat_id=GROUP_ID)
        shared = bot.tg.user_sends(ALICE_ID, f"love it {REEL.original}", chat_id=GROUP_ID)
        status = await bot.settled(GROUP_ID, shared["message_id"])
        assert status.text is not None and status.text.startswith("Found it: Midnight Drive")
        assert bot.answers(GROUP_ID, chatter["message_id"]) == []


async def test_stash_without_a_link_says_how(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, "/stash", chat_id=GROUP_ID)
    reply = await bot.reply_to(GROUP_ID, sent["message_id"], lambda _: True)
    assert reply.text is not None and reply.text.startswith("Send /stash with a link")


async def remember(bot: World, count: int) -> None:
    """`count` entries in Alice's history, the newest last."""
    for n in range(count):
        await bot.store.record_history(ALICE, HistoryEntry(
            f"https://youtu.be/{n:011d}", "added", 1_800_000_000 + n, f"Song {n}", ("Band",),
            f"spotify:track:{n}", f"https://open.spotify.com/track/{n}"))


async def test_history_is_paged_newest_first_with_spotify_links(bot: World) -> None:
    await remember(bot, 7)
    bot.tg.user_sends(ALICE_ID, "/history")
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID))
    page = bot.bot_messages(ALICE_ID)[0]
    assert page.text is not None
    assert [line.split("  ")[1].split(" —")[0] for line in page.text.split("\n\n")[1:]] == [
        "Song 6", "Song 5", "Song 4", "Song 3", "Song 2"]
    assert "https://open.spotify.com/track/6" in page.text
    assert [b["text"] for b in page.buttons] == ["Older »"]
    pressed = bot.tg.press_button(ALICE_ID, page.message_id, "h:1")
    await bot.tg.wait_for_answer(pressed)
    await bot.tg.wait_for(lambda: "Song 1" in (bot.chat(ALICE_ID)[-1].text or ""))
    older = bot.chat(ALICE_ID)[-1]
    assert "Song 0" in (older.text or "") and "Song 2" not in (older.text or "")
    assert [b["text"] for b in older.buttons] == ["« Newer"]


async def test_history_says_what_became_of_each_entry_in_words(bot: World) -> None:
    for n, outcome in enumerate(("added", "already", "found", "not_on_spotify")):
        await bot.store.record_history(ALICE, HistoryEntry(
            f"https://youtu.be/{n:011d}", outcome, 1_800_000_000 + n, f"Song {n}", ("Band",)))
    bot.tg.user_sends(ALICE_ID, "/history")
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID))
    page = bot.bot_messages(ALICE_ID)[0].text or ""
    assert [line.split("Band ")[1] for line in page.split("\n\n")[1:]] == [
        "(not on Spotify)", "(found; not added, Spotify isn't linked)",
        "(already in your playlist)", "(added to your playlist)"]
    assert "_" not in page and "[" not in page


async def test_history_asked_in_a_group_is_answered_privately(bot: World) -> None:
    await remember(bot, 2)
    asked = bot.tg.user_sends(ALICE_ID, "/history", chat_id=GROUP_ID)
    pointer = await bot.reply_to(GROUP_ID, asked["message_id"], lambda _: True)
    assert pointer.text == SENT_PRIVATELY
    assert "Song 1" in (bot.bot_messages(ALICE_ID)[-1].text or "")
    bob_asks = bot.tg.user_sends(BOB_ID, "/history", chat_id=GROUP_ID)
    button = await bot.reply_to(GROUP_ID, bob_asks["message_id"], lambda _: True)
    assert button.text == START_ME_FIRST
    assert [b["url"] for b in button.buttons] == ["https://t.me/stash_test_bot?start=history"]
    assert not any("Song" in (e.text or "") for e in bot.chat(GROUP_ID))
    forged = bot.forge_press(BOB_ID, GROUP_ID, button.message_id, "h:0")
    answer = await bot.tg.wait_for_answer(forged)
    assert (answer.text, answer.show_alert) == (NOT_YOUR_BUTTON, True)
    bot.tg.user_sends(BOB_ID, "/start history")
    await bot.tg.wait_for(lambda: len(bot.bot_messages(BOB_ID)) == 1)
    assert bot.bot_messages(BOB_ID)[0].text == "Nothing stashed yet."


async def test_an_expired_choice_says_so_and_loses_its_buttons(tmp_path: Path) -> None:
    async with running_bot(tmp_path, policy=Policy(choice_ttl=0.0)) as bot:
        sent = bot.tg.user_sends(ALICE_ID, OTHER.original)
        status = await bot.settled(ALICE_ID, sent["message_id"])
        first = status.buttons[0]["callback_data"]
        pressed = bot.tg.press_button(ALICE_ID, status.message_id, first)
        answer = await bot.tg.wait_for_answer(pressed)
        assert (answer.text, answer.show_alert) == (ChoiceExpired.user_message, True)
        await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[-1].keyboard == ())
        assert bot.bot_messages(ALICE_ID)[-1].text == status.text
        assert bot.playlists.added == []


async def test_a_choice_works_once_even_when_pressed_twice_at_once(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, OTHER.original)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    first, none = status.buttons[0]["callback_data"], status.buttons[-1]["callback_data"]
    presses = [bot.tg.press_button(ALICE_ID, status.message_id, data) for data in (first, none)]
    answers = [await bot.tg.wait_for_answer(press) for press in presses]
    assert sorted(answer.text or "" for answer in answers) == ["", ChoiceExpired.user_message]
    results = ("Added to Stash ✓\nSlow Tide — Coral Bay (Shoreline)",
               "OK, I didn't add anything.")
    await bot.tg.wait_for(lambda: bot.bot_messages(ALICE_ID)[-1].text in results)
    final = bot.bot_messages(ALICE_ID)[-1].text or ""
    assert bot.bot_messages(ALICE_ID)[-1].keyboard == ()
    assert len(bot.playlists.added) == (1 if final.startswith("Added") else 0)


async def test_a_link_shared_again_uses_the_answer_its_sharer_gave(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, f"/stash {OTHER.original}", chat_id=GROUP_ID)
    asked = await bot.settled(GROUP_ID, sent["message_id"])
    second = asked.buttons[1]["callback_data"]
    await bot.tg.wait_for_answer(bot.tg.press_button(ALICE_ID, asked.message_id, second,
                                                     chat_id=GROUP_ID))
    await bot.tg.wait_for(lambda: (bot.bot_messages(GROUP_ID)[-1].text or "").startswith("Added"))

    again = bot.tg.user_sends(ALICE_ID, f"/stash {OTHER.original}", chat_id=GROUP_ID)
    # The answer is known: one message holding the result, no "Got it" before it.
    answer = await bot.reply_to(GROUP_ID, again["message_id"], lambda text: "…" not in text)
    assert not answer.buttons and (answer.text or "").startswith(
        "Already in Stash ✓\nSlow Tide — Coral Bay")
    assert bot.playlists.added == [(ALICE, "spotify:track:tideB")]
    # Bob never answered: he is asked.
    bobs = bot.tg.user_sends(BOB_ID, f"/stash {OTHER.original}", chat_id=GROUP_ID)
    await bot.reply_to(GROUP_ID, bobs["message_id"], lambda text: "Which one is it?" in text)
