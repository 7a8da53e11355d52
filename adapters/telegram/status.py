"""One status message per share, edited through the stages and ending in the outcome."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

from telegram import InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from adapters.chat.text import clip
from adapters.telegram.budget import PAYABLE, Ticket
from adapters.telegram.pacing import wait_first
from adapters.telegram.sending import NO_PREVIEW, TEXT_MAX, Sender, not_modified, retry_seconds
from core import texts
from core.ports import Stage

log = logging.getLogger(__name__)
Result = Literal["done", "flood", "failed"]


@dataclass(frozen=True)
class View:
    """What a status message shows: its text and buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


class StatusMessage:
    """A StatusReporter on one message: the latest view wins, and it is chosen only when the
    chat's pace and the bot's budget give it a turn.

    The first message and the result are urgent; intermediate stages go only when the chat
    keeps a message in hand for the result and no urgent message of any chat is waiting, so
    under load they coalesce away. `stage` never waits on Telegram; `finish` waits until the
    result is shown (or cannot be). A result ready before the first message went out is sent
    as the first message: one Bot API call instead of two. When the answer is known already
    (cached), the first message is held a moment for it, so that it usually is.
    """

    def __init__(self, sender: Sender, chat_id: int, message_id: int | None, *, private: bool,
                 shown: View | None = None, prefix: str = "", reply_to: int | None = None
                 ) -> None:
        self._sender = sender
        self.chat_id = chat_id
        self.message_id = message_id
        self._private = private
        self.shown = shown
        self._prefix = prefix
        self._reply_to = reply_to
        self._first: View | None = None  # the first message, until it is sent
        self._pending: View | None = None
        self._task: asyncio.Task[None] | None = None
        self._changed = asyncio.Event()
        self._posted = asyncio.Event()  # the first message went out, or never will
        self._hold = 0.0  # how long the first message waits for the result
        self._after: asyncio.Event | None = None  # the message before this one went out
        self._known = False  # the answer is known: only the result is worth paying for
        self._finished = asyncio.Event()  # the result is wanted
        self._ticket: Ticket | None = None
        self._paid = False  # this turn was granted from the paid rate
        self._final = False
        self._gone = False  # the message cannot be sent or edited any more
        self._flood_waited = 0.0

    @classmethod
    def start(cls, sender: Sender, chat_id: int, text: str, *, private: bool,
              reply_to: int | None = None, prefix: str = "", hold: float = 0.0,
              known: bool = False, after: asyncio.Event | None = None,
              posted: asyncio.Event | None = None) -> StatusMessage:
        """A new status message, sent as soon as the chat and the bot may (nobody waits), or
        after `hold` seconds unless the result came first: then the result is the message.
        `known`: the answer is known already (held or not); no stage is shown before it.
        `after`: set once the message that goes before this one went out (or never will), so
        that a message's shares keep their order; `posted` is set when this one did."""
        status = cls(sender, chat_id, None, private=private, prefix=prefix, reply_to=reply_to)
        status._after = after
        if posted is not None:
            status._posted = posted
        status._hold, status._known = hold, known or hold > 0
        status._first = View(prefix + text)
        status._want(status._first)
        return status

    async def sent(self, within: float) -> int | None:
        """The first message's id once it is out, waiting at most `within` seconds."""
        if self.message_id is None and not self._gone:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._posted.wait(), within)
        return self.message_id

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage: show the stage when this chat's next turn comes. Not when the
        answer is known: its only step is the add, and an edit into "Adding…" would be a Bot
        API call between "Got it" and the result (a herd's calls slow everyone's answers)."""
        if not self._final and not self._known:
            self._want(View(self._prefix + texts.stage_text(stage, detail)))

    async def finish(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Show the final view; if the message cannot be edited, send the view anew."""
        self._final = True
        self._finished.set()
        view = View(self._prefix + text, markup)
        self._want(view)
        if self._task is not None:
            await self._task
        if self.shown != view and self._gone and self.message_id is not None:
            await self._resend(view)
        elif self.shown != view:
            log.warning("a result could not be shown in chat %s", self.chat_id)

    @property
    def _urgent(self) -> bool:
        return self.message_id is None or self._final

    @property
    def _payable(self) -> bool:
        """Whether the next message may be paid for: a new one (an edit never is), and when the
        answer is known, only the result itself (a paid "Got it" would leave the result to an
        edit at the free rate)."""
        return self.message_id is None and (self._final or not self._known)

    def _want(self, view: View) -> None:
        self._pending = view
        self._changed.set()
        if self._ticket is not None and self._urgent:
            self._ticket.promote(payable=self._payable)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name=f"status {self.chat_id}")

    async def _flush(self) -> None:
        if self._hold > 0:  # once: later views go out as their turns come
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._finished.wait(), self._hold)
            self._hold = 0.0
        if self._after is not None and self.message_id is None:
            await self._after.wait()  # the share before it in the same message goes first
        failures = 0
        while self._owed() and not self._gone:
            await self._turn()
            try:
                if self.message_id is None:
                    result = await self._post_first()
                else:
                    view, self._pending = self._pending, None
                    result = await self._edit(view)  # type: ignore[arg-type]
                    if result != "done":
                        self._pending = self._pending or view  # a newer view, if any, wins
            finally:
                self._sender.budget.release()
            if result == "failed":
                failures += 1
                if failures >= self._sender.pacer.pacing.attempts:
                    self._give_up("too many network failures")

    async def _post_first(self) -> Result:
        # Until the result is known the first message says only that the link is in; the
        # latest stage follows as an edit when there is room for it.
        view = self._pending if self._final or self._first is None else self._first
        result = await self._post(view)  # type: ignore[arg-type]
        if result == "done" and self._pending == view:
            self._pending = None
        return result

    def _owed(self) -> bool:
        """Whether a message is still to be sent, or a newer view to be shown."""
        if self.message_id is None and self._first is not None:
            return True
        return self._pending is not None and self._pending != self.shown

    async def _turn(self) -> None:
        """Wait for the chat's pace (keeping one message for the result) and the bot's budget."""
        pacer = self._sender.pacer
        while (wait := pacer.delay(self.chat_id, self._private, 0 if self._urgent else 1)) > 0:
            await self._pause(wait)
        pacer.take(self.chat_id, self._private)
        self._ticket = ticket = self._sender.budget.ticket(self._urgent, payable=self._payable)
        try:
            await ticket
            self._paid = ticket.paid
        except asyncio.CancelledError:
            if ticket.granted.done() and not ticket.granted.cancelled():
                self._sender.budget.release()  # granted just as the wait was cancelled
            ticket.cancel()
            raise
        finally:
            self._ticket = None

    async def _pause(self, seconds: float) -> None:
        """Sleep, waking early when a new view is wanted (a result need not wait for a stage)."""
        self._changed.clear()
        await wait_first(self._sender.pacer.pacing.sleep(seconds), self._changed.wait())

    async def _post(self, view: View) -> Result:
        reply = ReplyParameters(self._reply_to, allow_sending_without_reply=True) \
            if self._reply_to else None

        async def send() -> None:
            message = await self._sender.bot.send_message(
                self.chat_id, clip(view.text, TEXT_MAX), reply_markup=view.markup,
                reply_parameters=reply,
                link_preview_options=None if self._final else NO_PREVIEW,
                allow_paid_broadcast=self._paid or None, rate_limit_args=self._payable_mark())
            self.message_id = message.message_id
            self._posted.set()

        return await self._call(send, view)

    def _payable_mark(self) -> Any:  # ExtBot[None] types it None; SharedRateLimiter reads it
        """A payable message sent unpaid goes paid if the replicas' shared free rate is spent."""
        limiter = self._sender.bot.rate_limiter
        worth = self._payable and not self._paid and getattr(limiter, "takes_payable", False)
        return PAYABLE if worth else None

    async def _edit(self, view: View) -> Result:
        return await self._call(lambda: self._sender.bot.edit_message_text(
            clip(view.text, TEXT_MAX), self.chat_id, self.message_id, reply_markup=view.markup,
            link_preview_options=None if self._final else NO_PREVIEW), view)

    async def _call(self, call: Callable[[], Awaitable[object]], view: View) -> Result:
        try:
            await call()
        except RetryAfter as err:
            # Flood waits are not failures: the view is shown once Telegram lets us.
            seconds = retry_seconds(err)
            self._flood_waited += seconds
            if self._flood_waited > self._sender.pacer.pacing.max_flood_wait:
                self._give_up("flood control for too long")
            self._sender.pacer.hold(self.chat_id, seconds)
            return "flood"
        except BadRequest as err:
            if not not_modified(err):
                self._give_up(err.message)
                return "done"
        except NetworkError as err:
            log.info("a status message failed, will retry: %s", err.message)
            return "failed"
        except TelegramError as err:
            self._give_up(err.message)
            return "done"
        self.shown = view
        return "done"

    def _give_up(self, why: str) -> None:
        log.warning("status message in chat %s cannot be shown: %s", self.chat_id, why)
        self._gone = True
        self._posted.set()

    async def _resend(self, view: View) -> None:
        try:
            await self._sender.send(self.chat_id, view.text, markup=view.markup,
                                    private=self._private)
            self.shown = view
        except TelegramError as err:
            log.warning("could not show a result in chat %s: %s", self.chat_id, err.message)
