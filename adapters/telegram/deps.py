"""What every handler shares, and small facts about Telegram people and places."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.error import Forbidden
from telegram.ext import CallbackQueryHandler

from adapters.telegram import render
from adapters.telegram.sending import Sender
from core import receipts, texts
from core.connecting import Connecting
from core.models import UserKey
from core.service import Stash

log = logging.getLogger(__name__)
PLATFORM = "telegram"


def user_key(user: User) -> UserKey:
    """The Stash identity of a Telegram user."""
    return UserKey(PLATFORM, str(user.id))


def is_private(chat: Chat) -> bool:
    """A one-to-one chat with the bot."""
    return chat.type == Chat.PRIVATE


def sent_by_person(update: Update) -> tuple[Message, User] | None:
    """The message and its sender, when a person (not a channel) sent it."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None or user.is_bot:
        return None
    return message, user


def own_private_chat(query: CallbackQuery) -> bool:
    """Whether a button was pressed in the presser's own private chat with the bot."""
    message = query.message
    return message is not None and is_private(message.chat) \
        and message.chat.id == query.from_user.id


class PersonalPress(CallbackQueryHandler[Any, None]):
    """Presses of a person's own buttons (history pages, /forget, playlists): taken only in
    their own private chat; pressed anywhere else, they fall through to the last handler."""

    def check_update(self, update: object) -> bool | object | None:
        """The pattern's match, when the press is in the presser's own private chat."""
        if isinstance(update, Update) and update.callback_query is not None \
                and own_private_chat(update.callback_query):
            return super().check_update(update)
        return None


@dataclass
class Deps:
    """What the handlers share: the service, the connecting commands and the sender."""

    stash: Stash
    connecting: Connecting
    sender: Sender

    async def claim(self, update: Update) -> bool:
        """Whether to handle the update: False when it was handled already (delivered again),
        or when it is left for Telegram to deliver again (a webhook's, the database away)."""
        message, query = update.message, update.callback_query
        if message is not None:
            key = (str(message.chat_id), str(message.message_id))
        elif query is not None:
            key = ("callback", query.id)
        else:
            return True
        sender = str(update.effective_user.id) if update.effective_user else None
        try:
            return await self.stash.first_delivery(PLATFORM, *key, sender)
        except Exception as err:  # the database is away (past its retries)
            if receipts.receipt.get() is not None:  # a webhook's: Telegram sends it again
                receipts.refuse()
                log.warning("an update is left for Telegram to deliver again: %s",
                            type(err).__name__)
                return False
            # A polled update is never sent again: handling it risks a double answer, not
            # handling it loses it.
            log.warning("an update is handled without its inbox claim: %s", type(err).__name__)
            return True

    @property
    def bot_username(self) -> str:
        """The bot's @username (known once the application is initialized)."""
        return self.sender.bot.username

    async def privately(self, message: Message, user: User, payload: str,
                        answer: Callable[[int], Awaitable[None]]) -> None:
        """Answer in the person's private chat; in a group, point there (or to Start)."""
        if is_private(message.chat):
            await answer(message.chat_id)
            return
        try:
            await answer(user.id)
        except Forbidden:
            markup = render.start_button(self.bot_username, payload)
            await self.sender.reply(message, texts.say("telegram.start_me_first"), markup=markup)
            return
        await self.sender.reply(message, texts.say("telegram.sent_privately"))
