"""One process answers a kept share. A process whose lease lapsed (too slow to renew, not dead)
may still be working on a share another process took over; before the steps that must happen
once (the add, the history line, the answer), each claims the share on record, and only the
process that holds its lease gets the claim. The other stays silent: the claimer answers."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Claim = Callable[[], Awaitable[bool]]

_claim: ContextVar[Claim | None] = ContextVar("share_claim", default=None)


class TakenOver(Exception):
    """Another process took this share over; it adds and answers, this one says nothing."""


@contextmanager
def claiming(claim: Claim | None) -> Iterator[None]:
    """The share worked on in this block is claimed through `claim` (None: not on record)."""
    token = _claim.set(claim)
    try:
        yield
    finally:
        _claim.reset(token)


async def claim_share() -> None:
    """Claim the share in hand before its steps that must happen once; TakenOver when another
    process holds it now. A share not on record is this process's alone."""
    claim = _claim.get()
    if claim is not None and not await claim():
        raise TakenOver()
