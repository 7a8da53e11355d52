"""One status message per share on any front: the newest view wins, a turn of the place's pace
is kept for the result, and the result is shown by an edit or, when the message is gone, sent
anew. A front gives only its thin send/edit layer (`Surface`)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from typing import Generic, Literal, TypeVar

from adapters.chat.allowances import wait_first

log = logging.getLogger(__name__)
V = TypeVar("V")


@dataclass(frozen=True)
class Flood:
    """The platform asked to wait `seconds` before the place may have another message (the
    front's layer has held the place for it already)."""

    seconds: float
    error: Exception = field(default_factory=Exception, compare=False)  # the platform's


@dataclass(frozen=True)
class Gone:
    """The message cannot be sent or edited any more (deleted, no rights, refused)."""

    why: str


Result = Literal["done", "failed"] | Flood | Gone  # failed: a network failure, tried again


class Surface(Generic[V]):
    """A front's send/edit layer for one place (a chat, a channel): its pace, and the calls."""

    place: object = ""  # for the logs
    attempts = 5  # network failures before a message is given up
    max_flood_wait = 900.0  # flood waits for one message before it is given up

    def delay(self, reserve: int) -> float:
        """Seconds until the place may have a message while keeping `reserve` for later."""
        raise NotImplementedError

    def take(self) -> None:
        """A message goes to the place now."""
        raise NotImplementedError

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def admit(self, urgent: bool, payable: bool) -> None:
        """Wait for a bot-wide turn, if the front has such a budget (released by `release`)."""

    def release(self) -> None:
        """The bot-wide turn taken by `admit` is over."""

    def promote(self, payable: bool) -> None:
        """The view waiting for a bot-wide turn became urgent."""

    async def post(self, view: V, final: bool) -> Result:
        """Send the message (the first time)."""
        raise NotImplementedError

    async def edit(self, view: V, final: bool) -> Result:
        raise NotImplementedError

    async def resend(self, view: V) -> bool:
        """The result as a new message, the old one being gone; False: it was not (logged)."""
        log.warning("a result could not be shown in %s", self.place)
        return False

    def same(self, view: V, shown: V | None) -> bool:
        """Whether showing `view` would change nothing."""
        return view == shown


class StatusEngine(Generic[V]):
    """The engine under each front's StatusMessage. `want` never waits on the platform;
    `finish` waits until the result is shown (or cannot be)."""

    def __init__(self, surface: Surface[V], shown: V | None, *, unposted: bool = False,
                 first: V | None = None, posted: bool = True, hold: float = 0.0,
                 known: bool = False, after: asyncio.Event | None = None,
                 posted_event: asyncio.Event | None = None) -> None:
        self.surface = surface
        self.shown = shown
        self.final = False
        self.gone = False  # the message cannot be sent or edited any more
        # The engine sends the message itself: `first` at once, else the first view wanted.
        self.unposted = unposted or first is not None
        self._first = first
        self._pending: V | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self.posted = posted_event or asyncio.Event()  # the message exists, or never will
        if posted and not self.unposted:
            self.posted.set()
        self._hold = hold  # how long the first message waits for the result
        self._after = after  # set once the message that goes before this one went out
        # The answer is known: only the result is worth paying for, and no stage is shown.
        self.known = known or hold > 0
        self._finished = asyncio.Event()
        self._flood_waited = 0.0
        if first is not None:
            self.want(first)

    def want(self, view: V) -> None:
        """Show `view` at the place's next turn (a newer view replaces it until then)."""
        self._pending = view
        self._changed.set()
        if self.urgent:
            self.surface.promote(self._payable)
        if not self.posted.is_set() and not self.unposted:
            return  # the front posts it (`take_pending`), later
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name=f"status {self.surface.place}")

    def take_pending(self) -> V | None:
        """The view a front posting the message itself shows now."""
        view, self._pending = self._pending, None
        return view

    def was_posted(self, shown: V | None) -> None:
        """The front posted the message itself (None: it could not)."""
        if shown is None:
            self.gone = True
        else:
            self.shown = shown
        self.posted.set()
        if self._pending is not None:  # a newer view came while it was being posted
            self.want(self._pending)

    async def finish(self, view: V) -> None:
        """Show the final view; if the message cannot be edited, send it anew."""
        self.final = True
        self._finished.set()
        self.want(view)
        if not self.unposted:  # posted by the front (the engine's own post is in the task)
            await self.posted.wait()
        if self._task is not None:
            await self._task
        if self.gone and not self.surface.same(view, self.shown) and \
                await self.surface.resend(view):
            self.shown = view

    @property
    def urgent(self) -> bool:
        return self.unposted or self.final

    @property
    def _payable(self) -> bool:
        """Whether the next message may be paid for: a new one (an edit never is), and when the
        answer is known, only the result itself."""
        return self.unposted and (self.final or not self.known)

    def _owed(self) -> bool:
        """Whether a message is still to be sent, or a newer view to be shown."""
        if self.unposted and self._first is not None:
            return True
        return self._pending is not None and not self.surface.same(self._pending, self.shown)

    async def _flush(self) -> None:
        if self._hold > 0:  # once: later views go out as their turns come
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._finished.wait(), self._hold)
            self._hold = 0.0
        if self._after is not None and self.unposted:
            await self._after.wait()  # the message before it (a message's shares) goes first
        failures = 0
        while self._owed() and not self.gone:
            await self._turn()
            try:
                result = await (self._post_first() if self.unposted else self._edit())
            finally:
                self.surface.release()
            if isinstance(result, Flood):
                self._flooded(result.seconds)
            elif isinstance(result, Gone):
                self._give_up(result.why)
            elif result == "failed":
                failures += 1
                if failures >= self.surface.attempts:
                    self._give_up("too many network failures")

    async def _post_first(self) -> Result:
        # Until the result is known the first message says only that the link is in; the
        # latest stage follows as an edit when there is room for it.
        view = self._pending if self.final or self._first is None else self._first
        result = await self.surface.post(view, self.final)  # type: ignore[arg-type]
        if result == "done":
            self.unposted, self.shown = False, view
            self.posted.set()
            if self._pending == view:
                self._pending = None
        return result

    async def _edit(self) -> Result:
        view, self._pending = self._pending, None
        result = await self.surface.edit(view, self.final)  # type: ignore[arg-type]
        if result == "done":
            self.shown = view
        else:
            self._pending = self._pending or view  # a newer view, if any, wins
        return result

    async def _turn(self) -> None:
        """Wait for the place's pace (keeping one message for the result) and any bot budget."""
        while (wait := self.surface.delay(0 if self.urgent else 1)) > 0:
            self._changed.clear()  # a result need not wait for a stage's turn
            await wait_first(self.surface.sleep(wait), self._changed.wait())
        self.surface.take()
        await self.surface.admit(self.urgent, self._payable)

    def _flooded(self, seconds: float) -> None:
        """A flood wait is not a failure: the view is shown once the platform lets us."""
        self._flood_waited += seconds
        if self._flood_waited > self.surface.max_flood_wait:
            self._give_up("flood control for too long")

    def _give_up(self, why: str) -> None:
        log.warning("status message in %s cannot be shown: %s", self.surface.place, why)
        self.gone = True
        self.posted.set()
