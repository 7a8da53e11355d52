"""Housekeeping for hosted adds Spotify refused: made, once each through the ledger, as soon as
the host account works again (relinked, its Premium back), and counted for the operator."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable

from adapters.spotify.hosted import SpotifyHostedPlaylists
from core.errors import StashError

log = logging.getLogger(__name__)
INTERVAL = 60.0
BATCH = 100


class PendingRetries:
    """Every `interval` seconds: retry the oldest pending adds while the host takes them."""

    def __init__(self, hosted: SpotifyHostedPlaylists, *, interval: float = INTERVAL,
                 on_count: Callable[[int], None] | None = None) -> None:
        self.hosted = hosted
        self.interval = interval
        self.on_count = on_count or (lambda count: None)
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> int:
        """One round; how many adds were made."""
        made = 0
        if await self.hosted.host_id() is not None:
            for waiting in await self.hosted.pending.oldest(BATCH):
                try:
                    await self.hosted.add_to(waiting.owner, waiting.user, waiting.track_uri)
                except StashError as err:
                    log.info("the host account still refuses adds (%s); retrying later",
                             err.kind)
                    break
                await self.hosted.pending.done(waiting.owner, waiting.track_uri)
                made += 1
        if made:
            log.info("made %d hosted adds that had waited for the host account", made)
        self.on_count(await self.hosted.pending.count())
        return made

    def start(self) -> None:
        """Retry in the background until closed."""
        self._task = asyncio.create_task(self._loop())

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.warning("could not retry pending hosted adds", exc_info=True)
            await asyncio.sleep(self.interval)

    async def close(self) -> None:
        """Stop retrying."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
