"""The translations as a translator and the bot meet them: `stash translations` extracts,
updates, compiles and checks them (Babel), the bot loads them, and says sentences and days
through them. A catalogue that misses a message or breaks a placeholder is caught by the
check, and said in English by the bot."""

from __future__ import annotations

import io
import shutil
from argparse import Namespace
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from adapters import translations
from adapters.translating import (
    compile_all,
    extract,
    po_path,
    pot_path,
    read,
    translated_languages,
    write,
)
from adapters.translation_check import check
from bot.translations import translations_command
from core import texts
from core.models import HistoryEntry
from core.texts.languages import LANGUAGES, gettext_name
from tests.translation_helpers import marked, marked_locales

__all__ = ["marked", "marked_locales"]  # fixtures

# 2026-12-06 00:00 UTC
DAY = 1_796_515_200


@pytest.fixture
def locales(marked_locales: Path, tmp_path: Path) -> Path:
    """A copy of the marked catalogues for one test to break."""
    return Path(shutil.copytree(marked_locales, tmp_path / "locales"))


def rewrite(root: Path, lang: str, key: str, string: object = None, *, drop: bool = False,
            fuzzy: bool = False) -> None:
    """Change one message of a language's .po (and compile it, so only the change shows)."""
    catalog = read(po_path(lang, root), gettext_name(lang))
    message = next(m for m in catalog if m.context == key)
    if drop:
        catalog.delete(message.id, context=key)
    elif fuzzy:
        message.flags.add("fuzzy")
    else:
        message.string = string
    write(po_path(lang, root), catalog)
    compile_all(root, (lang,))


def test_complete_catalogues_pass_the_check(locales: Path) -> None:
    assert check(locales) == []


def test_the_check_names_every_broken_or_missing_message(locales: Path) -> None:
    rewrite(locales, "es", "history.empty", drop=True)
    rewrite(locales, "es", "console.unknown_command", "No conozco {comando}.")
    rewrite(locales, "pt-BR", "link.start", "Abra {0}")
    rewrite(locales, "id", "stage.queued_for", "Antre {seconds s")
    rewrite(locales, "ru", "share.skipped", ("пропустил {count}", "пропустил {count}",
                                             "пропустил ссылки"))
    rewrite(locales, "ru", "outcome.declined", "")
    rewrite(locales, "ru", "welcome", fuzzy=True)
    assert sorted(check(locales)) == sorted([
        "es: history.empty: missing (run `stash translations update`)",
        "es: console.unknown_command: form 0: placeholders ['comando'], English has ['command']",
        "pt-BR: link.start: form 0: not a {named} template: 'Abra {0}'",
        "id: stage.queued_for: form 0: not a {named} template: 'Antre {seconds s'",
        "ru: welcome: fuzzy: its English changed, check the translation",
        "ru: share.skipped: form 2: placeholders [], English has ['count']",
        "ru: outcome.declined: not translated",
    ])


def test_a_form_only_one_number_takes_may_leave_the_number_out(locales: Path) -> None:
    english = texts.PLURALS["share.skipped"][1]
    rewrite(locales, "es", "share.skipped", ("Me salté el último enlace.", english, english))
    rewrite(locales, "pt-BR", "share.skipped", ("Pulei o último link.", english, english))
    assert check(locales) == [  # Brazilian Portuguese says "0 links" in its first form too
        "pt-BR: share.skipped: form 0: placeholders [], English has ['count']"]


def test_the_check_sees_a_stale_template_catalogue_or_compiled_file(locales: Path) -> None:
    pot = pot_path(locales)
    pot.write_text(pot.read_text().replace('msgctxt "welcome"', 'msgctxt "welcome.old"'))
    (po_path("id", locales).with_suffix(".mo")).unlink()
    po = po_path("ru", locales)
    po.write_text(po.read_text().replace("[ru] Nothing stashed yet.", "[ru] Ничего."))
    ru_lines = po.read_text().split("\n")
    header_at = next(i for i, line in enumerate(ru_lines) if line.startswith('"Plural-Forms'))
    two_forms = '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"'
    po.write_text("\n".join([*ru_lines[:header_at], two_forms, *ru_lines[header_at + 2:]]))
    problems = check(locales)
    assert problems[0] == ("stash.pot: not the catalogue's messages"
                           " (run `stash translations extract`)")
    assert "id: stash.mo is not compiled from stash.po (run `stash translations compile`)" \
        in problems
    assert "ru: stash.mo is not compiled from stash.po (run `stash translations compile`)" \
        in problems
    assert any(line.startswith("ru: Plural-Forms says 2 forms, the language has 3")
               for line in problems)


def test_the_shipped_catalogues_hold_every_message_with_its_placeholders() -> None:
    problems = check()
    untranslated = [line for line in problems if line.endswith(": not translated")]
    if problems and problems == untranslated and not any(
            any(m.string) if isinstance(m.string, tuple) else m.string
            for lang in translated_languages() for m in read(po_path(lang)) if m.id):
        pytest.skip("no language is translated yet: every catalogue is still empty")
    assert problems == []


def test_a_broken_copy_of_the_shipped_catalogues_fails_the_check(tmp_path: Path) -> None:
    copy = Path(shutil.copytree(translations.LOCALES, tmp_path / "locales"))
    rewrite(copy, "ru", "history.entry", drop=True)
    assert "ru: history.entry: missing (run `stash translations update`)" in check(copy)


