"""A worker's Redis outage told once: a warning when Redis stops answering, a line when it
answers again. saq's upkeep tasks (sweep, schedule, abort, worker info) would otherwise log a
full traceback every second or so for as long as Redis is down, burying everything else."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from redis.exceptions import RedisError

from adapters.outage import Outage

# Errors that mean "Redis is not there right now" (a refused or lost connection, a slow answer).
UNREACHABLE = (RedisError, OSError, TimeoutError)
# saq's lines for a background task that raised: with Redis down, every one of them is that.
_SAQ_UPKEEP = ("Upkeep task failed unexpectedly", "Failed to consume message")


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
