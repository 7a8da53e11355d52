"""Which language Stash speaks, and how a sentence is said in it (core.texts, no catalogue files:
a small catalogue stands in for gettext's). A translation that is missing or does not fit its
placeholders is said in English, never an error."""

from __future__ import annotations

import asyncio
import gettext
import importlib
import logging
import pickle

import pytest

from core import texts
from core.errors import MediaUnavailable, RateLimited, StashError
from core.texts import say_n
from core.texts.languages import accepted, pick

say_module = importlib.import_module("core.texts.say")  # (core.texts.say is also the function)


class Catalogue:
    """gettext's two calls over a dict: {key: translation or (forms...)}, with a plural rule."""

    def __init__(self, entries: dict[str, object], rule: str = "n != 1") -> None:
        self.entries = entries
        self.plural = gettext.c2py(rule)

    def pgettext(self, context: str, message: str) -> str:
        found = self.entries.get(context, message)
        return found if isinstance(found, str) else message

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        forms = self.entries.get(context)
        if not isinstance(forms, tuple):
            return singular if n == 1 else plural
        return str(forms[self.plural(n)])


RU = "n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2"
SPANISH = Catalogue({
    "history.empty": "Todavía no guardaste nada.",
    "console.unknown_command": "No conozco {command}.",
    "link.start": "Abre {url}",
    "no_link": "{welcome} ¿Me mandas un enlace?",
    "welcome": "¡Hola!",
    "error.media_unavailable": "No puedo abrir esa publicación.",
    "media.private": "Esa publicación es privada.",
    "error.rate_limited": "Demasiado rápido.",
    # Broken ones: placeholders English does not have, a positional field, a lone brace.
    "outcome.declined": "Vale, {cosa}.",
    "stage.queued_for": "En cola: unos {segundos} s…",
    "history.no_more": "No hay más {0}.",
    "console.choose": "Elige {uno",
})
RUSSIAN = Catalogue({"share.skipped": ("пропустил {count} ссылку", "пропустил {count} ссылки",
                                       "пропустил {count} ссылок")}, RU)


