"""Writes of one kind committed in groups: the ones asked for while a group commits go out
together in the next transaction, a few statements for the whole group, on either engine.

In a herd every share writes its record, its history line and its record's end; one
transaction each queued hundreds of them at the one writer (SQLite), each transaction a few
round trips to the database's thread on an event loop busy with the herd, so a person's answer
waited for everyone's writes before it (issue 28). Each caller still returns only once its own
row is committed: a share is on record before its update is acknowledged (issue 26)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterator, Sequence
from typing import Generic, TypeVar

from adapters.storage.sql import Engine, Session

T = TypeVar("T")
K = TypeVar("K")
V = TypeVar("V")
Commit = Callable[[Session, list[T]], Awaitable[None]]
# Parameters per statement: under SQLite's oldest variable limit (999).
MAX_PARAMETERS = 900


class Grouped(Generic[T]):
    """`await grouped(item)`: returns once `item` is committed, in a group with the items
    asked for meanwhile; raises what the group's transaction raised."""

    def __init__(self, database: Engine, commit: Commit[T], *, idempotent: bool) -> None:
        self._database = database
        self._commit_all = commit
        self._idempotent = idempotent  # a group that means the same done twice is retried
        self._waiting: list[tuple[T, asyncio.Future[None]]] = []
        self._committing: asyncio.Task[None] | None = None

    async def __call__(self, item: T) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append((item, done))
        if self._committing is None:
            self._committing = asyncio.create_task(self._commit_waiting())
        await done

    async def _commit_waiting(self) -> None:
        try:
            while self._waiting:
                # An item whose caller gave up before its group began is left out.
                group = [(item, done) for item, done in self._waiting if not done.done()]
                self._waiting = []
                if group:
                    await self._commit(group)
        finally:
            self._committing = None
            for _, done in self._waiting:  # stopping: nobody may wait for a group never run
                done.cancel()

    async def _commit(self, group: list[tuple[T, asyncio.Future[None]]]) -> None:
        items = [item for item, _ in group]

        async def write() -> None:
            async with self._database.write() as db:
                await self._commit_all(db, items)

        try:
            await (self._database.again(write) if self._idempotent else write())
        except BaseException as err:  # every item of the group failed with it
            for _, done in group:
                if not done.done():
                    if isinstance(err, Exception):
                        done.set_exception(err)
                    else:
                        done.cancel()
            if not isinstance(err, Exception):
                raise
            return
        for _, done in group:
            if not done.done():
                done.set_result(None)


class GroupedReads(Generic[K, V]):
    """`await reads(key)`: read with the keys asked for meanwhile, one query for the group
    (`read` answers the keys it found; the others are None). In a herd each person's first
    update read one row, a thousand trips to the database's thread before first messages."""

    def __init__(self, read: Callable[[list[K]], Awaitable[dict[K, V]]]) -> None:
        self._read = read
        self._asked: dict[K, asyncio.Future[V | None]] = {}
        self._reading: asyncio.Task[None] | None = None

    async def __call__(self, key: K) -> V | None:
        asked = self._asked.get(key)
        if asked is None:
            asked = self._asked[key] = asyncio.get_running_loop().create_future()
        if self._reading is None:
            self._reading = asyncio.create_task(self._read_asked())
        return await asyncio.shield(asked)  # one caller's cancel leaves the others' answer

    async def _read_asked(self) -> None:
        asked: dict[K, asyncio.Future[V | None]] = {}
        try:
            while self._asked:
                asked, self._asked = self._asked, {}
                try:
                    found = await self._read(list(asked))
                except Exception as err:
                    for answer in asked.values():
                        answer.set_exception(err)
                        answer.add_done_callback(lambda done: done.exception())  # seen
                    continue
                for key, answer in asked.items():
                    answer.set_result(found.get(key))
        finally:
            self._reading = None
            for answer in [*asked.values(), *self._asked.values()]:
                if not answer.done():  # stopping: nobody waits for a read never made
                    answer.cancel()


def chunks(rows: Sequence[T], per_row: int) -> Iterator[Sequence[T]]:
    """`rows` in slices whose statements stay under the parameter limit (`per_row` each)."""
    size = max(1, MAX_PARAMETERS // per_row)
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def values(count: int, per_row: int) -> str:
    """`(?, ?), (?, ?)` for `count` rows of `per_row` parameters."""
    row = "(" + ", ".join("?" * per_row) + ")"
    return ", ".join([row] * count)
