"""`stash translations check`: what is wrong with the shipped translations, one line each.

A language's catalogue must hold every message of the catalogue, translated (not fuzzy), with
the same `{placeholders}` (any order; a plural form that only one number takes may leave out
{count}), the plural forms Babel's locale data gives the language, and a .mo compiled from it.
"""

from __future__ import annotations

import gettext
import io
import string
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from adapters.translating import (
    mo_bytes,
    po_path,
    pot_path,
    read,
    template,
    translated_languages,
)
from adapters.translations import LOCALES
from core.texts import placeholders
from core.texts.languages import gettext_name


def names(text: str) -> frozenset[str] | None:
    """The named fields of a str.format template; None when it is not one (a positional
    field, an unbalanced brace)."""
    try:
        fields = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return None
    if any(not name or name[0].isdigit() for name in fields):
        return None
    return frozenset(name.split(".")[0].split("[")[0] for name in fields)


def check(root: Path = LOCALES, langs: tuple[str, ...] | None = None) -> list[str]:
    """Every problem, as `<lang>: <key>: what` lines; empty when all is well."""
    wanted = template()
    problems = [] if _same(wanted, pot_path(root)) else [
        "stash.pot: not the catalogue's messages (run `stash translations extract`)"]
    for lang in langs or translated_languages():
        po = po_path(lang, root)
        if not po.exists():
            problems.append(f"{lang}: no {po.relative_to(root)} (run `stash translations update`)")
            continue
        problems += [f"{lang}: {line}" for line in _language(lang, read(po, gettext_name(lang)),
                                                              wanted)]
        if not _compiled_from(po, lang):
            problems.append(f"{lang}: stash.mo is not compiled from stash.po"
                            " (run `stash translations compile`)")
    return problems


def _compiled_from(po: Path, lang: str) -> bool:
    """Whether the .mo beside `po` says what `po` says (whichever tool compiled it; the
    header, which tools write each their own way, aside)."""
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return False
    try:
        with mo.open("rb") as compiled:
            shipped = _said_by(gettext.GNUTranslations(compiled))
    except (OSError, ValueError):
        return False
    return shipped == _said_by(gettext.GNUTranslations(io.BytesIO(mo_bytes(po, lang))))


def _said_by(translations: gettext.GNUTranslations) -> dict[object, str]:
    catalog: dict[object, str] = getattr(translations, "_catalog", {})
    return {key: text for key, text in catalog.items() if key != ""}


def _same(wanted: Catalog, pot: Path) -> bool:
    if not pot.exists():
        return False
    return [(m.context, m.id) for m in read(pot) if m.id] == [(m.context, m.id)
                                                              for m in wanted if m.id]


def _language(lang: str, catalog: Catalog, wanted: Catalog) -> list[str]:
    problems = []
    forms = get_plural(gettext_name(lang))
    if catalog.num_plurals != forms.num_plurals:
        problems.append(f"Plural-Forms says {catalog.num_plurals} forms, the language has"
                        f" {forms.num_plurals} ({forms.plural_forms})")
    takes_one = _forms_of_one_number(forms.plural_expr, forms.num_plurals)
    for message in wanted:
        if not message.id:
            continue
        key = str(message.context)
        found = catalog.get(message.id, context=key)
        if found is None:
            problems.append(f"{key}: missing (run `stash translations update`)")
        else:
            problems += [f"{key}: {line}" for line in _message(key, found, takes_one,
                                                                 forms.num_plurals)]
    for message in catalog:
        if message.id and wanted.get(message.id, context=message.context) is None:
            problems.append(f"{message.context}: no longer said (run `stash translations update`)")
    return problems


def _message(key: str, found: Message, takes_one: set[int], num_plurals: int) -> list[str]:
    if found.fuzzy:
        return ["fuzzy: its English changed, check the translation"]
    strings = found.string if isinstance(found.string, tuple | list) else (found.string,)
    if not all(strings):
        return ["not translated"]
    if found.pluralizable and len(strings) != num_plurals:
        return [f"{len(strings)} plural forms, the language has {num_plurals}"]
    wanted, problems = placeholders(key), []
    for index, text in enumerate(strings):
        said = names(text or "")
        may_omit = {"count"} if found.pluralizable and index in takes_one else set()
        if said is None:
            problems.append(f"form {index}: not a {{named}} template: {text!r}")
        elif not (wanted - may_omit <= said <= wanted):
            problems.append(f"form {index}: placeholders {sorted(said)}, English has"
                            f" {sorted(wanted)}")
    return problems


def _forms_of_one_number(expression: str, num_plurals: int) -> set[int]:
    """The plural forms only one number takes (English's "1 song"): {count} may be left out."""
    plural = gettext.c2py(expression)
    seen: dict[int, set[int]] = {index: set() for index in range(num_plurals)}
    for n in (*range(1000), 1_000_000):
        seen[plural(n)].add(n)
    return {index for index, numbers in seen.items() if len(numbers) == 1}
