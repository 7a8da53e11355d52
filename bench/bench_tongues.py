"""What speaking each person's language costs a herd: every update reads the person's /language
choice and notes their platform locale (core.tongues), on real SQLite.

Run: python bench/bench_tongues.py [--people 300]
(figures printed, never asserted)
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from adapters.storage import Database, SqlStore
from core.models import UserKey
from core.tongues import Tongues


async def herd(people: int) -> None:
    """`people` new people's updates at once, then each of them again (remembered)."""
    with tempfile.TemporaryDirectory() as folder:
        database = await Database.open(str(Path(folder) / "stash.db"))
        tongues = Tongues(SqlStore(database))
        keys = [UserKey("telegram", str(1000 + n)) for n in range(people)]

        async def speak(user: UserKey) -> str:
            tongues.note(user, "pt-br")  # as adapters.telegram.language.speak does
            return await tongues.of(user, "pt-br")

        for label in ("first sight", "again"):
            start = time.perf_counter()
            await asyncio.gather(*(speak(user) for user in keys))
            took = time.perf_counter() - start
            print(f"{people} people at once, {label}: {took * 1000:.0f} ms in all, "
                  f"{took / people * 1000:.2f} ms a person")
        await tongues.close()
        await database.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    asyncio.run(herd(parser.parse_args().people))


if __name__ == "__main__":
    main()
