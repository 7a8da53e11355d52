"""Catalogues for tests that cannot depend on what the translators wrote: every message
"translated" as `[<lang>] <English>` (placeholders kept), each plural form numbered
(`[ru:2] <English plural>`), made by the real `stash translations` tools in a temporary locales
directory and compiled; `marked` says sentences through them (and days through Babel)."""

from __future__ import annotations

import functools
import gettext
import importlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from adapters import translations
from adapters.translating import (
    compile_all,
    extract,
    po_path,
    read,
    translated_languages,
    update,
    write,
)
from core.texts.languages import gettext_name
from core.texts.say import Lookup

say_module = importlib.import_module("core.texts.say")  # (core.texts.say is also the function)


def marked_catalogues(root: Path, langs: tuple[str, ...] | None = None) -> Path:
    """A locales directory under `root` whose every message is marked with its language."""
    langs = langs or translated_languages()
    extract(root)
    update(root, langs)
    for lang in langs:
        catalog = read(po_path(lang, root), gettext_name(lang))
        for message in catalog:
            if not message.id:
                continue
            if message.pluralizable:
                message.string = tuple(f"[{lang}:{index}] {message.id[1]}"
                                       for index in range(catalog.num_plurals))
            else:
                message.string = f"[{lang}] {message.id}"
        write(po_path(lang, root), catalog)
    compile_all(root, langs)
    return root


def lookup_in(root: Path) -> Lookup:
    """A catalogue lookup reading the compiled catalogues under `root`."""
    @functools.cache
    def lookup(lang: str) -> gettext.GNUTranslations | None:
        path = translations.mo_path(lang, root)
        if lang == "en" or not path.exists():
            return None
        with path.open("rb") as compiled:
            return gettext.GNUTranslations(compiled)

    return lookup


@pytest.fixture(scope="session")
def marked_locales(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The marked catalogues, made once a test run."""
    return marked_catalogues(tmp_path_factory.mktemp("marked") / "locales")


@pytest.fixture
def marked(marked_locales: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Sentences said through the marked catalogues, days through Babel, for one test."""
    monkeypatch.setattr(say_module, "_lookup", lookup_in(marked_locales))
    monkeypatch.setattr(say_module, "_dates", translations.day)
    yield marked_locales
