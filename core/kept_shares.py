"""Shares that outlive their process: put on record when accepted, taken off when the person
has their answer, and finished by another process when theirs stopped."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from functools import partial

from core import files, receipts, texts
from core.claims import TakenOver, claiming
from core.keeper import Keeper
from core.kept import Held, Reopened, Show, ShownOn
from core.models import KeptShare, Link, UserKey
from core.outcomes import Outcome
from core.ports import StatusReporter
from core.telemetry import new_share_id, share_id

log = logging.getLogger(__name__)

Share = Callable[[UserKey, Link | Held, StatusReporter], Awaitable[Outcome]]
Scan = Callable[[str], tuple[Link, ...]]


class KeptShares:
    """Shares on record until shown (`share`), and the resuming of those others left."""

    def __init__(self, share: Share, scan: Scan, keeper: Keeper, *,
                 resume_within: float, clock: Callable[[], float] = time.time) -> None:
        self.keeper = keeper
        self._share = share
        self._scan = scan
        self._resume_within = resume_within
        self._clock = clock
        self._task: asyncio.Task[None] | None = None
        self._in_hand: set[asyncio.Task[object]] = set()  # shares on record, working here
        self._handed_over = False  # stopping: new shares are left for the next process

    async def share(self, user: UserKey, link: Link | Held, reporter: StatusReporter,
                    on: ShownOn) -> Outcome | None:
        """Share on record: if this process dies before `on.show` is done, another finishes it.
        None: this process is stopping and left the share to the next one (or a replica)."""
        kept = KeptShare(new_share_id(), user,
                         link.kept_as if isinstance(link, Held) else files.kept_form(link),
                         on.chat_id, on.message_id, on.place, started_at=self._clock())
        return await self._kept(kept, lambda staged: self._share(user, link, staged), reporter,
                                on.show, on.posted)

    async def _kept(self, kept: KeptShare, work: Callable[[StatusReporter], Awaitable[Outcome]],
                    reporter: StatusReporter, show: Show,
                    posted: Awaitable[str] | None) -> Outcome | None:
        token = share_id.set(kept.share_id)  # its log lines join its row in the shares table
        try:
            return await self._on_record(kept, work, reporter, show, posted)
        finally:
            share_id.reset(token)

    async def _on_record(self, kept: KeptShare,
                         work: Callable[[StatusReporter], Awaitable[Outcome]],
                         reporter: StatusReporter, show: Show,
                         posted: Awaitable[str] | None) -> Outcome | None:
        if self._handed_over and await self.keeper.open(kept, leased=False):
            receipts.recorded()
            return None  # its message stays on its first stage until another process has it
        recorded = await self.keeper.open(kept)
        if recorded:
            receipts.recorded()  # the update that started it may be acknowledged now
        task = asyncio.current_task()
        if recorded and task is not None:  # cut short at a stop, another process finishes it
            self._in_hand.add(task)
        noting = asyncio.ensure_future(self.keeper.posted(kept.share_id, posted)) \
            if recorded and posted is not None else None
        taken = False
        try:
            with claiming(partial(self.keeper.claim, kept.share_id) if recorded else None):
                outcome = await work(self.keeper.staged(kept.share_id, reporter)
                                     if recorded else reporter)
            await show(outcome)
            if noting is not None:  # written before the record closes
                await noting
        except TakenOver:  # this process was too slow: the one that took it over answers
            log.info("a share was taken over by another process; it answers")
            self.keeper.taken_over(kept.share_id)
            taken = True
            return None
        finally:
            if noting is not None and not noting.done():
                noting.cancel()
            if task is not None:
                self._in_hand.discard(task)
            if recorded and not taken and not _cancelling():
                await self.keeper.close(kept.share_id)
        return outcome

    async def hand_over(self, grace: float) -> None:
        """Stopping: the shares in hand get `grace` seconds to finish; the rest stay on record,
        their messages on their current stage and their leases released, so that the next
        process (or a live replica) finishes them at once, not a lease later."""
        self.keeper.stop_taking()
        in_hand = self._in_hand | self.keeper.finishing
        if in_hand:
            await asyncio.wait(in_hand, timeout=grace)
        self._handed_over = True
        late = [task for task in self._in_hand if not task.done()]
        for task in late:
            task.cancel()
        await asyncio.gather(*late, return_exceptions=True)
        left = len(late) + len(self.keeper.finishing)
        await self.close()
        await self.keeper.release()
        if left:
            log.info("handed %d unfinished shares over to the next process", left)

    async def finish(self, kept: KeptShare, reopened: Reopened) -> str:
        """Finish a share another process left: identify (usually cached), deliver (the ledger
        adds once), show the outcome on the same status message; too old, say so instead."""
        file = files.from_kept(kept.link)  # a sent file is fetched again by its handle
        links = (file,) if file is not None else self._scan(kept.link)
        if (not links and reopened.hold is None) or \
                self._clock() - kept.started_at > self._resume_within:
            await reopened.say(texts.say("outcome.restarted"))
            return "too_old"
        staged = self.keeper.staged(kept.share_id, reopened.reporter)
        again = Held(reopened.hold) if reopened.hold is not None else links[0]
        with claiming(partial(self.keeper.claim, kept.share_id)):  # TakenOver: not ours now
            outcome = await self._share(kept.user, again, staged)  # a held file is read again
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
