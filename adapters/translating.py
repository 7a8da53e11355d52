"""Making the translations: the catalogue (core.texts) extracted to locales/stash.pot, each
language's .po brought up to date with it, and compiled to the .mo the bot loads. Babel's
messages API does the reading and writing; `adapters.translation_check` says what is wrong.

One PO message per catalogue entry: msgctxt is the key, msgid the English template (msgid_plural
the plural one). No flags are written: the placeholders are str.format's `{named}` fields.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from adapters.translations import DOMAIN, LOCALES
from core.texts import accounts, errors, fronts, pages, placeholders, shares
from core.texts.languages import ENGLISH, LANGUAGES, gettext_name

PARTS = (shares, accounts, errors, fronts, pages)
WIDTH = 100
_HEADER = """\
# Stash's words, as a person reads them in a chat or a browser.
# Made by `stash translations extract` from core/texts/: do not edit by hand.
# msgctxt is the sentence's key; keep every {placeholder} (the order may change)."""


def translated_languages() -> tuple[str, ...]:
    """Every language but English (whose words are the templates themselves)."""
    return tuple(lang for lang in LANGUAGES if lang != ENGLISH)


def pot_path(root: Path = LOCALES) -> Path:
    return root / f"{DOMAIN}.pot"


def po_path(lang: str, root: Path = LOCALES) -> Path:
    return root / gettext_name(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


def _entries() -> Iterator[tuple[str, str | tuple[str, str], str]]:
    for part in PARTS:
        where = f"core/texts/{part.__name__.rsplit('.', 1)[-1]}.py"
        for key, text in part.MESSAGES.items():
            yield key, text, where
        for key, forms in part.PLURALS.items():
            yield key, forms, where


def template() -> Catalog:
    """The catalogue as a PO template: every entry, in the order the modules list them."""
    catalog = Catalog(project="Stash", domain=DOMAIN, header_comment=_HEADER, fuzzy=False,
                      msgid_bugs_address="https://github.com/")
    for key, text, where in _entries():
        names = ", ".join(f"{{{name}}}" for name in sorted(placeholders(key)))
        catalog.add(text, context=key, locations=[(where, 0)],
                    auto_comments=[f"placeholders: {names}"] if names else [])
    return catalog


def _bare(catalog: Catalog) -> Catalog:
    """The catalog without the format flags Babel guesses (fuzzy, a translator's word, stays)."""
    for message in catalog:
        message.flags -= {"python-format", "python-brace-format"}
    return catalog


def _po_bytes(catalog: Catalog, **options: bool) -> bytes:
    out = io.BytesIO()
    write_po(out, _bare(catalog), width=WIDTH, **options)
    return out.getvalue()


def write(path: Path, catalog: Catalog) -> None:
    """Write a language's catalogue as `update` writes it (for tools and tests)."""
    path.write_bytes(_po_bytes(catalog, ignore_obsolete=True))


def _messages(catalog: Catalog) -> list[tuple[object, object, object]]:
    return [(m.context, m.id, m.string or None) for m in catalog if m.id]


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=locale, domain=DOMAIN)


def extract(root: Path = LOCALES) -> bool:
    """Write locales/stash.pot from the catalogue; False when it held those messages already
    (the file, and its creation date, are left alone then)."""
    fresh, path = template(), pot_path(root)
    if path.exists() and _messages(read(path)) == _messages(fresh):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_po_bytes(fresh))
    return True


def _with_template(lang: str, root: Path, pot: Catalog) -> Catalog:
    """A language's catalogue brought up to date with the template (a new one when absent)."""
    path, locale = po_path(lang, root), gettext_name(lang)
    if path.exists():
        catalog = read(path, locale=locale)
    else:  # Plural-Forms from Babel's locale data
        catalog = Catalog(locale=locale, domain=DOMAIN, project="Stash", fuzzy=False,
                          header_comment=pot.header_comment,
                          msgid_bugs_address=pot.msgid_bugs_address)
    catalog.update(pot, update_creation_date=False)
    return catalog


def update(root: Path = LOCALES, langs: tuple[str, ...] | None = None) -> list[str]:
    """Bring every language's .po up to date with stash.pot (new messages untranslated, old
    ones dropped, changed English marked fuzzy); the languages whose file changed."""
    pot, changed = read(pot_path(root)), []
    for lang in langs or translated_languages():
        path = po_path(lang, root)
        before = path.read_bytes() if path.exists() else b""
        after = _po_bytes(_with_template(lang, root, pot), ignore_obsolete=True)
        if _messages_of(before) != _messages_of(after) or not before:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(after)
            changed.append(lang)
    return changed


def _messages_of(po: bytes) -> list[tuple[object, object, object, bool]]:
    if not po:
        return []
    return [(m.context, m.id, m.string, m.fuzzy) for m in read_po(io.BytesIO(po)) if m.id]


def mo_bytes(po: Path, lang: str) -> bytes:
    """The compiled form of a .po (fuzzy and untranslated messages left out: said in English)."""
    out = io.BytesIO()
    write_mo(out, read(po, locale=gettext_name(lang)))
    return out.getvalue()


def compile_all(root: Path = LOCALES, langs: tuple[str, ...] | None = None) -> list[str]:
    """Compile each language's .po next to it; the languages whose .mo changed."""
    changed = []
    for lang in langs or translated_languages():
        po = po_path(lang, root)
        if not po.exists():
            continue
        mo, compiled = po.with_suffix(".mo"), mo_bytes(po, lang)
        if not mo.exists() or mo.read_bytes() != compiled:
            mo.write_bytes(compiled)
            changed.append(lang)
    return changed
