"""The database briefly away (PostgreSQL restarted, a connection cut or a server that hangs):
work that is safe to do again is tried again until it answers, within a bound, with one warning
per outage instead of a traceback for every failed statement.

Safe to do again: any read; acquiring a connection and beginning a transaction (nothing was
sent yet); and the writes that mean the same done twice (claims, the add ledger, leases and
kept shares are each one upsert or delete). A write that would double (a history line) is not
retried after its statement went out."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import TypeVar

from tenacity import AsyncRetrying, retry_if_exception, stop_after_delay, wait_exponential

from adapters.outage import Outage

T = TypeVar("T")
RETRY_WITHIN = 30.0  # seconds: a restart or a failover; longer, and the caller hears of it


def unreachable(err: BaseException) -> bool:
    """Whether `err` means the database did not answer (rather than refused the statement)."""
    if isinstance(err, OSError | TimeoutError):
        return True
    asyncpg = sys.modules.get("asyncpg")  # loaded only when PostgreSQL is in use
    if asyncpg is None:
        return False
    if isinstance(err, asyncpg.InterfaceError):  # a closed connection; not a closing pool
        return "pool is clos" not in str(err)
    return isinstance(err, asyncpg.PostgresConnectionError | asyncpg.CannotConnectNowError
                      | asyncpg.AdminShutdownError)


class Retrying:
    """Runs database work again while the database is unreachable, telling the outage once."""

    def __init__(self, within: float = RETRY_WITHIN) -> None:
        self.outage = Outage("the database")
        self.within = within

    async def again(self, work: Callable[[], Awaitable[T]]) -> T:
        """`work()`, tried again while the database is unreachable, for up to `within` s."""
        retrying = AsyncRetrying(retry=retry_if_exception(self._failed),
                                 stop=stop_after_delay(self.within),
                                 wait=wait_exponential(multiplier=0.2, max=2.0), reraise=True)
        async for attempt in retrying:
            with attempt:
                result = await work()
        self.outage.answered()
        return result

    def _failed(self, err: BaseException) -> bool:
        if not unreachable(err):
            return False
        self.outage.failed(err)
        return True
