"""Pruning what is only kept for a while, on a schedule inside the running process.

Handled-message marks, expired identifications, choices, link states, held links and lapsed
leases would otherwise grow forever. History and linked accounts are the person's own: they stay
until /forget.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from adapters.storage.sql import Engine

log = logging.getLogger(__name__)
DAY = 86_400.0
OnPruned = Callable[[str, int], None]

# Table, and the column whose value (a time) has passed once the row can go.
_EXPIRING = (("identifications", "expires_at"), ("choices", "expires_at"),
             ("oauth_states", "expires_at"), ("held_links", "expires_at"),
             ("shared_links", "expires_at"),
             ("leases", "expires_at"))  # a lapsed lease is as good as none


async def prune(database: Engine, now: float, inbox_days: float) -> dict[str, int]:
    """Delete expired rows and handled-message marks older than `inbox_days`; rows per table."""
    pruned: dict[str, int] = {}
    async with database.write() as db:
        for table, column in _EXPIRING:
            pruned[table] = await db.execute(
                f"DELETE FROM {table} WHERE {column} <= ?", (now,))  # noqa: S608 - fixed names
        pruned["inbox"] = await db.execute("DELETE FROM inbox WHERE received_at <= ?",
                                           (now - inbox_days * DAY,))
    return pruned


class Housekeeper:
    """Prunes every `interval` seconds until closed; each count goes to `on_pruned`."""

    def __init__(self, database: Engine, *, interval: float, inbox_days: float,
                 on_pruned: OnPruned | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self._database = database
        self._interval = interval
        self._inbox_days = inbox_days
        self._on_pruned = on_pruned
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Begin the schedule (the first prune right away)."""
        self._task = asyncio.create_task(self._loop())

    async def close(self) -> None:
        """Stop the schedule."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def run_once(self) -> dict[str, int]:
        """One prune, reported; and a /forget clean-up that a reader held back, tried again."""
        pruned = await prune(self._database, self._clock(), self._inbox_days)
        await self._database.wipe_owed()
        for table, count in pruned.items():
            if self._on_pruned is not None:
                self._on_pruned(table, count)
        if any(pruned.values()):
            log.info("pruned %s", ", ".join(f"{n} {t}" for t, n in pruned.items() if n))
        return pruned

    async def _loop(self) -> None:
        while True:
            try:
                await self.run_once()
            except Exception:  # a failed prune is tried again next time; the bot goes on
                log.exception("pruning storage failed")
            await asyncio.sleep(self._interval)
