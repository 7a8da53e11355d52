"""Whether a link's answer is known already (cached), asked before a share begins: a front holds
its first message for such a share's result. A herd asking at once shares one lookup."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from core.models import Link
from core.ports import Store

log = logging.getLogger(__name__)


class KnownAnswers:
    """`known(link)`: a question to the identification cache; nothing is identified."""

    def __init__(self, store: Store, clock: Callable[[], float]) -> None:
        self._store = store
        self._clock = clock
        self._asking: dict[str, asyncio.Future[bool]] = {}  # lookups under way, by link

    async def known(self, link: Link) -> bool:
        """Whether the link's answer is cached; a storage failure answers no."""
        key = link.canonical_url
        asking = self._asking.get(key)
        if asking is None:
            asking = self._asking[key] = asyncio.ensure_future(self._look_up(key))
            asking.add_done_callback(lambda _: self._asking.pop(key, None))
        return await asyncio.shield(asking)

    async def _look_up(self, canonical_url: str) -> bool:
        try:
            cached = await self._store.cached_identification(canonical_url, self._clock())
        except Exception:
            log.warning("could not look up a cached identification", exc_info=True)
            return False
        return cached is not None
