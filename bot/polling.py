"""Long polling is one process's job: a second `stash run` polling the same bot would fight the
first over getUpdates (Telegram answers one of them 409 Conflict). A lease in the shared
database lets one poll; another refuses to start with a line saying why and what to do."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
from typing import Any, Self

from adapters.storage.leases import SqlLeases
from adapters.telegram import TelegramFront, TelegramStartError

log = logging.getLogger(__name__)

ALREADY_POLLING = ("another stash run is already polling Telegram for this bot: run one polling "
                   "process, or set TELEGRAM_WEBHOOK_URL to run several behind one address")


class PollingLease:
    """The Telegram front, started only while this process holds the bot's polling lease."""

    def __init__(self, front: TelegramFront, leases: SqlLeases, *, seconds: float = 10.0
                 ) -> None:
        self.front = front
        self._leases = leases
        self._seconds = seconds
        self._name = f"telegram-polling:{front.config.token.split(':', 1)[0]}"  # the bot's id
        self._owner = secrets.token_hex(8)
        self._renewing: asyncio.Task[None] | None = None

    async def __aenter__(self) -> Self:
        # A process that died a moment ago (a restart) leaves its lease to lapse: wait that out
        # once, then refuse; a live poller renews it meanwhile.
        if not await self._take() and not await self._take_within(self._seconds + 1):
            raise TelegramStartError(ALREADY_POLLING)
        self._renewing = asyncio.create_task(self._renew())
        try:
            await self.front.start()
        except BaseException:
            await self._release()
            raise
        return self

    async def __aexit__(self, *exc: Any) -> None:
        try:
            await self.front.stop()
        finally:
            await self._release()

    async def _take(self) -> bool:
        return await self._leases.take(self._name, self._owner, self._seconds)

    async def _take_within(self, seconds: float) -> bool:
        for _ in range(int(seconds / 0.5)):
            await asyncio.sleep(0.5)
            if await self._take():
                return True
        return False

    async def _renew(self) -> None:
        while True:
            await asyncio.sleep(self._seconds / 3)
            try:
                if not await self._take():
                    log.error("lost the Telegram polling lease to another process: "
                              "%s", ALREADY_POLLING)
            except Exception:
                log.warning("could not renew the Telegram polling lease", exc_info=True)

    async def _release(self) -> None:
        if self._renewing is not None:
            self._renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._renewing
            self._renewing = None
        with contextlib.suppress(Exception):
            await self._leases.give_up(self._name, self._owner)
