"""An outage of a service this process depends on, told once: a warning when it stops
answering, one line when it answers again, instead of a traceback for every failed call."""

from __future__ import annotations

import logging
import time

log = logging.getLogger(__name__)


class Outage:
    """Whether `what` is answering, as seen by this process; says so on changes."""

    def __init__(self, what: str = "the job queue (Redis)") -> None:
        self.what = what
        self.since: float | None = None  # when it stopped answering (monotonic)

    def failed(self, err: BaseException) -> None:
        if self.since is None:
            self.since = time.monotonic()
            log.warning("%s is unreachable (%s); waiting for it to answer", self.what,
                        type(err).__name__)

    def answered(self) -> None:
        if self.since is not None:
            log.warning("%s answers again, after %.0f s", self.what,
                        time.monotonic() - self.since)
            self.since = None