def test_extract_update_and_compile_make_a_language_from_nothing(tmp_path: Path) -> None:
    root = tmp_path / "locales"
    out = io.StringIO()
    for action in ("extract", "update", "compile"):
        assert translations_command(Namespace(action=action, locales=root, add=None), out) == 0
    assert out.getvalue().splitlines() == [
        f"wrote {pot_path(root)}", "updated: es, pt-BR, id, ru", "compiled: es, pt-BR, id, ru"]
    with po_path("ru", root).open("rb") as file:
        ru = read_po(file)
    assert ru.num_plurals == 3
    assert ru.get(texts.MESSAGES["welcome"], context="welcome") is not None
    assert "\n#, " not in po_path("ru", root).read_text()  # no format flags written
    assert len([m for m in ru if m.id]) == len(texts.MESSAGES) + len(texts.PLURALS)
    out = io.StringIO()
    assert translations_command(Namespace(action="check", locales=root, add=["id"]), out) == 1
    assert out.getvalue().splitlines()[-1] == \
        f"{len(texts.MESSAGES) + len(texts.PLURALS)} problems"  # none translated yet
    assert not extract(root)  # the catalogue did not change: nothing rewritten


def test_update_keeps_translations_and_marks_changed_english_fuzzy(locales: Path) -> None:
    pot = pot_path(locales)
    pot.write_text(pot.read_text().replace('msgid "Nothing stashed yet."',
                                           'msgid "Nothing stashed so far."'))
    translations_command(Namespace(action="update", locales=locales, add=["es"]), io.StringIO())
    catalog = read(po_path("es", locales), "es")
    changed = catalog.get("Nothing stashed so far.", context="history.empty")
    assert changed is not None and changed.fuzzy
    assert catalog.get("No more entries.", context="history.no_more").string == \
        "[es] No more entries."


def test_sentences_are_said_through_the_compiled_catalogues(marked: Path) -> None:
    with texts.in_language("pt-BR"):
        assert texts.say("history.empty") == "[pt-BR] Nothing stashed yet."
        assert texts.no_link().startswith("[pt-BR] ")
    with texts.in_language("fr"):
        assert texts.say("history.empty") == "Nothing stashed yet."


@pytest.mark.parametrize(("lang", "forms"), [
    ("ru", {1: 0, 2: 1, 5: 2, 21: 0, 11: 2, 22: 1}),
    ("es", {1: 0, 2: 2, 0: 2, 1_000_000: 1}),
    ("pt-BR", {0: 0, 1: 0, 2: 2}),
    ("id", {1: 0, 7: 0}),
])
def test_plural_forms_are_the_languages(marked: Path, lang: str, forms: dict[int, int]) -> None:
    english = texts.PLURALS["share.skipped"][1]
    with texts.in_language(lang):
        said = {n: texts.say_n("share.skipped", n) for n in forms}
    assert said == {n: f"[{lang}:{form}] {english.format(count=n)}" for n, form in forms.items()}


def test_english_plural_forms(marked: Path) -> None:
    singular, plural = texts.PLURALS["hosted.copied"]
    values = {"count": 1, "name": "Mine"}
    assert texts.say_n("hosted.copied", 1, name="Mine") == singular.format(**values)
    assert texts.say_n("hosted.copied", 2, name="Mine") == plural.format(**{**values, "count": 2})


def test_a_broken_compiled_translation_is_said_in_english(locales: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.translation_helpers import lookup_in, say_module

    rewrite(locales, "es", "console.unknown_command", "No conozco {comando}.")
    monkeypatch.setattr(say_module, "_lookup", lookup_in(locales))
    with texts.in_language("es"):
        said = texts.say("console.unknown_command", command="/x")
        assert texts.say("history.empty") == "[es] Nothing stashed yet."
    assert said == texts.MESSAGES["console.unknown_command"].format(command="/x")


def test_history_days_and_file_words_are_the_readers(marked: Path) -> None:
    entries = [HistoryEntry("a video you sent", "found", DAY, None, ())]
    english = texts.history_text(entries)
    with texts.in_language("ru"):
        russian = texts.history_text(entries)
    with texts.in_language("pt-BR"):
        brazilian = texts.history_text(entries)
    assert english.startswith("[") is False and "Dec 6, 2026" in english
    assert "a video you sent" in english
    assert russian.startswith("[ru] 6 дек. 2026\u202fг.  [ru] a video you sent")
    assert "6 de dez. de 2026" in brazilian


def test_the_loader_finds_every_shipped_language() -> None:
    translations.catalogue.cache_clear()
    for lang in LANGUAGES:
        if lang == "en":
            assert translations.catalogue(lang) is None
        else:
            assert translations.mo_path(lang).exists(), lang
            assert translations.catalogue(lang) is not None
    assert translations.catalogue("fr") is None


def test_update_without_a_template_says_to_extract_first(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    args = Namespace(action="update", locales=tmp_path / "locales", add=None)
    assert translations_command(args, io.StringIO()) == 2
    assert capsys.readouterr().err == (
        f"stash: translations: {tmp_path / 'locales' / 'stash.pot'} is missing"
        " (run `stash translations extract` first)\n")