@pytest.fixture(autouse=True)
def catalogues(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(say_module, "_lookup", {"es": SPANISH, "ru": RUSSIAN}.get)
    monkeypatch.setattr(say_module, "_complained", set())


@pytest.mark.parametrize(("code", "lang"), [
    ("pt-br", "pt-BR"), ("pt_BR", "pt-BR"), ("pt", "pt-BR"), ("pt-PT", "pt-BR"),
    ("es-ES", "es"), ("es-419", "es"), ("es", "es"), ("ES", "es"), ("ru-RU", "ru"), ("ru", "ru"),
    ("id", "id"), ("in", "id"), ("en-GB", "en"), ("fr", "en"), ("", "en"), (None, "en"),
])
def test_a_platform_code_picks_a_language_stash_speaks(code: str | None, lang: str) -> None:
    assert pick(code) == lang


@pytest.mark.parametrize(("header", "lang"), [
    ("pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7", "pt-BR"),
    ("fr-FR,fr;q=0.9,es;q=0.5", "es"),  # French is passed over, Spanish is better than English
    ("en-US,en;q=0.9,ru;q=0.8", "en"),
    ("ru;q=0.3, id;q=0.7", "id"),
    ("es;q=nonsense, id;q=0.1", "id"),
    ("de, *", "en"), ("", "en"), (None, "en"),
])
def test_a_browser_gets_the_language_it_prefers_among_stashs(header: str | None,
                                                             lang: str) -> None:
    assert accepted(header) == lang


def test_a_sentence_is_said_in_the_language_spoken_then() -> None:
    assert texts.say("history.empty") == "Nothing stashed yet."
    with texts.in_language("es"):
        assert texts.say("history.empty") == "Todavía no guardaste nada."
        assert texts.say("console.unknown_command", command="/x") == "No conozco /x."
    assert texts.say("history.empty") == "Nothing stashed yet."


def test_a_language_without_a_catalogue_or_an_entry_is_said_in_english() -> None:
    with texts.in_language("xx"):
        assert texts.say("history.empty") == "Nothing stashed yet."
    with texts.in_language("es"):
        assert texts.say("history.entry", when="d", title="t", artists="", became="b",
                         link="") == "d  t (b)"
    texts.install(None)  # nothing installed at all (the fixture puts it back)
    with texts.in_language("es"):
        assert texts.say("history.empty") == "Nothing stashed yet."


@pytest.mark.parametrize(("key", "values"), [
    ("outcome.declined", {}), ("stage.queued_for", {"seconds": 40}), ("history.no_more", {}),
    ("console.choose", {})])
def test_a_broken_translation_is_said_in_english_and_logged_without_values(
        key: str, values: dict[str, object], caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    with texts.in_language("es"):
        said = texts.say(key, **values)
        texts.say(key, **values)
    assert said == texts.MESSAGES[key].format(**values)
    assert [r.getMessage() for r in caplog.records] == [
        f"translation of {key} in es does not fit its placeholders"]


def test_plural_forms_follow_the_language() -> None:
    with texts.in_language("ru"):
        said = {n: say_n("share.skipped", n) for n in (1, 2, 5, 21)}
    assert said == {1: "пропустил 1 ссылку", 2: "пропустил 2 ссылки", 5: "пропустил 5 ссылок",
                    21: "пропустил 21 ссылку"}
    english = texts.PLURALS["forget.done"]
    assert say_n("forget.done", 1, revoke_hint="") == english[0].format(count=1, revoke_hint="")
    assert say_n("forget.done", 2, revoke_hint="") == english[1].format(count=2, revoke_hint="")


def test_a_sentence_said_before_is_said_again_in_another_language() -> None:
    constant = texts.say("history.empty")  # as a module constant is, at import
    assert texts.resay(constant, "es") == "Todavía no guardaste nada."
    assert texts.resay("plain text", "es") == "plain text"
    with texts.in_language("es"):
        assert texts.say("no_link", welcome=texts.say("welcome")) == "¡Hola! ¿Me mandas un enlace?"
        # A sentence said in English earlier, inside one said now: both in Spanish.
        assert texts.say("no_link", welcome=english_welcome()) == "¡Hola! ¿Me mandas un enlace?"
    spanish = texts.resay(constant, "es")
    carried = pickle.loads(pickle.dumps(spanish))  # noqa: S301 - our own bytes
    assert carried == spanish
    assert texts.resay(carried, "en") == "Nothing stashed yet."


def english_welcome() -> str:
    return texts.say("welcome")


async def test_tasks_started_inside_speak_the_language() -> None:
    async def later() -> str:
        await asyncio.sleep(0)
        return texts.say("history.empty")

    with texts.in_language("es"):
        task = asyncio.create_task(later())
    assert await task == "Todavía no guardaste nada."


def test_an_error_reads_in_the_language_spoken_when_it_is_read() -> None:
    error = MediaUnavailable()
    sharper = MediaUnavailable(texts.say("media.private"))
    with texts.in_language("es"):
        assert error.user_message == "No puedo abrir esa publicación."
        assert sharper.user_message == "Esa publicación es privada."
    assert sharper.user_message == "That post is private: I can only open public posts."


@pytest.mark.parametrize("error", [
    MediaUnavailable(), MediaUnavailable(texts.say("media.private")), RateLimited(30),
    StashError("A sentence from nowhere")])
def test_a_workers_error_reads_in_the_persons_language_at_the_front(error: StashError) -> None:
    facts = error.facts()  # said in the worker, in English, sent as JSON
    assert facts["message"] == error.user_message
    again = type(error).from_facts(facts)
    with texts.in_language("es"):
        expected = error.user_message
        assert again.user_message == expected
    if error.user_message != "A sentence from nowhere":
        assert expected != facts["message"]


def test_days_are_iso_until_date_formats_are_installed() -> None:
    assert texts.say_day(1_796_515_200) == "2026-12-06"


def test_english_says_one_thing_in_the_singular() -> None:
    # A person who copies one song reads "1 song", not "1 songs" (the plural-shaped sentences).
    assert say_n("hosted.copied", 1).startswith("Copied 1 song into")
    assert say_n("hosted.copied", 2).startswith("Copied 2 songs into")
    assert "(1 history entry)" in say_n("forget.done", 1, revoke_hint="")
    assert say_n("notes.left_out", 1) == "…and 1 more note left out."
    assert say_n("share.skipped", 1).endswith("I skipped the last 1. Send it in another message.")
    offer = say_n("hosted.copy_offer", 1, name="Songs from Stash")
    assert offer.startswith("You have 1 song in Songs from Stash") and "Copy it into" in offer
