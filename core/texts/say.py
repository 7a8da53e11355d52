"""The one way Stash's words are rendered: a key, its English template, named values.

Every sentence a person reads has a stable key in one of the catalogue modules beside this one
(`core.texts.shares`, `accounts`, `errors`, `fronts`, `pages`), with `{named}` placeholders only.
Sentences said of a number are plural-shaped (`say_n`): a (singular, plural) pair and a count, as
gettext's `ngettext` takes them. A translator, when one comes, is passed here and nowhere else.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from core.texts import accounts, errors, fronts, pages, shares

MESSAGES: dict[str, str] = {}
PLURALS: dict[str, tuple[str, str]] = {}
for _part in (shares, accounts, errors, fronts, pages):
    _clash = (MESSAGES.keys() | PLURALS.keys()) & (_part.MESSAGES.keys() | _part.PLURALS.keys())
    if _clash:
        raise ValueError(f"catalogue keys said twice: {sorted(_clash)}")
    MESSAGES.update(_part.MESSAGES)
    PLURALS.update(_part.PLURALS)


class Said(str):
    """A sentence as said (in English), that remembers its key and values: a sentence kept in
    a constant or carried by an error can be said again in another language."""

    key: str
    values: Mapping[str, object]

    def __new__(cls, text: str, key: str, values: Mapping[str, object]) -> Said:
        said = super().__new__(cls, text)
        said.key, said.values = key, values
        return said

    def __getnewargs__(self) -> tuple[str, str, Mapping[str, object]]:  # type: ignore[override]
        return str(self), self.key, self.values


def say(key: str, /, **values: object) -> str:
    """The sentence under `key`, its placeholders filled from `values` (every one is named); a
    `Said`, typed as the str it is so that callers mix it with other text freely."""
    return Said(MESSAGES[key].format(**values), key, values)


def say_n(key: str, count: int, /, **values: object) -> str:
    """A sentence said of `count` things: the singular or plural form, `{count}` filled in."""
    singular, plural = PLURALS[key]
    text = (singular if count == 1 else plural).format(count=count, **values)
    return Said(text, key, {"count": count, **values})


def placeholders(key: str) -> frozenset[str]:
    """The names a key's template(s) take (with `count` for a plural-shaped sentence)."""
    forms = PLURALS.get(key) or (MESSAGES[key],)
    return frozenset(name for form in forms
                     for _, name, _, _ in string.Formatter().parse(form) if name)
