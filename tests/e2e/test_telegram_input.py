"""The Telegram front end to end: bad input, limits, forwarded posts, forged buttons, webhooks."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from adapters.telegram import TelegramConfig, TelegramFront, TelegramStartError
from adapters.web.server import WebServer
from core import texts
from core.errors import ChoiceExpired, TooManyShares
from core.models import AudioClip
from core.service import Policy
from sandbox.processes import free_port
from sandbox.telegram import TgUser, TranscriptEntry
from tests.telegram_helpers import ALICE_ID, World, running_bot
from tests.worlds import REEL

RECEIVED = texts.say("received")
UNKNOWN_BUTTON = texts.say("unknown_button")

ADDED_START = "Added to Stash ✓\nMidnight Drive"


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path, policy=Policy(links_per_minute=12)) as world:
        yield world


async def answer_to(bot: World, text: str) -> str:
    """Alice sends `text`; the text of the bot's first answer to it."""
    return (await bot_says(bot, text)).text or ""


async def test_a_message_without_a_link_gets_the_welcome(bot: World) -> None:
    assert await answer_to(bot, "hello there") == texts.no_link()
    assert await answer_to(bot, "x" * 5000) == texts.no_link()


async def test_links_that_are_not_videos_are_refused_with_reasons(bot: World) -> None:
    assert await answer_to(bot, "https://example.com/some/page") == \
        texts.say("refusal.unsupported")
    assert await answer_to(bot, "https://www.instagram.com/luna.vale/") == \
        texts.say("refusal.profile")
    assert bot.fetcher.fetched == []


async def test_a_long_message_with_a_link_inside_is_stashed(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, "words " * 800 + REEL.original + " more" * 100)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text is not None and status.text.startswith("Found it: Midnight Drive")


async def test_thirty_links_get_ten_status_messages_and_a_note(bot: World) -> None:
    links = [f"https://youtu.be/{n:011d}" for n in range(30)]
    for link in links:
        bot.fetcher.clips[f"https://www.youtube.com/watch?v={link[-11:]}"] = [
            AudioClip(b"silence", "m4a", final_window=True)]
    sent = bot.tg.user_sends(ALICE_ID, " ".join(links))
    note = await bot.reply_to(ALICE_ID, sent["message_id"], lambda t: "skipped" in t)
    assert note.text == texts.skipped_text(20)
    await bot.tg.wait_for(lambda: sum(
        1 for e in bot.bot_messages(ALICE_ID) if e.text and "couldn't recognize" in e.text) == 10)
    statuses = [e.text for e in bot.bot_messages(ALICE_ID) if e.history[0].endswith(RECEIVED)]
    assert sorted(t.split("]")[0] for t in statuses if t) == sorted(
        f"[{n}/10" for n in range(1, 11))
    assert len(bot.fetcher.fetched) == 10


async def test_sharing_beyond_the_limit_is_answered_politely(tmp_path: Path) -> None:
    async with running_bot(tmp_path, policy=Policy(links_per_minute=1)) as bot:
        sent = bot.tg.user_sends(ALICE_ID, f"{REEL.original} https://youtu.be/dQw4w9WgXcQ")
        note = await bot.reply_to(ALICE_ID, sent["message_id"], lambda _: True)
        assert note.text == TooManyShares.user_message
        await bot.settled(ALICE_ID, sent["message_id"])
        assert len(bot.fetcher.fetched) == 1


async def test_a_link_held_back_by_the_limit_is_not_called_no_link_and_is_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    async with running_bot(tmp_path, policy=Policy(links_per_minute=1)) as bot:
        first = bot.tg.user_sends(ALICE_ID, REEL.original)
        await bot.settled(ALICE_ID, first["message_id"])
        sent = bot.tg.user_sends(ALICE_ID, "https://youtu.be/dQw4w9WgXcQ")
        note = await bot.reply_to(ALICE_ID, sent["message_id"], lambda _: True)
        assert note.text == TooManyShares.user_message  # and not "I didn't find a link"
        assert len(bot.fetcher.fetched) == 1
    lines = [r.getMessage() for r in caplog.records if r.getMessage().startswith("share ")]
    assert len(lines) == 2 and "failed (too_many_shares)" in lines[1]


