"""What a person of another language should read: the catalogue's sentence said in their
language, checked to be a translation (not English) so that a test cannot pass by falling back."""

from __future__ import annotations

from adapters import translations
from core import texts


def said(lang: str, key: str, /, **values: object) -> str:
    """The sentence under `key` as a person speaking `lang` reads it; it must differ from the
    English one (the language's catalogue translates it)."""
    translations.install()
    with texts.in_language(lang):
        text = str(texts.say(key, **values))
    assert text != str(texts.say(key, **values)), f"{key} is not translated into {lang}"
    return text


def said_n(lang: str, key: str, count: int, /, **values: object) -> str:
    """A plural-shaped sentence as `said` reads it."""
    translations.install()
    with texts.in_language(lang):
        text = str(texts.say_n(key, count, **values))
    assert text != str(texts.say_n(key, count, **values)), f"{key} is not translated into {lang}"
    return text
