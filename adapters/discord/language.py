"""Discord in each person's language: /language and its buttons, and the commands' names and
descriptions localized through discord.py's Translator when they are synced.

Command names stay English (/stash, /history...): Stash's sentences, /help and the README name
them so, and Telegram's can only be English; a name localized would differ from every sentence
that names it. Descriptions (commands and options) and the message menu's name are translated.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation, TranslationContextTypes, locale_str

from adapters.chat import language
from adapters.discord import render, views
from adapters.discord.deps import Deps, answer_privately, user_key
from core import texts

log = logging.getLogger(__name__)
Asked = discord.Interaction[Any]
# Discord's limits on a localized command name (a message menu's) and a description.
NAME_MAX, DESCRIPTION_MAX = 32, 100


def said(key: str) -> locale_str:
    """A command's words: English, with the catalogue key the Translator says it by."""
    return locale_str(texts.say(key), key=key)


class Translator(app_commands.Translator):
    """The catalogue's translation of a command's words for each locale Discord has (None:
    Discord shows the English)."""

    async def translate(self, string: locale_str, locale: discord.Locale,
                        context: TranslationContextTypes) -> str | None:
        key, lang = string.extras.get("key"), texts.pick(locale.value)
        if key is None or lang == "en":
            return None
        with texts.in_language(lang):
            text = str(texts.say(key))
        limit = NAME_MAX if context.location is TranslationContextLocation.command_name \
            else DESCRIPTION_MAX
        if text == string.message or len(text) > limit:
            return None  # not translated, or too long for Discord: the English stands
        return text


class LanguageCommand:
    """/language and its buttons: the language a person is spoken to in from now on."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def items(self) -> tuple[views.ButtonItem, ...]:
        """The language buttons, for the client to register."""
        return (views.pressed(views.LANGUAGE, self._deps,
                              lambda i, m: self.press(i, m["lang"])),)

    async def on_command(self, interaction: Asked, value: str | None) -> None:
        """/language: the buttons; /language language:<value>: that language, or why not."""
        if not (value or "").strip():
            await answer_privately(interaction, texts.say("language.choose"),
                                   views.languages_view())
            return
        lang = language.chosen_in(value or "")
        if lang is None:
            unknown = texts.say("language.unknown",
                                value=render.inert(render.clip(value or "", 40)))
            await answer_privately(interaction, unknown, views.languages_view())
            return
        if await self._choose(interaction, lang):
            await answer_privately(interaction, texts.say("language.chosen"))

    async def press(self, interaction: Asked, lang: str) -> None:
        """A language button: the message says, in the new language, that it is chosen."""
        if lang in texts.LANGUAGES and await self._choose(interaction, lang):
            await interaction.response.edit_message(content=texts.say("language.chosen"),
                                                    view=None)
        elif not interaction.response.is_done():
            await interaction.response.send_message(texts.say("unknown_button"), ephemeral=True)

    async def _choose(self, interaction: Asked, lang: str) -> bool:
        """Remember the choice and speak it from now on; False (said) when storage would not."""
        try:
            await self._deps.stash.tongues.choose(user_key(interaction.user), lang)
        except Exception:
            log.warning("could not remember a person's language", exc_info=True)
            await answer_privately(interaction, texts.say("error.internal"))
            return False
        texts.speaking.set(lang)
        return True