async def test_a_forwarded_video_caption_is_stashed(bot: World) -> None:
    sent = bot.tg.user_sends(ALICE_ID, caption=f"look {REEL.original}",
                             forwarded_from=TgUser(3003, "Carol"))
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text is not None and status.text.startswith("Found it: Midnight Drive")


async def bot_says(bot: World, text: str) -> TranscriptEntry:
    """Alice sends `text`; the bot's first answer to it."""
    sent = bot.tg.user_sends(ALICE_ID, text)
    return await bot.reply_to(ALICE_ID, sent["message_id"], lambda _: True)


async def test_forged_buttons_get_a_polite_alert(bot: World) -> None:
    reply_id = (await bot_says(bot, "hi")).message_id
    forged_choice = bot.forge_press(ALICE_ID, ALICE_ID, reply_id, "c:AAAAAAAAAAAA:0")
    garbage = bot.forge_press(ALICE_ID, ALICE_ID, reply_id, "x" * 64)
    first, second = (await bot.tg.wait_for_answer(forged_choice),
                     await bot.tg.wait_for_answer(garbage))
    assert (first.text, first.show_alert) == (ChoiceExpired.user_message, True)
    assert (second.text, second.show_alert) == (UNKNOWN_BUTTON, True)


async def test_a_press_that_fails_gets_an_our_side_alert_and_is_logged(
        bot: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    async def away(*_: object) -> None:
        raise RuntimeError("the history is away")

    monkeypatch.setattr(bot.front.deps.stash, "history", away)
    page = bot.forge_press(ALICE_ID, ALICE_ID, (await bot_says(bot, "hi")).message_id, "h:1")
    answer = await bot.tg.wait_for_answer(page)
    assert (answer.text, answer.show_alert) == (texts.say("error.internal"), True)
    assert any(r.levelno == logging.ERROR and r.exc_info and r.exc_info[0] is RuntimeError
               for r in caplog.records)


async def test_webhook_mode_takes_updates_with_the_secret_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    port = free_port()
    hook = f"http://127.0.0.1:{port}/telegram/hook"
    async with running_bot(tmp_path, webhook_url=hook) as bot:
        server = WebServer(host="127.0.0.1", port=port)
        bot.front.mount(server.app)
        async with server, bot.front:
            assert bot.tg.world().webhook is not None
            sent = bot.tg.user_sends(ALICE_ID, REEL.original)
            status = await bot.settled(ALICE_ID, sent["message_id"])
            assert status.text is not None and status.text.startswith("Found it")
            assert await post(hook, {"update_id": 1, "message": sent}, "wrong") == 403
            secret = bot.tg.world().webhook.secret_token  # type: ignore[union-attr]
            assert secret and len(secret) >= 32  # made up at start, as none was configured
            assert await post(hook, ["not", "an", "update"], secret) == 400
        assert bot.answers(ALICE_ID, sent["message_id"]) == [status]


async def post(url: str, body: object, secret: str) -> int:
    """POST to the webhook as Telegram would; the HTTP status."""
    headers = {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with aiohttp.ClientSession() as http, http.post(url, json=body,
                                                          headers=headers) as response:
        return response.status


async def test_a_rejected_token_stops_start_up_without_showing_it(tmp_path: Path) -> None:
    async with running_bot(tmp_path, webhook_url="http://127.0.0.1:1/hook") as bot:
        config = TelegramConfig("999999:NOT-A-KNOWN-TOKEN", bot.tg.base_url)
        front = TelegramFront(bot.front.deps.stash, bot.front.deps.connecting, config)
        with pytest.raises(TelegramStartError) as caught:
            await front.start()
    assert str(caught.value) == "Telegram rejected the bot token: check TELEGRAM_BOT_TOKEN"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "NOT-A-KNOWN-TOKEN" not in repr(config)
