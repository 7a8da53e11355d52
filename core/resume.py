"""Shares that outlive their process: put on record when accepted, taken off when the person
has their answer, and finished by another process when theirs stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable

from core import texts
from core.keeping import Keeper, Reopened, Show
from core.models import KeptShare, Link, UserKey
from core.outcomes import Outcome
from core.ports import StatusReporter

log = logging.getLogger(__name__)

Share = Callable[[UserKey, Link, StatusReporter], Awaitable[Outcome]]
Scan = Callable[[str], tuple[Link, ...]]


class KeptShares:
    """`share` for fronts that can show a status message again; `start` resumes left shares."""

    def __init__(self, share: Share, scan: Scan, keeper: Keeper, *, resume_within: float,
                 clock: Callable[[], float] = time.time) -> None:
        self.keeper = keeper
        self._share = share
        self._scan = scan
        self._resume_within = resume_within
        self._clock = clock
        self._task: asyncio.Task[None] | None = None

    async def share(self, user: UserKey, link: Link, reporter: StatusReporter, show: Show, *,
                    chat_id: str, message_id: str, place: str = "") -> Outcome:
        """Share on record: if this process dies before `show` is done, another finishes it."""
        kept = KeptShare(secrets.token_hex(8), user, link.original, chat_id, message_id, place,
                         started_at=self._clock())
        recorded = await self.keeper.open(kept)
        outcome = await self._share(user, link, self.keeper.staged(kept.share_id, reporter)
                                    if recorded else reporter)
        try:
            await show(outcome)
        except asyncio.CancelledError:
            raise  # the process is stopping: the share stays on record for the next one
        finally:
            if recorded and not _cancelling():
                await self.keeper.close(kept.share_id)
        return outcome

    async def finish(self, kept: KeptShare, reopened: Reopened) -> str:
        """Finish a share another process left: identify (usually cached), deliver (the ledger
        adds once), show the outcome on the same status message; too old, say so instead."""
        links = self._scan(kept.link)
        if not links or self._clock() - kept.started_at > self._resume_within:
            await reopened.say(texts.RESTARTED)
            return "too_old"
        outcome = await self._share(kept.user, links[0],
                                    self.keeper.staged(kept.share_id, reopened.reporter))
        await reopened.show(outcome)
        return "finished"

    def start(self) -> None:
        """Renew this process's leases and take over left shares, in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self.keeper.run(self.finish))

    async def close(self) -> None:
        """Stop renewing; shares still being resumed stay on record for the next process."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.keeper.stop()


def _cancelling() -> bool:
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0
