"""Several processes opening one new SQLite file at once (replicas or shards started together)."""

from __future__ import annotations

import asyncio
import multiprocessing
from pathlib import Path

from adapters.storage.database import Database

PROCESSES = 4
ROUNDS = 60  # before the fix this test failed in each of 4 runs; after it, none


def _open(path: str, start: object, results: object) -> None:
    async def go() -> None:
        database = await Database.open(path, busy_timeout=10)
        await database.close()

    start.wait()  # type: ignore[attr-defined]
    try:
        asyncio.run(go())
        results.put("opened")  # type: ignore[attr-defined]
    except Exception as err:
        results.put(f"{type(err).__name__}: {err}")  # type: ignore[attr-defined]


def test_processes_opening_a_new_file_together_all_open_it(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    outcomes: list[str] = []
    for round_ in range(ROUNDS):
        path = str(tmp_path / f"stash-{round_}.db")
        start, results = context.Event(), context.Queue()
        processes = [context.Process(target=_open, args=(path, start, results))
                     for _ in range(PROCESSES)]
        for process in processes:
            process.start()
        start.set()
        for process in processes:
            process.join(60)
        outcomes += [results.get(timeout=5) for _ in processes]
    failures = [outcome for outcome in outcomes if outcome != "opened"]
    assert failures == []
