"""One status message per share, edited through the stages and ending in the outcome: the
chat engine (adapters/chat/status.py) over Telegram's send and edit calls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, ReplyParameters
from telegram.error import BadRequest, NetworkError, TelegramError

from adapters.chat.status import Flood, Gone, Result, StatusEngine, Surface
from adapters.chat.text import clip
from adapters.telegram.budget import PAYABLE, Ticket
from adapters.telegram.sending import NO_PREVIEW, TEXT_MAX, Sender, not_modified
from core import texts
from core.ports import Stage

log = logging.getLogger(__name__)


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
                 shown: View | None = None, prefix: str = "", reply_to: int | None = None,
                 first: View | None = None, hold: float = 0.0, known: bool = False,
                 after: asyncio.Event | None = None, posted: asyncio.Event | None = None
                 ) -> None:
        self.chat_id = chat_id
        self._prefix = prefix
        self._chat = _Chat(sender, chat_id, message_id, private, reply_to)
        self._engine = StatusEngine(self._chat, shown, unposted=message_id is None,
                                    first=first, hold=hold, known=known, after=after,
                                    posted_event=posted)

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
        return cls(sender, chat_id, None, private=private, prefix=prefix, reply_to=reply_to,
                   first=View(prefix + text), hold=hold, known=known, after=after,
                   posted=posted)

    @property
    def message_id(self) -> int | None:
        return self._chat.message_id

    @property
    def shown(self) -> View | None:
        return self._engine.shown

    async def sent(self, within: float) -> int | None:
        """The first message's id once it is out, waiting at most `within` seconds."""
        if self.message_id is None and not self._engine.gone:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._engine.posted.wait(), within)
        return self.message_id

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage: show the stage when this chat's next turn comes. Not when the
        answer is known: its only step is the add, and an edit into "Adding…" would be a Bot
        API call between "Got it" and the result (a herd's calls slow everyone's answers)."""
        if not self._engine.final and not self._engine.known:
            self._engine.want(View(self._prefix + texts.stage_text(stage, detail)))

    async def finish(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Show the final view; if the message cannot be edited, send the view anew."""
        await self._engine.finish(View(self._prefix + text, markup))


class _Chat(Surface[View]):
    """The engine's Telegram layer: a chat's pace, the bot's budget, and the Bot API calls."""

    def __init__(self, sender: Sender, chat_id: int, message_id: int | None, private: bool,
                 reply_to: int | None) -> None:
        self._sender = sender
        self.chat_id, self.message_id = chat_id, message_id
        self.place = f"chat {chat_id}"
        self._private = private
        self._reply_to = reply_to
        pacing = sender.pacer.pacing
        self.attempts, self.max_flood_wait = pacing.attempts, pacing.max_flood_wait
        self._ticket: Ticket | None = None
        self._payable = False  # this turn's message may be paid for
        self._paid = False  # this turn was granted from the paid rate

    def delay(self, reserve: int) -> float:
        return self._sender.pacer.delay(self.chat_id, self._private, reserve)

    def take(self) -> None:
        self._sender.pacer.take(self.chat_id, self._private)

    async def sleep(self, seconds: float) -> None:
        await self._sender.pacer.pacing.sleep(seconds)

    async def admit(self, urgent: bool, payable: bool) -> None:
        self._payable = payable
        self._ticket = ticket = self._sender.budget.ticket(urgent, payable=payable)
        try:
            await ticket
            self._paid = ticket.paid
        except asyncio.CancelledError:
            if ticket.granted.done() and not ticket.granted.cancelled():
                self._sender.budget.release(ticket.paid)  # granted as the wait was cancelled
            ticket.cancel()
            raise
        finally:
            self._ticket = None

    def release(self) -> None:
        self._sender.budget.release(self._paid)

    def promote(self, payable: bool) -> None:
        if self._ticket is not None:
            self._payable = payable
            self._ticket.promote(payable=payable)

    async def post(self, view: View, final: bool) -> Result:
        reply = ReplyParameters(self._reply_to, allow_sending_without_reply=True) \
            if self._reply_to else None

        async def send() -> None:
            sent = await self._sender.call(
                "sendMessage", self._payable_mark(), chat_id=self.chat_id,
                text=clip(view.text, TEXT_MAX), reply_markup=view.markup,
                reply_parameters=reply, link_preview_options=None if final else NO_PREVIEW,
                allow_paid_broadcast=self._paid or None)
            self.message_id = sent["message_id"]

        return await self._call(send)

    def _payable_mark(self) -> Any:  # ExtBot[None] types it None; SharedRateLimiter reads it
        """A payable message sent unpaid goes paid if the replicas' shared free rate is spent."""
        limiter = self._sender.bot.rate_limiter
        worth = self._payable and not self._paid and getattr(limiter, "takes_payable", False)
        return PAYABLE if worth else None

    async def edit(self, view: View, final: bool) -> Result:
        return await self._call(lambda: self._sender.call(
            "editMessageText", text=clip(view.text, TEXT_MAX), chat_id=self.chat_id,
            message_id=self.message_id, reply_markup=view.markup,
            link_preview_options=None if final else NO_PREVIEW))

    async def _call(self, call: Callable[[], Awaitable[object]]) -> Result:
        try:
            flood = await self._sender.attempt(self.chat_id, call)
        except BadRequest as err:
            return "done" if not_modified(err) else Gone(err.message)
        except NetworkError as err:
            log.info("a status message failed, will retry: %s", err.message)
            return "failed"
        except TelegramError as err:
            return Gone(err.message)
        return flood if isinstance(flood, Flood) else "done"

    async def resend(self, view: View) -> bool:
        if self.message_id is None:  # never sent: nothing to follow up on
            return await super().resend(view)
        try:
            await self._sender.send(self.chat_id, view.text, markup=view.markup,
                                    private=self._private)
            return True
        except TelegramError as err:
            log.warning("could not show a result in chat %s: %s", self.chat_id, err.message)
            return False
