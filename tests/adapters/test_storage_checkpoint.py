"""/forget and /unlink truncate SQLite's write-ahead log without holding anyone's writes.

Another process keeps a read transaction open: before, the truncating checkpoint held the
write lock through a 30 s busy timeout, up to 20 times (an unrelated person's message waited
29 s, /forget took 100 s).
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from adapters.storage import Database, SqlStore
from core.models import HistoryEntry, UserKey
from tests.adapters.test_storage import database_bytes

ALICE = UserKey("telegram", "42")
BOB = UserKey("discord", "7")
SECRET_TITLE = "Quixotic Marmalade Sonata"
# Far below the 29 s an unrelated write waited before; nothing here should wait at all.
PROMPT = 5.0

READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN")
db.execute("SELECT COUNT(*) FROM history").fetchone()
print("reading", flush=True)
sys.stdin.readline()
db.execute("COMMIT")
"""


def wal_size(folder: Path) -> int:
    return (folder / "stash.db-wal").stat().st_size


async def test_forget_with_another_process_reading_blocks_no_one(tmp_path: Path) -> None:
    path = tmp_path / "stash.db"
    database = await Database.open(str(path))
    store = SqlStore(database)
    await store.record_history(ALICE, HistoryEntry("https://youtu.be/a", "added", 1.0,
                                                   SECRET_TITLE, ("Someone",)))
    reader = await asyncio.create_subprocess_exec(
        sys.executable, "-c", READER, str(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert reader.stdout is not None
        assert (await asyncio.wait_for(reader.stdout.readline(), 60)).strip() == b"reading"
        assert await asyncio.wait_for(store.forget(ALICE), PROMPT) == 1
        await asyncio.wait_for(store.record_history(
            BOB, HistoryEntry("https://youtu.be/b", "added", 2.0, "Bob's song")), PROMPT)
        assert [e.title for e in await store.history(BOB, 10)] == ["Bob's song"]
    finally:
        await asyncio.wait_for(reader.communicate(b"done\n"), 30)
    # Once the reader is gone, the background checkpoint finishes: no trace left in the files.
    assert await asyncio.wait_for(database.checkpoint(), 30)
    assert wal_size(tmp_path) == 0
    raw = database_bytes(tmp_path)
    assert SECRET_TITLE.encode() not in raw
    assert b"Bob's song" in raw
    await database.close()
