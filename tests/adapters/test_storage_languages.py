"""A person's language, as the storage keeps it on SQLite and on PostgreSQL: the choice made
with /language, the last locale their platform said, and nothing of either after /forget."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from adapters.storage import Engine, SqlStore, open_database
from adapters.storage.copying import copy_database
from core.models import UserKey
from tests.storage_engines import database, database_url, postgres_database, postgres_url

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures

ALICE = UserKey("discord", "42")
SAME_NUMBER_ON_TELEGRAM = UserKey("telegram", "42")


async def test_a_chosen_language_is_remembered_per_person(database: Engine) -> None:
    store = SqlStore(database)
    assert await store.chosen_language(ALICE) is None
    await store.choose_language(ALICE, "pt-BR")
    await store.choose_language(ALICE, "ru")
    assert await store.chosen_language(ALICE) == "ru"
    assert await store.chosen_language(SAME_NUMBER_ON_TELEGRAM) is None
    again = SqlStore(database)  # another process, the same database
    assert await again.chosen_language(ALICE) == "ru"
    await store.choose_language(ALICE, None)  # back to the platform's language
    assert await store.chosen_language(ALICE) is None


async def test_the_last_platform_locale_is_kept_beside_the_choice(database: Engine) -> None:
    store = SqlStore(database)
    assert await store.known_locale(ALICE) is None
    await store.note_locale(ALICE, "es-ES")
    await store.choose_language(ALICE, "id")
    await store.note_locale(ALICE, "pt-BR")
    assert (await store.known_locale(ALICE), await store.chosen_language(ALICE)) == ("pt-BR", "id")


async def test_forget_deletes_the_persons_language(database: Engine) -> None:
    store = SqlStore(database)
    await store.choose_language(ALICE, "ru")
    await store.note_locale(ALICE, "ru")
    await store.choose_language(SAME_NUMBER_ON_TELEGRAM, "es")
    await store.forget(ALICE)
    assert await store.chosen_language(ALICE) is None
    assert await store.known_locale(ALICE) is None
    row = await database.fetchone("SELECT COUNT(*) FROM languages")
    assert row is not None and row[0] == 1
    assert await store.chosen_language(SAME_NUMBER_ON_TELEGRAM) == "es"


async def test_stash_db_copy_takes_the_language_along(tmp_path: Path, postgres_url: str) -> None:
    source = await open_database(f"sqlite:///{tmp_path / 'stash.db'}")
    await SqlStore(source).choose_language(ALICE, "pt-BR")
    await SqlStore(source).note_locale(ALICE, "pt-BR")
    target = await open_database(postgres_url)
    try:
        await copy_database(source, target)
        assert await SqlStore(target).chosen_language(ALICE) == "pt-BR"
        assert await SqlStore(target).known_locale(ALICE) == "pt-BR"
    finally:
        await source.close()
        await target.close()


async def test_a_herds_languages_are_read_together_each_their_own(
        database: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SqlStore(database)
    herd = [UserKey("telegram", str(n)) for n in range(1000)] + [ALICE]
    for user in herd[::7]:
        await store.choose_language(user, "ru")
    await store.choose_language(ALICE, "pt-BR")
    reads: list[str] = []
    for name in ("fetchone", "fetchall"):
        read = getattr(database, name)
        monkeypatch.setattr(database, name, lambda sql, args=(), read=read: (
            reads.append(sql), read(sql, args))[1])
    chosen = await asyncio.gather(*(store.chosen_language(user) for user in herd))
    assert chosen == ["ru" if n % 7 == 0 else None for n in range(1000)] + ["pt-BR"]
    assert len(reads) <= 3  # a statement per platform and 900 people, not one a person


async def test_a_locale_noted_again_unchanged_is_not_written_again(
        database: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    store = SqlStore(database)
    herd = [UserKey("telegram", str(n)) for n in range(1000)]
    await asyncio.gather(*(store.note_locale(user, "es-ES") for user in herd))
    writes: list[bool] = []
    write = database.write
    monkeypatch.setattr(database, "write", lambda *args, **kwargs: (
        writes.append(True), write(*args, **kwargs))[1])
    again = SqlStore(database)  # after a redeploy: each first update notes the kept locale
    await asyncio.gather(*(again.note_locale(user, "es-ES") for user in herd))
    assert writes == []
    await again.note_locale(herd[0], "pt-BR")
    assert len(writes) == 1
    assert [await again.known_locale(user) for user in herd[:2]] == ["pt-BR", "es-ES"]
