"""`stash run --check` reports the database: its engine and schema, or why it can't be used."""

from __future__ import annotations

import io

from adapters.storage.migrations import MIGRATIONS
from bot.check import run_checks
from bot.settings import load_settings
from tests.storage_engines import database_url, postgres_database, postgres_url

__all__ = ["database_url", "postgres_database", "postgres_url"]  # fixtures


def storage_line(out: io.StringIO) -> str:
    [line] = [line for line in out.getvalue().splitlines() if " storage" in line]
    return line


async def test_the_check_names_the_engine_and_schema(database_url: str) -> None:
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
