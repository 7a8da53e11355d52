"""Kept shares as a front sees them: the status message a share's outcome is shown on, a file
the front holds while the share reads it, and a kept share's message opened again after a
restart. Values only: the leases are keeper.py's, the sharing on record kept_shares.py's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass

from core.models import KeptShare, Link
from core.outcomes import Outcome
from core.ports import StatusReporter

Show = Callable[[Outcome], Awaitable[None]]
Hold = Callable[[], AbstractAsyncContextManager[Link]]


@dataclass(frozen=True)
class ShownOn:
    """The status message a share's outcome is shown on: the share stays on record until
    `show` is done, so that another process finishes it there if this one stops."""

    show: Show
    chat_id: str
    message_id: str = ""  # "": not posted (yet)
    place: str = ""  # "2/3" of a message's links
    posted: Awaitable[str] | None = None  # the message's id, once posted after the start


@dataclass(frozen=True)
class Held:
    """A file the front must read before it is known (its identity is its content): `hold`
    gives its Link for as long as the share needs the file. `kept_as`: what the front's
    `Reopened.hold` reads it again from after a restart."""

    hold: Hold
    kept_as: str = ""


@dataclass(frozen=True)
class Reopened:
    """A kept share's status message, as its front can edit it again."""

    reporter: StatusReporter  # the stages
    show: Show  # the final outcome
    say: Callable[[str], Awaitable[None]]  # a final plain line (a share too old to finish)
    # A file the front must read again (a Discord attachment, through its message): None for
    # links, and for files the record names whole (Telegram's file id).
    hold: Hold | None = None


Reopen = Callable[[KeptShare], Awaitable[Reopened | None]]
