"""`stash run --check` reports the database: its engine and schema, or why it can't be used.

A check only reads: it never creates the database nor changes its schema.
"""

from __future__ import annotations

import io
import os
import sqlite3
from pathlib import Path

import asyncpg

from adapters.storage import open_database
from adapters.storage.migrations import MIGRATIONS
from bot.check import run_checks
from bot.settings import load_settings
from sandbox.databases import admin
from tests.storage_engines import database_url, postgres_database, postgres_url

__all__ = ["database_url", "postgres_database", "postgres_url"]  # fixtures


def storage_line(out: io.StringIO) -> str:
    [line] = [line for line in out.getvalue().splitlines() if " storage" in line]
    return line


def settings_for(database_url: str):  # type: ignore[no-untyped-def]
    return load_settings(_env_file=None, database_url=database_url,
                         shazam_api_base_url="http://127.0.0.1:9")


async def test_the_check_names_the_engine_and_schema(database_url: str) -> None:
    await (await open_database(database_url)).close()  # as `stash run` leaves it
    settings = load_settings(_env_file=None, database_url=database_url,
                             shazam_api_base_url="http://127.0.0.1:9")
    out = io.StringIO()
    await run_checks(settings, out)
    engine = database_url.split(":", 1)[0]
    assert storage_line(out) == f"ok    storage: {engine}, schema version {len(MIGRATIONS)}"


async def test_an_unreachable_database_fails_its_check_in_one_line() -> None:
    settings = load_settings(_env_file=None, shazam_api_base_url="http://127.0.0.1:9",
                             database_url="postgresql://postgres:pw-secret@127.0.0.1:1/stash")
    out = io.StringIO()
    assert await run_checks(settings, out) == 1
    assert storage_line(out).startswith("FAIL  storage: cannot connect to PostgreSQL at"
                                        " 127.0.0.1:1/stash")
    assert "pw-secret" not in out.getvalue()


async def test_a_missing_sqlite_file_is_named_and_not_created(tmp_path: Path) -> None:
    typo = tmp_path / "stahs.db"  # a new host, or a typo: the operator sees the full path
    out = io.StringIO()
    await run_checks(settings_for(f"sqlite:///{typo}"), out)
    assert storage_line(out) == (f"warn  storage: no database yet at {typo} (`stash run`"
                                 " creates it there; check the path if you expected one)")
    assert not os.listdir(tmp_path)


async def test_a_sqlite_path_in_a_missing_folder_fails(tmp_path: Path) -> None:
    typo = tmp_path / "no-such-folder" / "stash.db"
    out = io.StringIO()
    assert await run_checks(settings_for(f"sqlite:///{typo}"), out) == 1
    assert storage_line(out) == f"FAIL  storage: no database at {typo}"
    assert not os.listdir(tmp_path)


async def schema_version(database_url: str) -> int | None:
    """The version stored in the database, read around Stash (None: no schema table at all)."""
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            return int(connection.execute("PRAGMA user_version").fetchone()[0])
    connection = await asyncpg.connect(database_url)
    try:
        if await connection.fetchval("SELECT to_regclass('stash_schema')") is None:
            return None
        return int(await connection.fetchval("SELECT MAX(version) FROM stash_schema"))
    finally:
        await connection.close()


async def test_an_older_schema_is_reported_and_left_as_it_is(database_url: str) -> None:
    older = len(MIGRATIONS) - 1
    await (await open_database(database_url)).close()
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as connection:
            connection.execute(f"PRAGMA user_version = {older}")
    else:
        await admin(f"UPDATE stash_schema SET version = {older}",  # noqa: S608 - a number
                    database=database_url.rsplit("/", 1)[1])
    out = io.StringIO()
    await run_checks(settings_for(database_url), out)
    engine = database_url.split(":", 1)[0]
    assert storage_line(out) == (f"warn  storage: {engine}, schema version {older}: needs"
                                 f" migration {older}→{len(MIGRATIONS)} (`stash run` applies it)")
    assert await schema_version(database_url) == older


async def test_an_empty_postgresql_database_is_not_migrated_by_a_check(postgres_url: str) -> None:
    out = io.StringIO()
    await run_checks(settings_for(postgres_url), out)
    assert storage_line(out) == (f"warn  storage: postgresql, schema version 0: needs migration"
                                 f" 0→{len(MIGRATIONS)} (`stash run` applies it)")
    assert await schema_version(postgres_url) is None
