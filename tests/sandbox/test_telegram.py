"""The Telegram stand-in, driven by python-telegram-bot's real Bot and Application."""

from __future__ import annotations

import asyncio
import datetime as dtm
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    MessageEntity,
    MessageOriginUser,
    ReplyParameters,
    Update,
)
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    RetryAfter,
)
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    TypeHandler,
)

from sandbox.telegram import FloodLimits, TelegramStandIn, TgUser
from sandbox.telegram.webhook import SECRET_HEADER as SECRET

TOKEN = "123456:TEST-TOKEN"
ALICE = TgUser(1001, "Alice", "alice")
BOB = TgUser(1002, "Bob", "bob")
REEL = "https://www.instagram.com/reel/C0ffee123/"
KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("Song A", callback_data="pick:1")],
     [InlineKeyboardButton("Open", url="https://open.spotify.com/track/abc")]]
)  # fmt: skip


@pytest.fixture
async def tg() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn(TOKEN) as stand_in:
        yield stand_in


@pytest.fixture
async def bot(tg: TelegramStandIn) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as client:
        yield client


@dataclass
class Received:
    """What a polling Application saw."""

    updates: asyncio.Queue[Update] = field(default_factory=asyncio.Queue)
    command_args: list[list[str]] = field(default_factory=list)


@pytest.fixture
async def polling(tg: TelegramStandIn) -> AsyncIterator[Received]:
    received = Received()

    async def record(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await received.updates.put(update)

    async def stash(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        received.command_args.append(list(context.args or []))

    async def pick(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.callback_query is not None
        await update.callback_query.answer(f"Picked {update.callback_query.data}", show_alert=True)

    app = Application.builder().token(TOKEN).base_url(tg.base_url)
    application = app.base_file_url(tg.base_file_url).build()
    application.add_handler(CommandHandler("stash", stash))
    application.add_handler(CallbackQueryHandler(pick))
    application.add_handler(TypeHandler(Update, record), group=1)
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=dtm.timedelta(seconds=5))
        yield received
        await application.updater.stop()
        await application.stop()


async def next_update(received: Received) -> Update:
    return await asyncio.wait_for(received.updates.get(), 5)


async def test_get_me_describes_the_bot(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, "stash_test_bot")
    assert me.can_read_all_group_messages is False


async def test_each_token_is_its_own_bot() -> None:
    second = "654321:ANOTHER-TEST-TOKEN"
    async with TelegramStandIn([TOKEN, second]) as tg:
        async with Bot(second, base_url=tg.base_url) as other:
            assert (await other.get_me()).id == 654321
            tg.user_sends(ALICE, "for the second bot", token=second)
            [update] = await other.get_updates(timeout=0)
        assert update.message and update.message.text == "for the second bot"
        assert tg.world(TOKEN).pending == []


async def test_an_unknown_token_is_invalid(tg: TelegramStandIn) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server") as caught:
        async with Bot("999:NOT-A-KNOWN-TOKEN", base_url=tg.base_url):
            pass
    assert str(caught.value.__cause__) == "Unauthorized"


async def test_sent_message_shows_text_and_keyboard(tg: TelegramStandIn, bot: Bot) -> None:
    tg.add_user(ALICE.id, ALICE.first_name, ALICE.username)
    sent = await bot.send_message(ALICE.id, f"Found it: {REEL}", reply_markup=KEYBOARD)
    assert sent.chat.type == "private" and sent.from_user and sent.from_user.is_bot
    assert sent.parse_entities([MessageEntity.URL]) == {sent.entities[0]: REEL}
    [entry] = tg.transcript(ALICE.id)
    assert entry.from_bot and entry.text == f"Found it: {REEL}"
    assert [b.get("callback_data") or b.get("url") for b in entry.buttons] == [
        "pick:1",
        "https://open.spotify.com/track/abc",
    ]


async def test_edits_are_kept_in_order_and_no_change_is_refused(
    tg: TelegramStandIn, bot: Bot
) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    status = await bot.send_message(ALICE.id, "Downloading audio…", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("Listening…", ALICE.id, status.message_id)
    assert isinstance(edited, type(status)) and edited.edit_date is not None
    await bot.edit_message_text("Added ✓", ALICE.id, status.message_id)
    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message"):
        await bot.edit_message_text("Added ✓", ALICE.id, status.message_id)
    [entry] = tg.transcript(ALICE.id)
    assert entry.history == ("Downloading audio…", "Listening…", "Added ✓")
    assert entry.keyboard == ()  # an edit without reply_markup drops the keyboard


async def test_reply_markup_edit_and_deletion(tg: TelegramStandIn, bot: Bot) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    sent = await bot.send_message(ALICE.id, "Which one?")
    await bot.edit_message_reply_markup(ALICE.id, sent.message_id, reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(ALICE.id, sent.message_id, reply_markup=KEYBOARD)
    assert tg.transcript(ALICE.id)[0].buttons[0]["text"] == "Song A"
    assert await bot.delete_message(ALICE.id, sent.message_id)
    assert tg.transcript(ALICE.id)[0].deleted
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(ALICE.id, sent.message_id)


async def test_invalid_sends_are_refused_with_telegrams_words(
    tg: TelegramStandIn, bot: Bot
) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    too_big = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="c" * 65)]])
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(ALICE.id, "Pick", reply_markup=too_big)
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(ALICE.id, "a" * 4097)
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("nope", ALICE.id, 999)
    with pytest.raises(BadRequest, match=r"^Chat not found$"):
        await bot.send_message(424242, "hello")
    with pytest.raises(BadRequest, match=r"^Message to be replied not found$"):
        await bot.send_message(ALICE.id, "re", reply_parameters=ReplyParameters(777))
    assert await bot.send_message(ALICE.id, "a" * 4096)  # the limit itself is fine


