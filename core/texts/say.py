"""The one way Stash's words are rendered: a key, its English template, named values.

Every sentence a person reads has a stable key in one of the catalogue modules beside this one
(`core.texts.shares`, `accounts`, `errors`, `fronts`, `pages`), with `{named}` placeholders only.
Sentences said of a number are plural-shaped (`say_n`): a (singular, plural) pair and a count, as
gettext's `ngettext` takes them.

The language said in is `speaking` (a ContextVar, English by default; `in_language` sets it for a
block, and tasks started inside inherit it). Translations come from the catalogues `install`ed
here (gettext's, looked up by msgctxt = key); a missing entry, or one whose placeholders do not
fit, is said in English rather than failing.
"""

from __future__ import annotations

import logging
import string
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol

from core.texts import accounts, errors, fronts, pages, shares
from core.texts.languages import ENGLISH

MESSAGES: dict[str, str] = {}
PLURALS: dict[str, tuple[str, str]] = {}
for _part in (shares, accounts, errors, fronts, pages):
    _clash = (MESSAGES.keys() | PLURALS.keys()) & (_part.MESSAGES.keys() | _part.PLURALS.keys())
    if _clash:
        raise ValueError(f"catalogue keys said twice: {sorted(_clash)}")
    MESSAGES.update(_part.MESSAGES)
    PLURALS.update(_part.PLURALS)


log = logging.getLogger(__name__)

speaking: ContextVar[str] = ContextVar("speaking", default=ENGLISH)


class Catalogue(Protocol):
    """What a language's translations answer (stdlib gettext.GNUTranslations does)."""

    def pgettext(self, context: str, message: str, /) -> str: ...

    def npgettext(self, context: str, singular: str, plural: str, n: int, /) -> str: ...


Lookup = Callable[[str], Catalogue | None]
Dates = Callable[[float, str], str]  # (a Unix time, a language) -> its day, as written there
_lookup: Lookup | None = None
_dates: Dates | None = None
_complained: set[tuple[str, str]] = set()


def install(lookup: Lookup | None, dates: Dates | None = None) -> None:
    """Say sentences through `lookup(lang)` (a language's catalogue, or None for English) and
    days through `dates`; None goes back to English only (and ISO 8601 days)."""
    global _lookup, _dates
    _lookup, _dates = lookup, dates


def say_day(timestamp: float) -> str:
    """The day (UTC) of a Unix time, as the language spoken writes it ("Dec 5, 2026",
    "5 дек. 2026 г."); "2026-12-05" when no date formats are installed."""
    if _dates is not None:
        return _dates(timestamp, speaking.get())
    return time.strftime("%Y-%m-%d", time.gmtime(timestamp))


@contextmanager
def in_language(lang: str) -> Iterator[str]:
    """Say everything in `lang` inside the block (tasks started inside inherit it)."""
    token = speaking.set(lang)
    try:
        yield lang
    finally:
        speaking.reset(token)


class Said(str):
    """A sentence as said, that remembers its key, values and language: a sentence kept in a
    constant or carried by an error can be said again in another language (`resay`)."""

    key: str
    values: Mapping[str, object]
    lang: str

    def __new__(cls, text: str, key: str, values: Mapping[str, object],
                lang: str = ENGLISH) -> Said:
        said = super().__new__(cls, text)
        said.key, said.values, said.lang = key, values, lang
        return said

    def __getnewargs__(self) -> tuple[str, str, Mapping[str, object], str]:  # type: ignore[override]
        return str(self), self.key, self.values, self.lang


def _catalogue(lang: str) -> Catalogue | None:
    if lang == ENGLISH or _lookup is None:
        return None
    return _lookup(lang)


def _filled(key: str, lang: str, english: str, translated: str, values: Mapping[str, object]
            ) -> str:
    """`translated` filled in; English when its placeholders do not fit (named once in the log:
    the key and language only, never the values)."""
    if translated != english:
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError, AttributeError, TypeError):
            if (lang, key) not in _complained:
                _complained.add((lang, key))
                log.warning("translation of %s in %s does not fit its placeholders", key, lang)
    return english.format(**values)


def _here(values: Mapping[str, object], lang: str) -> dict[str, object]:
    """Values with every sentence among them said again in `lang` (a constant said at import)."""
    return {name: resay(value, lang) if isinstance(value, Said) and value.lang != lang else value
            for name, value in values.items()}


def say(key: str, /, **values: object) -> str:
    """The sentence under `key` in the language `speaking`, its placeholders filled from `values`
    (every one is named); a `Said`, typed as the str it is so that callers mix it freely."""
    lang, english, values = speaking.get(), MESSAGES[key], _here(values, speaking.get())
    catalogue = _catalogue(lang)
    if catalogue is None:
        return Said(english.format(**values), key, values, lang)
    text = _filled(key, lang, english, catalogue.pgettext(key, english), values)
    return Said(text, key, values, lang)


def say_n(key: str, count: int, /, **values: object) -> str:
    """A sentence said of `count` things: the form the language uses for it, `{count}` filled."""
    lang, (singular, plural) = speaking.get(), PLURALS[key]
    english, values = singular if count == 1 else plural, {"count": count, **_here(values, lang)}
    catalogue = _catalogue(lang)
    if catalogue is None:
        return Said(english.format(**values), key, values, lang)
    translated = catalogue.npgettext(key, singular, plural, count)
    return Said(_filled(key, lang, english, translated, values), key, values, lang)


def resay(said: str, lang: str) -> str:
    """`said` said again in `lang` (a sentence that is not a `Said` stays as it is)."""
    if not isinstance(said, Said) or said.lang == lang:
        return said
    with in_language(lang):
        if said.key in PLURALS:
            values = dict(said.values)
            return say_n(said.key, int(values.pop("count")), **values)  # type: ignore[call-overload]
        return say(said.key, **said.values)


def placeholders(key: str) -> frozenset[str]:
    """The names a key's template(s) take (with `count` for a plural-shaped sentence)."""
    forms = PLURALS.get(key) or (MESSAGES[key],)
    return frozenset(name for form in forms
                     for _, name, _, _ in string.Formatter().parse(form) if name)


def said_facts(text: str) -> dict[str, object]:
    """A sentence's key and values as JSON keeps them (empty for text not from the catalogue,
    or holding values JSON would not give back as they are)."""
    if not isinstance(text, Said) or not all(
            type(value) in (str, int, float, bool) for value in text.values.values()):
        return {}
    return {"key": text.key, "values": dict(text.values)}


def said_again(text: str, key: object, values: object) -> str:
    """`text` as the `Said` of `key` and `values` (from `said_facts`), when they name a sentence
    of the catalogue: it can be said again in another language."""
    if isinstance(key, str) and (key in MESSAGES or key in PLURALS) and isinstance(values, dict):
        return Said(text, key, values)
    return text
