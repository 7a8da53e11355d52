"""The language of each update (the person's /language choice, else their `language_code`), the
/language command with its buttons, and the command menu in every language."""

from __future__ import annotations

import logging
import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import ContextTypes, ExtBot

from adapters.chat import language
from adapters.telegram import render
from adapters.telegram.deps import Deps, sent_by_person, user_key
from core import texts
from core.models import UserKey

log = logging.getLogger(__name__)
PREFIX = "l:"  # a language button's data: "l:pt-BR"
PRESSED = re.compile(rf"{PREFIX}(.*)\Z", re.DOTALL)


async def speak(deps: Deps, update: Update) -> None:
    """Speak the update's person's language for the rest of its handling (and the tasks it
    starts: a share's status message, its result)."""
    user = update.effective_user
    if user is not None and not user.is_bot:
        person, tongues = user_key(user), deps.stash.tongues
        tongues.note(person, user.language_code)  # a share resumed elsewhere reads it
        texts.speaking.set(await tongues.of(person, user.language_code))


def command_code(lang: str) -> str:
    """The code Telegram takes for a language's command menu: two letters ("pt-BR" -> "pt")."""
    return lang.split("-")[0]


async def set_commands(bot: ExtBot[None]) -> None:
    """The command menu: English for everyone, and each other language for its speakers."""
    await bot.set_my_commands(render.commands())
    for lang in texts.LANGUAGES:
        if lang != "en":
            with texts.in_language(lang):
                await bot.set_my_commands(render.commands(), language_code=command_code(lang))


def keyboard() -> InlineKeyboardMarkup:
    """One button per language, each in its own name, two to a row."""
    buttons = [InlineKeyboardButton(name, callback_data=PREFIX + lang)
               for lang, name in language.choices()]
    return InlineKeyboardMarkup([buttons[n:n + 2] for n in range(0, len(buttons), 2)])


class LanguageCommand:
    """/language [code or name], and its buttons."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/language: the buttons; /language <value>: that language, or why not."""
        if (sent := sent_by_person(update)) is None:
            return
        message, user = sent
        value = " ".join(context.args or []).strip()
        if not value:
            await self._deps.sender.reply(message, texts.say("language.choose"),
                                          markup=keyboard())
            return
        lang = language.chosen_in(value)
        if lang is None:
            await self._deps.sender.reply(message, texts.say(
                "language.unknown", value=render.inert(value[:40])), markup=keyboard())
            return
        if await self._choose(user_key(user), lang):
            await self._deps.sender.reply(message, texts.say("language.chosen"))
        else:
            await self._deps.sender.reply(message, texts.say("error.internal"))

    async def on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A language button: the presser's own language (anyone's buttons, in any chat)."""
        query, match = update.callback_query, context.match
        if query is None or match is None:
            return
        lang = match[1]
        if lang not in texts.LANGUAGES:
            await query.answer(texts.say("unknown_button"), show_alert=True)
            return
        if not await self._choose(user_key(query.from_user), lang):
            await query.answer(texts.say("error.internal"), show_alert=True)
            return
        await query.answer()
        message = query.message
        if isinstance(message, Message):
            await self._deps.sender.edit(message.chat.id, message.message_id,
                                         texts.say("language.chosen"))

    async def _choose(self, user: UserKey, lang: str) -> bool:
        """Remember the choice and speak it from now on; False when storage would not."""
        try:
            await self._deps.stash.tongues.choose(user, lang)
        except Exception:
            log.warning("could not remember a person's language", exc_info=True)
            return False
        texts.speaking.set(lang)
        return True
