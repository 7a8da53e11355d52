"""What each button does: choices, the /forget confirmation, the copy offer and playlists."""

from __future__ import annotations

import re

from telegram import CallbackQuery, MaybeInaccessibleMessage, Update
from telegram.ext import ContextTypes

from adapters.telegram import render
from adapters.telegram.deps import Deps, is_private, own_private_chat, user_key
from adapters.telegram.status import StatusMessage, View
from core import texts
from core.connecting import REVOKE_HINT
from core.errors import ChoiceExpired, NotYourChoice, StashError
from core.labels import place_label
from core.outcomes import ShareFailed

# The data of each kind of button (render.py makes them); the front routes presses by these.
CHOICE = re.compile(r"c:([A-Za-z0-9_-]{1,40}):(\d|x)(?::(\d{1,2}/\d{1,2}))?\Z")
FORGET = re.compile(r"f:(yes|no)\Z")
COPY = re.compile(r"hc:(yes|no)\Z")
PLAYLIST = re.compile(r"p:(.+)\Z", re.DOTALL)


class Presses:
    """What each button does; the front routes each kind here by the pattern of its data."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_choice(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A candidate (or "None of these") of a share's choice: anyone's, from any chat."""
        query, match = update.callback_query, context.match
        if query is not None and match is not None:
            await self._choose(query, match[1], match[2], match[3] or "")

    async def on_forget(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The /forget confirmation: delete everything, or keep it."""
        query, match = update.callback_query, context.match
        if query is None or match is None:
            return
        await query.answer()
        text = texts.say("forget.kept")
        if match[1] == "yes":
            removed = await self._deps.connecting.forget(user_key(query.from_user))
            text = texts.forgotten_text(removed, REVOKE_HINT)
        await self._edit(query, text)

    async def on_copy(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """The offer to copy a hosted playlist's songs into the person's own."""
        query, match = update.callback_query, context.match
        if query is None or match is None:
            return
        await query.answer()
        if match[1] != "yes":
            await self._edit(query, texts.say("hosted.copy_left"))
            return
        try:
            text = await self._deps.connecting.hosting.copy(user_key(query.from_user))
        except StashError as err:
            text = err.user_message
        await self._edit(query, text)

    async def on_playlist(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """One of the person's playlists, to add their songs to."""
        query, match = update.callback_query, context.match
        if query is None or match is None:
            return
        try:
            chosen = await self._deps.connecting.use_playlist(user_key(query.from_user), match[1])
        except StashError as err:
            await query.answer(err.user_message, show_alert=True)
            return
        await query.answer()
        await self._edit(query, texts.playlist_text(chosen.name))

    async def on_other(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A press no handler before took: someone's own button outside their private chat, or
        data no button of Stash carries (stale or forged)."""
        query = update.callback_query
        if query is None:
            return
        if own_private_chat(query):
            await query.answer(texts.say("unknown_button"), show_alert=True)
        else:
            await query.answer(texts.say("telegram.not_your_button"), show_alert=True)

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

    async def _edit(self, query: CallbackQuery, text: str) -> None:
        if query.message is not None:
            await self._deps.sender.edit(query.message.chat.id, query.message.message_id, text)


def _carries(message: MaybeInaccessibleMessage, data: str | None) -> bool:
    """Whether the message really shows a button with this data (not a forged press)."""
    markup = getattr(message, "reply_markup", None)
    rows = markup.inline_keyboard if markup is not None else ()
    return any(button.callback_data == data for row in rows for button in row)
