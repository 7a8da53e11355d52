"""The Translator discord.py asks for each command's words in each of Discord's locales."""

from __future__ import annotations

import sys

import discord
import pytest
from discord.app_commands import TranslationContext, TranslationContextLocation, locale_str

from adapters import translations
from adapters.discord.files import MENU
from adapters.discord.language import Translator
from tests.language_helpers import said

NAME = TranslationContext(TranslationContextLocation.command_name, None)
DESCRIPTION = TranslationContext(TranslationContextLocation.command_description, None)
LOCALES = ((discord.Locale.spain_spanish, "es"), (discord.Locale.latin_american_spanish, "es"),
           (discord.Locale.brazil_portuguese, "pt-BR"), (discord.Locale.indonesian, "id"),
           (discord.Locale.russian, "ru"))


async def test_the_menu_name_is_said_in_each_language_discord_has() -> None:
    translations.install()  # as the front does
    menu = locale_str(MENU, key="discord.menu")
    for locale, lang in LOCALES:
        assert await Translator().translate(menu, locale, NAME) == said(lang, "discord.menu")
    for other in (discord.Locale.american_english, discord.Locale.british_english,
                  discord.Locale.french):
        assert await Translator().translate(menu, other, NAME) is None


class Wordy:
    """A catalogue whose every sentence is longer than Discord takes."""

    def pgettext(self, context: str, message: str) -> str:
        return "x" * 101

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return "x" * 101


async def test_words_too_long_for_discord_leave_the_english(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules["core.texts.say"], "_lookup", lambda lang: Wordy())
    stash = locale_str("Stash the song", key="discord.command.stash")
    assert await Translator().translate(stash, discord.Locale.russian, DESCRIPTION) is None
    unkeyed = locale_str("stash")  # a command's name: no key, never translated
    assert await Translator().translate(unkeyed, discord.Locale.russian, NAME) is None
