"""Each share counted once: its id in the logs, its outcome in the telemetry and one log line,
and any failure turned into an outcome (a share never raises to its front)."""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from core.claims import TakenOver
from core.errors import StashError, TooManyShares
from core.models import UserKey
from core.outcomes import Outcome, ShareFailed
from core.requester import requester
from core.telemetry import Telemetry, outcome_name, share_id, this_share_id

log = logging.getLogger("core.service")  # the share lines operators know, under their old name

Work = Callable[[], Awaitable[Outcome]]


class Counting:
    """Runs a share's or a choice's work under a fresh share id and counts how it ended."""

    def __init__(self, telemetry: Telemetry) -> None:
        self.telemetry = telemetry

    def held_back(self, platform: str) -> None:
        """A link past the person's per-minute allowance: a share too, with its line."""
        token = share_id.set(this_share_id())
        try:
            name, error = outcome_name(ShareFailed(TooManyShares()))
            self.telemetry.share_finished(platform, name, error)
            log.info("share %s: %s (%s) in 0.00s", platform, name, error)
        finally:
            share_id.reset(token)

    async def shared_for(self, user: UserKey, platform: str, work: Work) -> Outcome:
        """A share, counted, whose identification counts against `user` at outside budgets."""
        token = requester.set(user)
        try:
            return await self.counted(platform, work, chosen=False)
        finally:
            requester.reset(token)

    async def counted(self, platform: str, work: Work, *, chosen: bool) -> Outcome:
        token = share_id.set(this_share_id())  # a share on record has its row's id already
        started = time.monotonic()
        try:
            outcome = await _safely(work)
            name, error = outcome_name(outcome, chosen=chosen)
            self.telemetry.share_finished(platform, name, error)
            log.info("%s %s: %s%s in %.2fs", "choice" if chosen else "share", platform, name,
                     f" ({error})" if error else "", time.monotonic() - started)
            return outcome
        finally:
            share_id.reset(token)


async def _safely(work: Work) -> Outcome:
    try:
        return await work()
    except TakenOver:
        raise  # another process answers this share: nothing to show or count here
    except StashError as err:
        if type(err) is StashError and err.__cause__ is not None:
            # Only the base error is unexplained: its traceback is what an operator needs.
            log.warning("failed: %s", err.kind, exc_info=err)
        else:  # an expected refusal (a 404, an unreachable host): one line, no traceback
            log.info("failed: %s%s", err.kind, _cause(err))
        return ShareFailed(err)
    except Exception:
        log.exception("failed unexpectedly")
        return ShareFailed(StashError())


def _cause(err: BaseException) -> str:
    """The library error behind `err` in one short line (its type and first line)."""
    cause = err.__cause__
    if cause is None:
        return ""
    first = (str(cause).strip().splitlines() or [""])[0][:200]
    return f" ({type(cause).__name__}: {first})" if first else f" ({type(cause).__name__})"
