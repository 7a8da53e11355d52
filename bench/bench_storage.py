"""Storage side by side: SQLite and PostgreSQL for the bot's common writes and reads, and
/forget while another process holds a read transaction on the SQLite file.

Run: python bench/bench_storage.py   (needs PostgreSQL on 127.0.0.1:5432, trust auth; one run,
figures printed, never asserted; a throwaway database is created and dropped)
"""

from __future__ import annotations

import asyncio
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import asyncpg

from adapters.storage import Engine, SqlStore, open_database
from core.models import HistoryEntry, UserKey

SERVER = "postgresql://postgres@127.0.0.1:5432"
N = 300
READER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN"); db.execute("SELECT COUNT(*) FROM history").fetchone()
print("reading", flush=True); sys.stdin.readline(); db.execute("COMMIT")
"""


async def timed(work: Callable[[int], Awaitable[object]]) -> tuple[float, float]:
    """Median and 95th percentile of N sequential calls, in milliseconds."""
    times = []
    for n in range(N):
        start = time.perf_counter()
        await work(n)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), statistics.quantiles(times, n=20)[-1]


async def operations(database: Engine) -> dict[str, tuple[float, float]]:
    store, user = SqlStore(database), UserKey("telegram", "1")
    entry = HistoryEntry("https://youtu.be/x", "added", 1.0, "Song", ("Artist",))
    figures = {
        "claim_message": await timed(lambda n: store.claim_message("telegram", "1", str(n))),
        "record_history": await timed(lambda n: store.record_history(user, entry)),
        "history(20)": await timed(lambda n: store.history(user, 20)),
    }
    start = time.perf_counter()
    await asyncio.gather(*(store.claim_message("telegram", "2", str(n)) for n in range(N)))
    # All at once: one process's pool (PostgreSQL) or write lock (SQLite) queues them.
    figures[f"{N} claims at once, each"] = ((time.perf_counter() - start) * 1000 / N, 0.0)
    return figures


async def forget_while_reading(folder: Path) -> None:
    path = folder / "forget.db"
    database = await open_database(f"sqlite:///{path}")
    store = SqlStore(database)
    await store.record_history(UserKey("telegram", "1"), HistoryEntry("u", "added", 1.0, "x"))
    reader = await asyncio.create_subprocess_exec(
        sys.executable, "-c", READER, str(path), stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert reader.stdout is not None
    await reader.stdout.readline()
    start = time.perf_counter()
    await store.forget(UserKey("telegram", "1"))
    forgot = time.perf_counter() - start
    start = time.perf_counter()
    await store.record_history(UserKey("discord", "2"), HistoryEntry("u", "added", 1.0, "y"))
    other = time.perf_counter() - start
    await reader.communicate(b"go\n")
    start = time.perf_counter()
    await database.wipe_owed()  # the clean-up the reader held back, as a housekeeping tick runs it
    truncated = time.perf_counter() - start
    print(f"/forget with another process reading: returned in {forgot * 1000:.1f} ms; another "
          f"person's write {other * 1000:.1f} ms; WAL truncated {truncated * 1000:.0f} ms after "
          "the reader finished")
    await database.close()


async def main() -> None:
    name = f"stash_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(f"{SERVER}/postgres")
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as tmp:
            results = {}
            for label, url in (("sqlite", f"sqlite:///{tmp}/bench.db"),
                               ("postgresql", f"{SERVER}/{name}")):
                database = await open_database(url)
                results[label] = await operations(database)
                await database.close()
            print(f"{'operation (ms)':<22} {'sqlite p50':>11} {'p95':>7} {'postgres p50':>13}"
                  f" {'p95':>7}")
            for op in results["sqlite"]:
                s, p = results["sqlite"][op], results["postgresql"][op]
                print(f"{op:<22} {s[0]:>11.2f} {s[1]:>7.2f} {p[0]:>13.2f} {p[1]:>7.2f}")
            await forget_while_reading(Path(tmp))
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
