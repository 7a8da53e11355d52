"""SQLite's single writer: a claim of a new message goes before the writes queued ahead of it.

In a herd, a person's first status message waits on the claim of their message; with every
other share's writes queued ahead, it came seconds late."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.storage import Database, SqlStore
from adapters.storage.shares import SqlShareBook
from adapters.storage.turns import WriterTurns
from core.models import HistoryEntry, KeptShare, UserKey
from tests.fakes import until

ALICE = UserKey("telegram", "42")


@pytest.fixture
async def database(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(str(tmp_path / "stash.db"))
    yield database
    await database.close()


async def test_a_claim_is_not_queued_behind_the_writes_of_other_shares(
        database: Database) -> None:
    store, done = SqlStore(database), []

    async def record(n: int) -> None:
        await store.record_history(ALICE, HistoryEntry(f"https://x/{n}", "added", 1.0))
        done.append(f"history {n}")

    async def claim() -> None:
        assert await store.claim_message("telegram", "1", "1")
        done.append("claim")

    async with database.write():  # a share's write in progress; others queue behind it
        turns = database._writer
        writes = [asyncio.create_task(record(n)) for n in range(3)]
        # the three history lines, one group (adapters/storage/grouped.py), wait for a turn...
        await until(lambda: len(turns._routine) == 1)
        claiming = asyncio.create_task(claim())
        await until(lambda: len(turns._urgent) == 1)  # ...and the claim asks after them
        assert done == []
    await asyncio.gather(claiming, *writes)
    assert done == ["claim", "history 0", "history 1", "history 2"]
    assert len(await store.history(ALICE, 10)) == 3


async def test_a_herds_share_claims_wait_for_the_writer_as_one_group(database: Database) -> None:
    # Before, each claim was a transaction of its own: a herd's adds queued behind 1,000 turns.
    book = SqlShareBook(database)
    for n in range(3):
        await book.open(KeptShare(f"s{n}", ALICE, "https://x/1", "42", str(n), started_at=1.0),
                        "me", lease_until=100.0)
    async with database.write():  # another write in progress
        claims = [asyncio.create_task(book.claim(f"s{n}", "me")) for n in range(3)]
        await until(lambda: len(database._writer._routine) == 1)  # one turn for the three
    assert await asyncio.gather(*claims) == [True, True, True]


async def test_a_herds_platform_locales_are_written_as_one_group(database: Database) -> None:
    # Before, each person's first update read and wrote their locale in a transaction of its own.
    store, herd = SqlStore(database), [UserKey("telegram", str(n)) for n in range(3)]
    async with database.write():  # another write in progress
        notes = [asyncio.create_task(store.note_locale(user, "pt-BR")) for user in herd]
        await until(lambda: len(database._writer._routine) == 1)  # one turn for the three
    await asyncio.gather(*notes)
    assert [await store.known_locale(user) for user in herd] == ["pt-BR"] * 3


async def test_a_waiter_cancelled_as_its_turn_came_passes_the_turn_on() -> None:
    turns, order = WriterTurns(), []

    async def write(name: str, urgent: bool = False) -> None:
        async with turns.turn(urgent):
            order.append(name)

    async with turns.turn():
        first = asyncio.create_task(write("given up"))
        second = asyncio.create_task(write("next"))
        await asyncio.sleep(0)
    first.cancel()  # its turn was handed over as the block ended, before it ran
    await asyncio.gather(first, second, return_exceptions=True)
    assert order == ["next"]
    async with asyncio.timeout(1):
        await write("after")  # nothing left holding the writer
    assert order == ["next", "after"]
