"""Both storage engines for one test: a SQLite file, and a throwaway PostgreSQL database.

PostgreSQL is the server on 127.0.0.1:5432 (trust authentication, user postgres). Each test run
creates its own database with a random name and drops it afterwards; each test starts from an
empty schema. Where the server is absent the PostgreSQL cases skip on a laptop and fail in CI.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest

from adapters.storage import Engine, open_database
from sandbox.databases import SERVER, admin, create_database, drop_database
from tests.services import missing

HOW = "start a PostgreSQL server on 127.0.0.1:5432 with trust authentication for user postgres"
T = TypeVar("T")


def run_apart(work: Callable[[], Awaitable[T]]) -> T:
    """Run `work` to completion on its own event loop in a thread (fixtures run inside a loop)."""
    result: list[Any] = []

    def target() -> None:
        try:
            result.append(asyncio.run(work()))  # type: ignore[arg-type]
        except BaseException as err:  # handed to the caller below
            result.append(err)

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]  # type: ignore[no-any-return]


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database of this test run's own, dropped at the end."""
    try:
        name = run_apart(lambda: create_database("stash_test"))
    except (OSError, asyncpg.PostgresError, TimeoutError) as err:
        missing("PostgreSQL", f"{HOW} ({type(err).__name__})")
    yield name
    run_apart(lambda: drop_database(name))


@pytest.fixture
def postgres_url(postgres_database: str) -> str:
    """The run's database, emptied for this test."""
    run_apart(lambda: admin("DROP SCHEMA public CASCADE", "CREATE SCHEMA public",
                            database=postgres_database))
    return f"{SERVER}/{postgres_database}"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh database on each engine."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'stash.db'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Engine]:
    """The engine under test, opened and migrated."""
    engine = await open_database(database_url, pool_size=3)
    yield engine
    await engine.close()
