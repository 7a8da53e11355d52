"""Sending messages: flood waits are waited out, and the few Bot API errors we expect named."""

from __future__ import annotations

import datetime as dtm
import logging
import warnings
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Message, ReplyParameters
from telegram.error import BadRequest, RetryAfter, TelegramError
from telegram.ext import ExtBot
from telegram.warnings import PTBDeprecationWarning

from adapters.chat.language import spoken
from adapters.chat.status import Flood
from adapters.chat.text import clip
from adapters.telegram.budget import BotBudget
from adapters.telegram.pacing import ChatPacer

log = logging.getLogger(__name__)
# Telegram refuses a message over 4,096 UTF-16 code units: nothing sent here is longer.
TEXT_MAX = 4096

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
T = TypeVar("T")


def retry_seconds(err: RetryAfter) -> float:
    """How long Telegram asked us to wait, whether or not PTB_TIMEDELTA is set."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = err.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def not_modified(err: BadRequest) -> bool:
    """Telegram's answer to an edit that changes nothing: the message already shows it."""
    return "message is not modified" in err.message.lower()


class Sender:
    """Sends messages within the bot-wide budget and each chat's pace; flood waits are waited
    out (as long as `MessagePacing.max_flood_wait`), so a message is sent as soon as Telegram
    allows."""

    def __init__(self, bot: ExtBot[None], pacer: ChatPacer, budget: BotBudget | None = None
                 ) -> None:
        self.bot = bot
        self.pacer = pacer
        pacing = pacer.pacing
        self.budget = budget or BotBudget(pacing.bot_per_second, pacing.clock, pacing.sleep,
                                          paid_per_second=pacing.paid_per_second)

    async def send(self, chat_id: int, text: str, *, markup: InlineKeyboardMarkup | None = None,
                   reply_to: int | None = None, preview: bool = True,
                   private: bool | None = None) -> Message:
        """Send, waiting out flood limits; other Bot API errors (Forbidden...) are raised."""
        reply = ReplyParameters(reply_to, allow_sending_without_reply=True) if reply_to else None
        return await self.paced(chat_id, _private(chat_id, private), lambda: self.bot.send_message(
            chat_id, clip(spoken(text), TEXT_MAX), reply_markup=markup, reply_parameters=reply,
            link_preview_options=None if preview else NO_PREVIEW))

    async def paced(self, chat_id: int, private: bool, call: Callable[[], Awaitable[T]]) -> T:
        """`call` in the chat's turn and the bot's budget, again after each flood wait."""
        waited = 0.0
        while True:
            await self.pacer.turn(chat_id, private)
            await self.budget.take(urgent=True)
            try:
                result = await self.attempt(chat_id, call)
            finally:
                self.budget.release()
            if not isinstance(result, Flood):
                return result
            waited += result.seconds
            if waited > self.pacer.pacing.max_flood_wait:
                raise result.error

    async def attempt(self, chat_id: int, call: Callable[[], Awaitable[T]]) -> T | Flood:
        """`call` once; a flood wait holds the chat until Telegram lets it write again (the one
        place Telegram's flood waits are read: status messages and every other message)."""
        try:
            return await call()
        except RetryAfter as err:
            seconds = retry_seconds(err)
            self.pacer.hold(chat_id, seconds)
            return Flood(seconds, err)

    async def call(self, method: str, rate_limit_args: Any = None, **params: object) -> Any:
        """A Bot API call answered with Telegram's JSON as it is (PTB parsed the Message a
        send or an edit answers, twice over for a reply: a tenth of a herd's loop for an id).
        Telegram's method names are case-insensitive; PTB asks callers of the ones it names
        to use its own methods, so the lower-case name goes."""
        return await self.bot.do_api_request(method.lower(), params,
                                             rate_limit_args=rate_limit_args)

    async def reply(self, message: Message, text: str, *,
                    markup: InlineKeyboardMarkup | None = None, preview: bool = False
                    ) -> Message | None:
        """Answer a message in its chat; a failure is logged, since nobody else can be told."""
        try:
            return await self.send(message.chat_id, text, markup=markup,
                                   reply_to=message.message_id, preview=preview)
        except TelegramError as err:
            log.warning("could not answer in chat %s: %s", message.chat_id, err.message)
            return None

    async def edit(self, chat_id: int, message_id: int, text: str, *,
                   markup: InlineKeyboardMarkup | None = None, preview: bool = False) -> None:
        """Edit a message once (after any flood wait); an unchanged message is no error."""
        try:
            await self.paced(chat_id, _private(chat_id), lambda: self.bot.edit_message_text(
                clip(spoken(text), TEXT_MAX), chat_id, message_id, reply_markup=markup,
                link_preview_options=None if preview else NO_PREVIEW))
        except BadRequest as err:
            if not not_modified(err):
                log.warning("could not edit in chat %s: %s", chat_id, err.message)

    async def strip_buttons(self, chat_id: int, message_id: int) -> None:
        """Remove a message's buttons, leaving its text; a failure only costs dead buttons."""
        try:
            await self.paced(chat_id, _private(chat_id), lambda: self.bot.edit_message_reply_markup(
                chat_id, message_id, reply_markup=None))
        except TelegramError as err:
            log.info("could not remove buttons in chat %s: %s", chat_id, err.message)


def _private(chat_id: int, private: bool | None = None) -> bool:
    """Private chats have positive ids on Telegram, groups negative ones."""
    return chat_id > 0 if private is None else private
