"""Which language a person is spoken to in, and what /language understands."""

from __future__ import annotations

import asyncio

import pytest

from adapters.chat.language import choices, chosen_in
from core.models import UserKey
from core.texts.fronts import LANGUAGE_NAMES
from core.texts.languages import LANGUAGES
from core.tongues import Tongues

ANA = UserKey("telegram", "7")


class Store:
    """The store's language rows, counting reads; `away` makes every call fail."""

    def __init__(self) -> None:
        self.chosen: dict[UserKey, str | None] = {}
        self.locales: dict[UserKey, str] = {}
        self.reads = 0
        self.away = False

    async def chosen_language(self, user: UserKey) -> str | None:
        self._check()
        self.reads += 1
        return self.chosen.get(user)

    async def choose_language(self, user: UserKey, lang: str | None) -> None:
        self._check()
        self.chosen[user] = lang

    async def note_locale(self, user: UserKey, locale: str) -> None:
        self._check()
        self.locales[user] = locale

    async def known_locale(self, user: UserKey) -> str | None:
        self._check()
        return self.locales.get(user)

    def _check(self) -> None:
        if self.away:
            raise ConnectionError("the database is away")


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


async def settle() -> None:
    """Let notes being written down in the background finish."""
    for _ in range(5):
        await asyncio.sleep(0)


def tongues(store: Store, clock: Clock | None = None) -> Tongues:
    return Tongues(store, clock=clock or Clock())  # type: ignore[arg-type]


async def test_a_choice_wins_over_the_platform_and_unknown_codes_are_english() -> None:
    store = Store()
    ana = tongues(store)
    assert await ana.of(ANA, "pt-br") == "pt-BR"
    assert await ana.of(ANA, "fr-FR", "es-ES") == "en"  # her own code decides, not the server's
    assert await ana.of(ANA, None, "es-419") == "es"  # none of her own: the server's
    assert await ana.of(ANA) == "en"
    await ana.choose(ANA, "ru")
    assert await ana.of(ANA, "pt-br") == "ru"
    assert store.chosen[ANA] == "ru"


async def test_a_persons_choice_is_read_once_a_while_not_once_an_update() -> None:
    store, clock = Store(), Clock()
    ana = tongues(store, clock)
    for _ in range(50):
        await ana.of(ANA, "es")
    assert store.reads == 1
    store.chosen[ANA] = "id"  # chosen on another replica
    clock.now += 31
    assert await ana.of(ANA, "es") == "id"
    assert store.reads == 2


async def test_storage_away_speaks_as_the_platform_says() -> None:
    store = Store()
    store.away = True
    ana = tongues(store)
    assert await ana.of(ANA, "ru-RU") == "ru"
    ana.note(ANA, "ru-RU")  # not written, and no error
    await settle()
    assert await ana.known(ANA, "es-ES") == "es"
    with pytest.raises(ConnectionError):  # a choice that cannot be kept is said to have failed
        await ana.choose(ANA, "es")
    store.away = False
    ana.note(ANA, "ru-RU")  # the note that failed is written at the next update
    await settle()
    assert store.locales == {ANA: "ru-RU"}


async def test_a_locale_is_written_only_when_it_changed() -> None:
    store = Store()
    ana = tongues(store)
    ana.note(ANA, "es-ES")
    await settle()
    store.locales.clear()  # what the process wrote is not written again
    ana.note(ANA, "es-ES")
    await settle()
    assert store.locales == {}
    ana.note(ANA, "ru")
    await settle()
    assert store.locales == {ANA: "ru"}
    assert await ana.known(ANA) == "ru"


@pytest.mark.parametrize(("value", "lang"), [
    ("es", "es"), ("ES-419", "es"), ("pt_br", "pt-BR"), ("pt", "pt-BR"), ("Русский", "ru"),
    ("bahasa indonesia", "id"), ("in", "id"), ("English", "en"), ("en-GB", "en"),
    ("klingon", None), ("fr", None), ("", None), ("  ", None)])
def test_language_understands_codes_and_names(value: str, lang: str | None) -> None:
    assert chosen_in(value) == lang


def test_every_language_has_its_own_name_for_its_button() -> None:
    assert [lang for lang, _ in choices()] == list(LANGUAGES)
    assert set(LANGUAGE_NAMES) == set(LANGUAGES)
