"""/history: the person's own stash, newest first, paged with buttons, only ever privately."""

from __future__ import annotations

import re

from telegram import InlineKeyboardMarkup, Message, Update, User
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.deps import Deps, sent_by_person, user_key

PAGE_SIZE = 5
PAGE = re.compile(r"h:(\d{1,4})\Z")  # a page button's data: "h:<page>", the newest 0


class History:
    """The /history command and its page buttons."""

    def __init__(self, deps: Deps, page_size: int = PAGE_SIZE) -> None:
        self._deps = deps
        self._page_size = page_size

    async def on_history(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/history [page], and /start history (a group's "open a chat" button)."""
        if (sent := sent_by_person(update)) is None:
            return
        arg = (context.args or [""])[0]
        await self.show(*sent, page=int(arg) - 1 if arg.isdigit() and int(arg) > 0 else 0)

    async def show(self, message: Message, user: User, page: int = 0) -> None:
        """Send a page of the person's history to their private chat."""
        text, markup = await self.page(user, page)

        async def answer(chat_id: int) -> None:
            await self._deps.sender.send(chat_id, text, markup=markup, preview=False)

        await self._deps.privately(message, user, "history", answer)

    async def page(self, user: User, page: int) -> tuple[str, InlineKeyboardMarkup | None]:
        """The text and buttons of one page of `user`'s history."""
        size = self._page_size
        # One entry more than a page says whether an older page exists.
        entries = await self._deps.stash.history(user_key(user), size + 1, page * size)
        return render.history_view(entries[:size], page, len(entries) > size)

    async def on_page(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A page button: the presser's own history, in the message the button is on."""
        query, match = update.callback_query, context.match
        if query is None or match is None:
            return
        text, markup = await self.page(query.from_user, int(match[1]))
        await query.answer()
        message = query.message
        if message is not None:
            await self._deps.sender.edit(message.chat.id, message.message_id, text,
                                         markup=markup)
