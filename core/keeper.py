"""Durable shares: on record from acceptance until the person has their answer, each leased to
the process working on it. A process renews its leases while it lives; when one stops (killed,
crashed, redeployed), a restarted or surviving process takes the shares it left and finishes them
on the same status messages."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable

from core.claims import TakenOver
from core.kept import Reopen, Reopened
from core.models import KeptShare
from core.ports import ShareBook, Stage, StatusReporter
from core.telemetry import share_id

log = logging.getLogger(__name__)

Finish = Callable[[KeptShare, Reopened], Awaitable[str]]  # "finished" or "too_old"
Resumed = Callable[[str, str], None]  # (platform, result) for operators' counts
# A share claimed for its add and answer is taken over only this many leases after its last
# renewal: its claimer may be slow rather than dead, and a second add cannot be undone.
CLAIMED_GRACE = 4


class Keeper:
    """Records, leases and hands back shares; `run` renews this process's leases and takes
    over the ones whose process stopped renewing."""

    def __init__(self, book: ShareBook | None, *, lease: float = 15.0, batch: int = 20,
                 clock: Callable[[], float] = time.time) -> None:
        self.owner = secrets.token_hex(8)  # this process, for as long as it runs
        self.lease = lease
        self._book = book
        self._batch = batch
        self._clock = clock
        self._reopeners: dict[str, Reopen] = {}
        self._finishing: set[asyncio.Task[None]] = set()
        self.on_resumed: Resumed = lambda platform, result: None
        self._held: set[str] = set()  # ids of the shares this process has on record
        self._taking = True  # whether this process takes over shares others left
        self._staging: set[asyncio.Task[None]] = set()  # stage records being written

    @property
    def finishing(self) -> set[asyncio.Task[None]]:
        """The shares left by others that this process is finishing now."""
        return set(self._finishing)

    async def open(self, share: KeptShare, *, leased: bool = True) -> bool:
        """Put an accepted share on record; False (logged) when storage would not take it.
        Not `leased`: on record for any process to take at once (this one is stopping)."""
        if self._book is None:
            return False
        try:
            await self._book.open(share, self.owner, self._clock() + self.lease if leased else 0.0)
        except Exception:  # the share still runs, it just would not survive a restart
            log.warning("could not keep a share on record", exc_info=True)
            return False
        self._held.add(share.share_id)
        return True

    def taken_over(self, share_id: str) -> None:
        """Another process took the share over (this one was slow): its record is theirs."""
        self._held.discard(share_id)

    async def close(self, share_id: str) -> None:
        """The person has their answer."""
        self._held.discard(share_id)
        if self._book is not None:
            try:
                await self._book.close(share_id)
            except Exception:
                log.warning("could not close a kept share", exc_info=True)

    async def posted(self, share_id: str, message_id: Awaitable[str]) -> None:
        """Write the status message's id on the record once the front has posted it (a busy
        channel posts it later than the share starts), so another process edits that one."""
        posted = await message_id
        if self._book is not None and posted:
            try:
                await self._book.posted(share_id, posted)
            except Exception:  # resumed, the result comes as a new message instead
                log.warning("could not record a status message", exc_info=True)

    def staged(self, share_id: str, reporter: StatusReporter) -> StatusReporter:
        """`reporter`, with the share's progress written on the record too."""
        return _Staged(self, share_id, reporter)

    def write_stage(self, share_id: str, stage: Stage) -> None:
        """Put the share's stage on record in the background: nobody waits for it (in a herd
        the share's answer waited for the write at the writer; a missed stage loses nothing)."""
        if self._book is not None:
            task = asyncio.create_task(self._write_stage(self._book, share_id, stage))
            self._staging.add(task)
            task.add_done_callback(self._staging.discard)

    @staticmethod
    async def _write_stage(book: ShareBook, share_id: str, stage: Stage) -> None:
        with contextlib.suppress(Exception):
            await book.stage(share_id, stage.value)

    def reopen_with(self, platform: str, reopen: Reopen) -> None:
        """How the front of `platform` shows a kept share again (registered once it runs)."""
        self._reopeners[platform] = reopen

    async def run(self, finish: Finish) -> None:
        """Renew, and take over, every third of a lease, until cancelled. Renewals run apart:
        a take-over waiting for a busy database never holds this process's leases back."""
        if self._book is None:
            return
        renewing = asyncio.create_task(self._every(self.renew, "renew kept shares' leases"))
        try:
            await self._every(lambda: self.take(finish), "take over kept shares")
        finally:
            renewing.cancel()
            await asyncio.gather(renewing, return_exceptions=True)

    async def _every(self, work: Callable[[], Awaitable[object]], what: str) -> None:
        while True:
            try:
                await work()
            except Exception:
                log.warning("could not %s", what, exc_info=True)
            await asyncio.sleep(self.lease / 3)

    async def renew(self) -> None:
        """Extend this process's leases (an idle process writes nothing)."""
        if self._book is not None and self._held:
            await self._book.renew(self.owner, self._clock() + self.lease)

    async def claim(self, share_id: str) -> bool:
        """Whether this process, holding the share's lease, may add and answer it (once)."""
        if self._book is None:
            return True
        try:
            return await self._book.claim(share_id, self.owner)
        except Exception:  # storage away: go on, as a share not on record does
            log.warning("could not claim a kept share", exc_info=True)
            return True

    async def take(self, finish: Finish) -> int:
        """Take over shares left by others and finish them in the background; how many."""
        if self._book is None:
            return 0
        now = self._clock()
        taken = 0
        for platform, reopen in list(self._reopeners.items()) if self._taking else ():
            stale = await self._book.take_stale(platform, self.owner, now, now + self.lease,
                                                self._batch,
                                                abandoned=now - CLAIMED_GRACE * self.lease)
            for share in stale:
                self._held.add(share.share_id)
                task = asyncio.create_task(self._finish(share, reopen, finish))
                self._finishing.add(task)
                task.add_done_callback(self._finishing.discard)
            taken += len(stale)
        return taken

    async def _finish(self, share: KeptShare, reopen: Reopen, finish: Finish) -> None:
        share_id.set(share.share_id)  # this task's lines join the share's row, as its first's
        log.info("resuming a %s share left at %s %.0fs ago", share.user.platform, share.stage,
                 self._clock() - share.started_at)
        result = "gone"  # the front can no longer show it (a chat left, a message deleted)
        try:
            reopened = await reopen(share)
            if reopened is not None:
                result = await finish(share, reopened)
        except asyncio.CancelledError:
            raise  # stopping: the record stays for the next process
        except TakenOver:  # slow here, it was taken again: the record is the taker's now
            self.taken_over(share.share_id)
            self.on_resumed(share.user.platform, "taken_over")
            return
        except Exception:
            result = "failed"
            log.warning("could not finish a kept share", exc_info=True)
        await self.close(share.share_id)
        self.on_resumed(share.user.platform, result)

    def stop_taking(self) -> None:
        """Stopping: renew this process's leases still, but take over no more shares."""
        self._taking = False

    async def stop(self) -> None:
        """Leave the shares being finished on record for the next process."""
        for task in [*self._finishing, *self._staging]:
            task.cancel()
        await asyncio.gather(*self._finishing, *self._staging, return_exceptions=True)

    async def release(self) -> None:
        """Let any process take this one's shares at once, not a lease later."""
        if self._book is not None and self._held:
            try:
                await self._book.release(self.owner)
            except Exception:  # they are taken a lease later instead
                log.warning("could not hand kept shares over", exc_info=True)
        self._held.clear()


class _Staged:
    """A StatusReporter that also writes the share's progress on its record."""

    def __init__(self, keeper: Keeper, share_id: str, inner: StatusReporter) -> None:
        self._keeper, self._share_id, self._inner = keeper, share_id, inner

    async def stage(self, stage: Stage, detail: str = "") -> None:
        await self._inner.stage(stage, detail)
        # Only the step into per-person work is written: a write at every stage would multiply
        # a herd's database writes, and a resumed share identifies again (from the cache) anyway.
        if stage is Stage.ADDING:
            self._keeper.write_stage(self._share_id, stage)
