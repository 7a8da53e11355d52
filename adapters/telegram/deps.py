"""What every handler shares, and small facts about Telegram people and places."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from telegram import Chat, Message, Update, User
from telegram.error import Forbidden

from adapters.telegram import render
from adapters.telegram.sending import Sender
from core import texts
from core.connecting import Connecting
from core.models import UserKey
from core.service import Stash

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


@dataclass
class Deps:
    """What the handlers share: the service, the connecting commands and the sender."""

    stash: Stash
    connecting: Connecting
    sender: Sender

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
