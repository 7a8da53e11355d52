"""/groupplaylist [on|off]: a group's playlist, turned on or off by its creator or admins."""

from __future__ import annotations

import logging

from telegram import Message, Update, User
from telegram.constants import ChatMemberStatus
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from adapters.telegram.deps import PLATFORM, Deps, is_private, sent_by_person
from core.texts import say

log = logging.getLogger(__name__)
IN_GROUPS_ONLY = say("group.only_in_groups")
MANAGERS = (ChatMemberStatus.OWNER, ChatMemberStatus.ADMINISTRATOR)


class GroupPlaylistCommand:
    """The command's one handler."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/groupplaylist: its state; on or off by an admin; anyone else is refused privately."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        if is_private(message.chat):
            await self._deps.sender.reply(message, IN_GROUPS_ONLY)
            return
        arg = " ".join(context.args or [])
        asks_change = arg.strip().lower() in ("on", "off")
        admin = asks_change and await self._manages(message, user)
        text, in_chat = await self._deps.connecting.hosting.group_command(
            f"{PLATFORM}:{message.chat_id}", arg, admin)
        if in_chat:
            await self._deps.sender.reply(message, text)
            return

        async def answer(chat_id: int) -> None:
            await self._deps.sender.send(chat_id, text)

        await self._deps.privately(message, user, "groupplaylist", answer)

    async def _manages(self, message: Message, user: User) -> bool:
        """Whether Telegram says the person is the group's creator or an administrator."""
        try:
            member = await self._deps.sender.bot.get_chat_member(message.chat_id, user.id)
        except TelegramError as err:
            log.info("could not ask Telegram who manages a group: %s", err.message)
            return False
        return member.status in MANAGERS
