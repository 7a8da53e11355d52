"""One identification per link across the processes on one database, when there is no Redis.

Webhook replicas (or any processes) sharing a database would each identify a link that people
share through both: two downloads, two recognitions, two searches for one herd. The process that
takes the link's lease identifies; the others wait for its answer in the identification cache,
and take over when the lease is given up (the identification failed) or lapses (its process
died)."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable

from core.models import Identification, Link
from core.ports import Leases, Store

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


def lease_name(link: Link) -> str:
    """The lease of a link's identification; a digest keeps it short (a key in an index)."""
    return "identify " + hashlib.sha256(link.canonical_url.encode()).hexdigest()[:32]


class SharedFlights:
    """`run` identifies a link in one process at a time, however many processes share it."""

    def __init__(self, leases: Leases, store: Store, *, lease: float = 15.0, poll: float = 0.5,
                 clock: Callable[[], float] = time.time, sleep: Sleep = asyncio.sleep) -> None:
        self.owner = secrets.token_hex(8)  # this process
        self._leases = leases
        self._store = store
        self._lease = lease
        self._poll = poll
        self._clock = clock
        self._sleep = sleep

    async def run(self, link: Link, identify: Callable[[], Awaitable[Identification]]
                  ) -> Identification:
        """`identify()` here if no other process is identifying the link, else its answer."""
        name = lease_name(link)
        while True:
            try:
                taken = await self._leases.take(name, self.owner, self._lease)
            except Exception:  # storage trouble: identify here rather than not at all
                log.warning("could not take an identification lease", exc_info=True)
                return await identify()
            if taken:
                return await self._holding(name, link, identify)
            await self._sleep(self._poll)
            cached = await self._cached(link)
            if cached is not None:
                return cached

    async def _holding(self, name: str, link: Link,
                       identify: Callable[[], Awaitable[Identification]]) -> Identification:
        renewing = asyncio.create_task(self._renew(name))
        try:
            # The last holder may have cached the answer just before giving the lease up.
            return await self._cached(link) or await identify()
        finally:
            renewing.cancel()
            with contextlib.suppress(Exception):
                await asyncio.shield(self._leases.give_up(name, self.owner))

    async def _renew(self, name: str) -> None:
        """Keep the lease while identifying (a recognition may wait its turn for minutes)."""
        while True:
            await self._sleep(self._lease / 3)
            with contextlib.suppress(Exception):  # a missed renewal risks only a second fetch
                await self._leases.take(name, self.owner, self._lease)

    async def _cached(self, link: Link) -> Identification | None:
        return await self._store.cached_identification(link.canonical_url, self._clock())
