"""A worker's Redis outage told once: a warning when Redis stops answering, a line when it
answers again. saq's upkeep tasks (sweep, schedule, abort, worker info) would otherwise log a
full traceback every second or so for as long as Redis is down, burying everything else."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager

from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# Errors that mean "Redis is not there right now" (a refused or lost connection, a slow answer).
UNREACHABLE = (RedisError, OSError, TimeoutError)
# saq's lines for a background task that raised: with Redis down, every one of them is that.
_SAQ_UPKEEP = ("Upkeep task failed unexpectedly", "Failed to consume message")


class Outage:
    """Whether the queue's Redis is answering, as seen by this process; says so on changes."""

    def __init__(self) -> None:
        self.since: float | None = None  # when Redis stopped answering (monotonic)

    def failed(self, err: BaseException) -> None:
        if self.since is None:
            self.since = time.monotonic()
            log.warning("the job queue (Redis) is unreachable (%s); waiting for it to answer",
                        type(err).__name__)

    def answered(self) -> None:
        if self.since is not None:
            log.warning("the job queue (Redis) answers again, after %.0f s",
                        time.monotonic() - self.since)
            self.since = None


class QuietUpkeep(logging.Filter):
    """For the "saq" logger: an upkeep task's failure because Redis is unreachable becomes part
    of the outage (one line), instead of a traceback each time; any other failure is kept."""

    def __init__(self, outage: Outage) -> None:
        super().__init__()
        self._outage = outage

    def filter(self, record: logging.LogRecord) -> bool:
        err = record.exc_info[1] if record.exc_info else None
        if record.msg in _SAQ_UPKEEP and isinstance(err, UNREACHABLE):
            self._outage.failed(err)
            return False
        return True


@contextmanager
def quiet_upkeep(outage: Outage) -> Iterator[None]:
    """saq's upkeep failures while Redis is down go to `outage` for as long as this lasts."""
    saq_log, quiet = logging.getLogger("saq"), QuietUpkeep(outage)
    saq_log.addFilter(quiet)
    try:
        yield
    finally:
        saq_log.removeFilter(quiet)