async def test_a_parse_mode_is_refused_stash_sends_plain_text(
        tg: TelegramStandIn, bot: Bot) -> None:
    # Stash never formats its messages: a parse_mode here means something changed unmodelled.
    tg.add_user(ALICE.id, ALICE.first_name)
    for mode in ("HTML", "MarkdownV2"):
        with pytest.raises(BadRequest, match="Unsupported parse_mode"):
            await bot.send_message(ALICE.id, "<b>Added</b>", parse_mode=mode)


async def test_flood_control_surfaces_as_retry_after(
    monkeypatch: pytest.MonkeyPatch, tg: TelegramStandIn, bot: Bot
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    tg.set_flood_limits(FloodLimits(private_burst=2, private_per_second=0.5))
    tg.add_user(ALICE.id, ALICE.first_name)
    status = await bot.send_message(ALICE.id, "Downloading audio…")
    await bot.edit_message_text("Listening…", ALICE.id, status.message_id)
    with pytest.raises(RetryAfter) as caught:
        await bot.edit_message_text("Finding it on Spotify…", ALICE.id, status.message_id)
    assert caught.value.retry_after == dtm.timedelta(seconds=2)
    assert tg.transcript(ALICE.id)[0].history == ("Downloading audio…", "Listening…")


async def test_a_paid_broadcast_passes_the_bots_limit_up_to_the_paid_one(
    monkeypatch: pytest.MonkeyPatch, tg: TelegramStandIn, bot: Bot
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    tg.set_flood_limits(FloodLimits(global_per_second=2, paid_per_second=3))
    people = range(3001, 3010)
    for user_id in people:
        tg.add_user(user_id, f"P{user_id}")
    first, second, third, *rest = people
    await bot.send_message(first, "Got it")
    await bot.send_message(second, "Got it")
    with pytest.raises(RetryAfter):  # over the bot's free limit, and not paid for
        await bot.send_message(third, "Got it")
    for user_id in rest[:3]:  # paid for: past the free limit, up to the paid one
        await bot.send_message(user_id, "Got it", allow_paid_broadcast=True)
    with pytest.raises(RetryAfter):
        await bot.send_message(rest[3], "Got it", allow_paid_broadcast=True)
    assert tg.world().flood.paid == 3
    assert [len(tg.transcript(u)) for u in people] == [1, 1, 0, 1, 1, 1, 0, 0, 0]


async def test_forced_retry_after_hits_only_the_next_edits(
    monkeypatch: pytest.MonkeyPatch, tg: TelegramStandIn, bot: Bot
) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    tg.add_user(ALICE.id, ALICE.first_name)
    tg.force_retry_after(1, retry_after=7)
    status = await bot.send_message(ALICE.id, "Downloading audio…")
    with pytest.raises(RetryAfter) as caught:
        await bot.edit_message_text("Listening…", ALICE.id, status.message_id)
    assert caught.value.retry_after == dtm.timedelta(seconds=7)
    assert await bot.edit_message_text("Listening…", ALICE.id, status.message_id)


async def test_a_user_who_never_started_the_bot_cannot_be_written_to(
    tg: TelegramStandIn, bot: Bot
) -> None:
    tg.add_user(BOB.id, BOB.first_name, started=False)
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await bot.send_message(BOB.id, "Hi!")
    tg.user_sends(BOB, "/start")
    assert (await bot.send_message(BOB.id, "Hi!")).text == "Hi!"
    tg.block(BOB)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(BOB.id, "Still there?")


async def test_private_link_and_command_arrive_with_entities(
    tg: TelegramStandIn, polling: Received
) -> None:
    tg.user_sends(ALICE, f"🎶 listen {REEL}.")
    message = (await next_update(polling)).message
    assert message is not None and message.from_user and message.from_user.id == ALICE.id
    assert list(message.parse_entities([MessageEntity.URL]).values()) == [REEL]
    tg.user_sends(ALICE, f"/stash {REEL}")
    command = (await next_update(polling)).message
    assert command is not None and command.entities[0].type == MessageEntity.BOT_COMMAND
    assert polling.command_args == [[REEL]]


async def test_group_messages_follow_privacy_mode(tg: TelegramStandIn, polling: Received) -> None:
    group = tg.add_group(-100777, "Friends")
    tg.user_sends(BOB, "chatting about https://example.com/x", chat_id=group["id"])
    tg.user_sends(ALICE, f"/stash@stash_test_bot {REEL}", chat_id=group["id"])
    message = (await next_update(polling)).message
    assert message is not None and message.chat.type == "supergroup"
    assert message.chat.title == "Friends" and message.from_user.id == ALICE.id  # type: ignore[union-attr]
    assert polling.command_args == [[REEL]]  # the plain chat line never reached the bot
    assert len(tg.transcript(group["id"])) == 2


async def test_group_members_have_not_started_the_bot(tg: TelegramStandIn, bot: Bot) -> None:
    group = tg.add_group(-100777, "Friends")
    tg.user_sends(BOB, f"/stash {REEL}", chat_id=group["id"])
    assert (await bot.send_message(group["id"], "Bob: added")).chat.id == group["id"]
    with pytest.raises(Forbidden, match="can't initiate conversation"):
        await bot.send_message(BOB.id, "Hi Bob")


async def test_forwarded_caption_and_reply_arrive_whole(
    tg: TelegramStandIn, bot: Bot, polling: Received
) -> None:
    tg.user_sends(ALICE, caption=f"look {REEL}", forwarded_from=BOB)
    message = (await next_update(polling)).message
    assert message is not None and message.video is not None
    assert isinstance(message.forward_origin, MessageOriginUser)
    assert message.forward_origin.sender_user.id == BOB.id
    assert list(message.parse_caption_entities().values()) == [REEL]
    answer = await bot.send_message(ALICE.id, "Which?", reply_parameters=ReplyParameters(1))
    assert answer.reply_to_message and answer.reply_to_message.message_id == 1
    tg.user_sends(ALICE, "the first", reply_to=answer.message_id)
    reply = (await next_update(polling)).message
    assert reply and reply.reply_to_message and reply.reply_to_message.text == "Which?"


async def test_button_press_is_answered_and_recorded(
    tg: TelegramStandIn, bot: Bot, polling: Received
) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    sent = await bot.send_message(ALICE.id, "Which one?", reply_markup=KEYBOARD)
    query_id = tg.press_button(ALICE, sent.message_id, "pick:1")
    query = (await next_update(polling)).callback_query
    assert query is not None and query.data == "pick:1" and query.message is not None
    answer = await tg.wait_for_answer(query_id)
    assert (answer.text, answer.show_alert) == ("Picked pick:1", True)
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query(query_id, "again")


async def test_a_replayed_update_arrives_twice(tg: TelegramStandIn, polling: Received) -> None:
    tg.user_sends(ALICE, "hello")
    first = await next_update(polling)
    tg.replay(first.update_id)
    second = await next_update(polling)
    assert second.update_id == first.update_id and second.message == first.message
    tg.user_sends(ALICE, "and again")
    third = await next_update(polling)
    assert third.message and third.message.text == "and again"


async def test_a_second_long_poll_terminates_the_first(tg: TelegramStandIn, bot: Bot) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await tg.wait_for(lambda: any(c.method == "getupdates" for c in tg.calls))
    async with Bot(TOKEN, base_url=tg.base_url) as second_instance:
        assert await second_instance.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_long_poll_waits_for_the_next_update(tg: TelegramStandIn, bot: Bot) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await tg.wait_for(lambda: any(c.method == "getupdates" for c in tg.calls))
    assert not poll.done()
    tg.user_sends(ALICE, "wake up")
    [update] = await asyncio.wait_for(poll, 2)
    assert update.message and update.message.text == "wake up"
    assert await bot.get_updates(offset=update.update_id + 1, timeout=0) == ()


async def test_webhook_delivery_carries_the_secret(tg: TelegramStandIn, bot: Bot) -> None:
    received: list[tuple[str | None, dict[str, object]]] = []
    answers = [500, 200]  # the first delivery fails and is retried

    async def hook(request: web.Request) -> web.Response:
        received.append((request.headers.get(SECRET), await request.json()))
        return web.Response(status=answers.pop(0))

    tg.webhook_retry_delay = 0.05
    app = web.Application()
    app.router.add_post("/hook", hook)
    async with TestServer(app, host="127.0.0.1") as server:
        await bot.set_webhook(str(server.make_url("/hook")), secret_token="not-a-real-secret")
        with pytest.raises(Conflict, match="webhook is active"):
            await bot.get_updates()
        tg.user_sends(ALICE, f"/stash {REEL}")
        await tg.wait_for(lambda: len(received) == 2 and not tg.world().pending)
    assert received[0] == received[1]
    secret, body = received[1]
    assert secret == "not-a-real-secret"
    update = Update.de_json(body, bot)
    assert update.message and update.message.text == f"/stash {REEL}"
    info = await bot.get_webhook_info()
    assert info.pending_update_count == 0
    assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"


async def test_raw_http_forms_work_as_on_telegram(tg: TelegramStandIn) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    api = f"{tg.base_url}{TOKEN}"
    markup = {"inline_keyboard": [[{"text": "Go", "url": "https://example.com/"}]]}
    async with aiohttp.ClientSession() as http:
        async with http.post(
            f"{api}/SendMessage", json={"chat_id": ALICE.id, "text": "json", "reply_markup": markup}
        ) as sent:
            assert (await sent.json())["result"]["reply_markup"] == markup
        async with http.get(f"{api}/getMe") as me:
            assert (await me.json())["result"]["username"] == "stash_test_bot"
        async with http.get(f"{tg.base_url}not-a-token/getMe") as malformed:
            assert malformed.status == 404
        async with http.post(f"{api}/noSuchMethod") as unknown:
            assert (unknown.status, await unknown.json()) == (
                404,
                {"ok": False, "error_code": 404, "description": "Not Found"},
            )
    assert [entry.text for entry in tg.transcript(ALICE.id)] == ["json"]


async def test_allowed_updates_filter_what_polling_returns(tg: TelegramStandIn, bot: Bot) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    keyboard = await bot.send_message(ALICE.id, "Pick", reply_markup=KEYBOARD)
    tg.user_sends(ALICE, "a text")
    tg.press_button(ALICE, keyboard.message_id, "pick:1")
    [update] = await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    assert update.callback_query and update.callback_query.data == "pick:1"


async def test_commands_and_chat_actions(tg: TelegramStandIn, bot: Bot) -> None:
    tg.add_user(ALICE.id, ALICE.first_name)
    await bot.set_my_commands([BotCommand("stash", "Save a song"), BotCommand("history", "List")])
    assert [c.command for c in await bot.get_my_commands()] == ["stash", "history"]
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad Command", "x")])
    await bot.send_chat_action(ALICE.id, "typing")
    assert tg.chat_actions(ALICE.id) == ["typing"]
