"""/forget and /unlink truncate SQLite's write-ahead log without holding anyone's writes.

Another process keeps a read transaction open: before, the truncating checkpoint held the
write lock through a 30 s busy timeout, up to 20 times (an unrelated person's message waited
29 s, /forget took 100 s). A truncation the reader kept from finishing is owed, and retried on
each housekeeping tick until it succeeds.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from adapters.storage import Database, SqlStore
from adapters.storage.housekeeping import Housekeeper
from core.models import HistoryEntry, UserKey
from tests.adapters.worlds import database_bytes

ALICE = UserKey("telegram", "42")
BOB = UserKey("discord", "7")
SECRET_TITLE = "Quixotic Marmalade Sonata"
HANG = 60.0  # only a guard against a hang: the order of events is what is asserted

READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT COUNT(*) FROM history").fetchone()
print("reading", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
print("done", flush=True)
sys.stdin.readline()
"""


def wal_size(folder: Path) -> int:
    return (folder / "stash.db-wal").stat().st_size


async def test_forget_with_another_process_reading_blocks_no_one(tmp_path: Path) -> None:
    path = tmp_path / "stash.db"
    # The clean-up's patience is the busy timeout: a short one lets it give up within the test.
    database = await Database.open(str(path), busy_timeout=0.5)
    store = SqlStore(database)
    keeper = Housekeeper(database, interval=3600, inbox_days=7)
    await store.record_history(ALICE, HistoryEntry("https://youtu.be/a", "added", 1.0,
                                                   SECRET_TITLE, ("Someone",)))
    reader = await asyncio.create_subprocess_exec(
        sys.executable, "-c", READER, str(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdin is not None and reader.stdout is not None
    try:
        assert (await asyncio.wait_for(reader.stdout.readline(), HANG)).strip() == b"reading"
        assert await asyncio.wait_for(store.forget(ALICE), HANG) == 1
        await asyncio.wait_for(store.record_history(
            BOB, HistoryEntry("https://youtu.be/b", "added", 2.0, "Bob's song")), HANG)
        assert [e.title for e in await store.history(BOB, 10)] == ["Bob's song"]
        # Both finished while the reader still holds its transaction (it waits for our word).
        assert reader.returncode is None
        # The clean-up cannot finish past the reader: it stays owed, the row still in the log.
        assert not await asyncio.wait_for(database.wipe_owed(), HANG)
        assert SECRET_TITLE.encode() in database_bytes(tmp_path)

        reader.stdin.write(b"commit\n")
        await reader.stdin.drain()
        assert (await asyncio.wait_for(reader.stdout.readline(), HANG)).strip() == b"done"
        # The next housekeeping tick pays what is owed (the reader's process lives on, idle).
        await asyncio.wait_for(keeper.run_once(), HANG)
        assert wal_size(tmp_path) == 0
        raw = database_bytes(tmp_path)
        assert SECRET_TITLE.encode() not in raw
        assert b"Bob's song" in raw
        assert await database.wipe_owed()
    finally:
        await asyncio.wait_for(reader.communicate(b"exit\n"), HANG)
        await database.close()
