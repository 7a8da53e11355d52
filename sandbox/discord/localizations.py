"""Application commands' localizations as Discord checks them: only Discord's own locales, names
as a command's name must be, descriptions within their length."""

from __future__ import annotations

import re
from typing import Any

from sandbox.discord.errors import field_error
from sandbox.discord.model import Json

# The locales Discord's clients are in (its Reference → Locales): nothing else is a key.
LOCALES = frozenset({
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl",
    "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi",
    "th", "zh-CN", "ja", "zh-TW", "ko"})
# A slash command's (or option's) name in any language: letters of any script, lower case.
_SLASH_NAME = re.compile(r"^[-_'\w]{1,32}$")


def localization_errors(body: Json, *, slash: bool) -> Json:
    """The errors of a command's (or an option's) name and description localizations."""
    errors: Json = {}
    for field, check in (("name_localizations", _name_error(slash)),
                         ("description_localizations", _description_error)):
        given: Any = body.get(field) or {}
        wrong = {locale: check(str(text)) if locale in LOCALES
                 else field_error("LOCALE_INVALID", f"Invalid locale: {locale}")
                 for locale, text in given.items()}
        wrong = {locale: error for locale, error in wrong.items() if error}
        if wrong:
            errors[field] = wrong
    for index, option in enumerate(body.get("options") or []):
        if inner := localization_errors(option, slash=True):
            errors.setdefault("options", {})[str(index)] = inner
    return errors


def _name_error(slash: bool) -> Any:
    def check(name: str) -> Json | None:
        fits = _SLASH_NAME.match(name) and name == name.lower() if slash else 1 <= len(name) <= 32
        return None if fits else field_error("APPLICATION_COMMAND_INVALID_NAME",
                                             "Command name is invalid")
    return check


def _description_error(text: str) -> Json | None:
    if 1 <= len(text) <= 100:
        return None
    return field_error("BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
