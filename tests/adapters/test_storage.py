"""What only SQLite does: its file, WAL, write lock and many processes on one file.

The behaviour both engines share is in test_storage_contract.py."""

from __future__ import annotations

import asyncio
import multiprocessing
import sqlite3
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.storage import Database, SqlStore, sqlite_path
from adapters.storage.migrations import MIGRATIONS
from core.models import (
    Candidate,
    CatalogTrack,
    HistoryEntry,
    Identification,
    PendingChoice,
    Recognition,
    UserKey,
    Verdict,
)
from tests.adapters.worlds import database_bytes

ALICE = UserKey("telegram", "42")
SAME_NUMBER_ON_DISCORD = UserKey("discord", "42")
TRACK = CatalogTrack("spotify:track:1", "Звёзды", ("Polina Grey",), "Nebo", 168_000, 39,
                     "RU0000000006", url="https://open.spotify.com/track/1")


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlStore]:
    database = await Database.open(str(tmp_path / "stash.db"))
    yield SqlStore(database)
    await database.close()


def entry(title: str, at: float) -> HistoryEntry:
    return HistoryEntry(f"https://youtu.be/{title}", "added", at, title, ("Artist",))


async def test_migrations_from_an_empty_file_then_rerun_are_no_ops(tmp_path: Path) -> None:
    path = str(tmp_path / "fresh.db")
    database = await Database.open(path)
    assert await database.schema_version() == len(MIGRATIONS)
    assert await database.migrate() == 0
    await database.close()
    again = await Database.open(path)
    assert await again.migrate() == 0
    await again.close()
    with sqlite3.connect(path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        mode = raw.execute("PRAGMA journal_mode").fetchone()[0]
    assert {"users", "spotify_accounts", "oauth_states", "identifications", "history", "choices",
            "inbox", "playlist_adds"} <= tables
    assert mode == "wal"


def _write_many(path: str, worker: int, count: int) -> None:
    async def run() -> None:
        database = await Database.open(path)
        store = SqlStore(database)
        for n in range(count):
            await store.record_history(UserKey("telegram", str(worker)), entry(f"{worker}-{n}", n))
            await store.claim_message("telegram", str(worker), str(n))
        await database.close()

    asyncio.run(run())


def test_eight_processes_writing_at_once_never_hit_a_locked_database(tmp_path: Path) -> None:
    path = str(tmp_path / "shared.db")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_many, args=(path, w, 150)) for w in range(8)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(timeout=120)
    assert [p.exitcode for p in workers] == [0] * 8
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 8 * 150
        assert raw.execute("SELECT COUNT(*) FROM users").fetchone()[0] == 8


@pytest.mark.parametrize(("url", "path"), [
    ("sqlite:///stash.db", "stash.db"),
    ("sqlite:////var/lib/stash/stash.db", "/var/lib/stash/stash.db"),
    ("sqlite:///:memory:", ":memory:"),
])
def test_sqlite_urls_name_their_file(url: str, path: str) -> None:
    assert sqlite_path(url) == path


@pytest.mark.parametrize("url", ["postgres://db/stash", "sqlite:///", "stash.db"])
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(ValueError, match="sqlite"):
        sqlite_path(url)


async def test_forget_leaves_no_row_and_no_trace_in_the_file(tmp_path: Path) -> None:
    path = tmp_path / "stash.db"
    database = await Database.open(str(path))
    store = SqlStore(database)
    kept = UserKey("telegram", "7")
    await store.record_history(ALICE, HistoryEntry("https://youtu.be/aaaaaaaaaaa", "added", 1.0,
                                                   "Zanzibar Moonlight Serenade", ("Vexilla",)))
    await store.record_history(kept, entry("kept-song", 2.0))
    await store.cache_identification(
        Identification("https://youtu.be/aaaaaaaaaaa", Verdict.MATCHED,
                       Recognition("Zanzibar Moonlight Serenade", ("Vexilla",))), 1e12)
    await store.save_choice(PendingChoice("c9", ALICE, "u", (Candidate(TRACK, 0.8),), 1e12))
    database.wipe_soon()  # as after a while in use: the rows are in the main file
    assert await database.wipe_owed()
    assert await store.forget(ALICE) == 1
    assert await store.history(ALICE, 10) == []
    assert await store.choice_owner("c9", 0.0) is None
    assert [e.title for e in await store.history(kept, 10)] == ["kept-song"]
    await database.close()
    raw = database_bytes(tmp_path)
    for trace in ("Zanzibar Moonlight Serenade", "Vexilla", "Звёзды"):
        assert trace.encode() not in raw
    assert b"kept-song" in raw


async def test_a_write_cancelled_while_waiting_leaves_no_transaction_open(tmp_path: Path) -> None:
    path = str(tmp_path / "stash.db")
    database = await Database.open(path)

    async def cache(url: str) -> None:
        async with database.write() as db:
            await db.execute("INSERT INTO identifications (canonical_url, verdict, body,"
                             " created_at, expires_at) VALUES (?, 'x', '{}', 0, 0)", (url,))

    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    loop, tried = asyncio.get_running_loop(), asyncio.Event()

    def traced(sql: str) -> None:  # in aiosqlite's thread, as SQLite starts a statement
        if sql.startswith("BEGIN"):
            loop.call_soon_threadsafe(tried.set)

    await database.connection.set_trace_callback(traced)
    waiting = asyncio.create_task(cache("cancelled"))
    await tried.wait()  # the BEGIN waits for the lock in aiosqlite's thread
    waiting.cancel()
    other.execute("ROLLBACK")  # the cancelled BEGIN now gets the lock, in aiosqlite's thread
    other.close()
    with pytest.raises(asyncio.CancelledError):
        await waiting
    await cache("after")
    assert await database.fetchall("SELECT canonical_url FROM identifications") == [("after",)]
    await database.close()


async def test_a_grouped_write_whose_caller_gave_up_mid_group_is_written_once(
        tmp_path: Path) -> None:
    # History lines are written in groups; a caller cancelled while its group waits for the
    # lock does not take the others' lines with it, and leaves no transaction open.
    path = str(tmp_path / "stash.db")
    store = SqlStore(await Database.open(path))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    waiting = [asyncio.create_task(store.record_history(ALICE, entry(f"song {i}", float(i))))
               for i in range(3)]
    await asyncio.sleep(0.3)
    waiting[0].cancel()
    other.execute("ROLLBACK")
    other.close()
    await asyncio.gather(*waiting, return_exceptions=True)
    await store.record_history(ALICE, entry("after", 9.0))
    titles = [e.title for e in await store.history(ALICE, 10)]
    assert titles == ["after", "song 2", "song 1", "song 0"]
    await store.database.close()


async def test_reads_never_see_a_write_still_in_progress(store: SqlStore) -> None:
    inside = asyncio.Event()
    release = asyncio.Event()

    async def slow_write() -> None:
        async with store.database.write() as db:
            await db.execute("INSERT INTO users (platform, platform_user_id, created_at)"
                             " VALUES ('telegram', '99', 0)")
            await db.execute("INSERT INTO history (user_id, url, outcome, created_at)"
                             " VALUES (last_insert_rowid(), 'u', 'added', 1.0)")
            inside.set()
            await release.wait()
            raise RuntimeError("rolled back")

    writing = asyncio.create_task(slow_write())
    await inside.wait()
    assert await store.history(UserKey("telegram", "99"), 10) == []
    release.set()
    with pytest.raises(RuntimeError):
        await writing
    assert await store.history(UserKey("telegram", "99"), 10) == []
