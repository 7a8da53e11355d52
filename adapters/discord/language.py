"""Discord in each person's language: /language and its buttons, and the commands' names and
descriptions localized through discord.py's Translator when they are synced.

Command names stay English (/stash, /history...): Stash's sentences, /help and the README name
them so, and Telegram's can only be English; a name localized would differ from every sentence
that names it. Descriptions (commands and options) and the message menu's name are translated.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import discord
from discord import app_commands
from discord.app_commands import TranslationContextLocation, TranslationContextTypes, locale_str

from adapters.chat import language
from adapters.discord import render
from adapters.discord.deps import answer_privately, press, user_key
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


class LanguageButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                     template=r"stash:l:(?P<lang>[A-Za-z-]{2,5})"):
    """A language, in its own name: the presser's language from now on."""

    def __init__(self, lang: str, label: str = "?") -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=f"stash:l:{lang}"))
        self.lang = lang

    @classmethod
    async def from_custom_id(cls, interaction: Asked, item: discord.ui.Item[Any],
                             match: re.Match[str], /) -> LanguageButton:
        """Rebuild the button from a press."""
        return cls(match["lang"])

    async def callback(self, interaction: Asked) -> None:
        """Speak the language chosen."""
        await press(interaction, lambda _: chosen_by_button(interaction, self.lang))


def languages_view() -> discord.ui.View:
    """One button per language, each in its own name."""
    view = discord.ui.View(timeout=None)
    for lang, name in language.choices():
        view.add_item(LanguageButton(lang, name))
    return view


async def on_command(interaction: Asked, value: str | None) -> None:
    """/language: the buttons; /language language:<value>: that language, or why not."""
    if not (value or "").strip():
        await answer_privately(interaction, texts.say("language.choose"), languages_view())
        return
    lang = language.chosen_in(value or "")
    if lang is None:
        unknown = texts.say("language.unknown", value=render.inert(render.clip(value or "", 40)))
        await answer_privately(interaction, unknown, languages_view())
        return
    if await _choose(interaction, lang):
        await answer_privately(interaction, texts.say("language.chosen"))


async def chosen_by_button(interaction: Asked, lang: str) -> None:
    """A language button: the message says, in the new language, that it is chosen."""
    if lang in texts.LANGUAGES and await _choose(interaction, lang):
        await interaction.response.edit_message(content=texts.say("language.chosen"), view=None)
    elif not interaction.response.is_done():
        await interaction.response.send_message(render.UNKNOWN_BUTTON, ephemeral=True)


async def _choose(interaction: Asked, lang: str) -> bool:
    """Remember the choice and speak it from now on; False (said) when storage would not."""
    client: Any = interaction.client
    try:
        await client.deps.stash.tongues.choose(user_key(interaction.user), lang)
    except Exception:
        log.warning("could not remember a person's language", exc_info=True)
        await answer_privately(interaction, texts.say("error.internal"))
        return False
    texts.speaking.set(lang)
    return True
