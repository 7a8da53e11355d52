"""Button presses: choices, history pages, the /forget confirmation and playlists."""

from __future__ import annotations

import contextlib
import logging
import re

from telegram import CallbackQuery, MaybeInaccessibleMessage, Update
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.deps import Deps, is_private, user_key
from adapters.telegram.history import History
from adapters.telegram.language import PREFIX, LanguageCommand
from adapters.telegram.status import StatusMessage, View
from core import texts
from core.connecting import REVOKE_HINT
from core.errors import ChoiceExpired, NotYourChoice, StashError
from core.labels import place_label
from core.outcomes import ShareFailed

log = logging.getLogger(__name__)

_CHOICE = re.compile(r"^c:([A-Za-z0-9_-]{1,40}):(\d|x)(?::(\d{1,2}/\d{1,2}))?$")
_PAGE = re.compile(r"^h:(\d{1,4})$")


class Presses:
    """The one CallbackQueryHandler; anything it does not recognize gets a polite alert."""

    def __init__(self, deps: Deps, history: History, language: LanguageCommand) -> None:
        self._deps = deps
        self._history = history
        self._language = language

    async def on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Route a press by its data; a forged or stale button never raises."""
        query = update.callback_query
        if query is None:
            return
        try:
            await self._route(query, query.data or "")
        except Exception:
            log.exception("a button press failed")
            with contextlib.suppress(TelegramError):
                await query.answer(texts.say("unknown_button"), show_alert=True)

    async def _route(self, query: CallbackQuery, data: str) -> None:
        if choice := _CHOICE.match(data):
            await self._choose(query, choice.group(1), choice.group(2), choice.group(3) or "")
        elif data.startswith(PREFIX):  # anyone's own language, from any chat
            await self._language.press(query, data)
        elif not self._own_private_chat(query):
            await query.answer(texts.say("telegram.not_your_button"), show_alert=True)
        elif page := _PAGE.match(data):
            await self._history.turn_page(query, int(page.group(1)))
        elif data in ("f:yes", "f:no"):
            await self._forget(query, data == "f:yes")
        elif data in ("hc:yes", "hc:no"):
            await self._copy(query, data == "hc:yes")
        elif data.startswith("p:") and len(data) > 2:
            await self._use_playlist(query, data[2:])
        else:
            await query.answer(texts.say("unknown_button"), show_alert=True)

    @staticmethod
    def _own_private_chat(query: CallbackQuery) -> bool:
        """Personal buttons live only in the presser's own private chat."""
        message = query.message
        return message is not None and is_private(message.chat) \
            and message.chat.id == query.from_user.id

    async def _choose(self, query: CallbackQuery, choice_id: str, pick: str, place: str) -> None:
        message = query.message
        if message is None:
            await query.answer(ChoiceExpired.user_message, show_alert=True)
            return
        text = getattr(message, "text", None) or ""
        status = StatusMessage(self._deps.sender, message.chat.id, message.message_id,
                               private=is_private(message.chat), shown=View(text),
                               prefix=place_label(place))
        outcome = await self._deps.stash.choose(user_key(query.from_user), choice_id,
                                                None if pick == "x" else int(pick), status)
        if isinstance(outcome, ShareFailed) and \
                isinstance(outcome.error, NotYourChoice | ChoiceExpired):
            await query.answer(outcome.error.user_message, show_alert=True)
            if isinstance(outcome.error, ChoiceExpired) and _carries(message, query.data):
                # Dead buttons would only fool the next person. Only the buttons go: the text
                # may already be the result of a press a moment earlier.
                await self._deps.sender.strip_buttons(message.chat.id, message.message_id)
            return
        await query.answer()
        await status.finish(*render.outcome_view(outcome))

    async def _forget(self, query: CallbackQuery, confirmed: bool) -> None:
        await query.answer()
        text = texts.say("forget.kept")
        if confirmed:
            removed = await self._deps.connecting.forget(user_key(query.from_user))
            text = texts.forgotten_text(removed, REVOKE_HINT)
        await self._edit(query, text)

    async def _copy(self, query: CallbackQuery, confirmed: bool) -> None:
        await query.answer()
        if not confirmed:
            await self._edit(query, texts.say("hosted.copy_left"))
            return
        try:
            text = await self._deps.connecting.hosting.copy(user_key(query.from_user))
        except StashError as err:
            text = err.user_message
        await self._edit(query, text)

    async def _use_playlist(self, query: CallbackQuery, playlist_id: str) -> None:
        try:
            chosen = await self._deps.connecting.use_playlist(user_key(query.from_user),
                                                              playlist_id)
        except StashError as err:
            await query.answer(err.user_message, show_alert=True)
            return
        await query.answer()
        await self._edit(query, texts.playlist_text(chosen.name))

    async def _edit(self, query: CallbackQuery, text: str) -> None:
        if query.message is not None:
            await self._deps.sender.edit(query.message.chat.id, query.message.message_id, text)


def _carries(message: MaybeInaccessibleMessage, data: str | None) -> bool:
    """Whether the message really shows a button with this data (not a forged press)."""
    markup = getattr(message, "reply_markup", None)
    rows = markup.inline_keyboard if markup is not None else ()
    return any(button.callback_data == data for row in rows for button in row)
