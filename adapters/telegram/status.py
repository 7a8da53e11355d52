"""One status message per share, edited through the stages and ending in the outcome."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError

from adapters.telegram.sending import NO_PREVIEW, Sender, not_modified, retry_seconds
from core import texts
from core.ports import Stage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class View:
    """What a status message shows: its text and buttons."""

    text: str
    markup: InlineKeyboardMarkup | None = None


class StatusMessage:
    """A StatusReporter on one message: stages coalesce (latest wins) and edits are paced.

    `stage` never waits on Telegram, so a slow chat cannot hold up an identification that
    other people share; `finish` waits until the final view is shown.
    """

    def __init__(self, sender: Sender, chat_id: int, message_id: int, *, private: bool,
                 shown: View, prefix: str = "") -> None:
        self._sender = sender
        self.chat_id = chat_id
        self.message_id = message_id
        self._private = private
        self.shown = shown
        self._prefix = prefix
        self._pending: View | None = None
        self._task: asyncio.Task[None] | None = None
        self._final = False
        self._gone = False  # the message cannot be edited any more

    @classmethod
    async def post(cls, sender: Sender, chat_id: int, text: str, *, private: bool,
                   reply_to: int | None = None, prefix: str = "") -> StatusMessage:
        """Send a new status message (raises TelegramError when the chat refuses it)."""
        message = await sender.send(chat_id, prefix + text, reply_to=reply_to, preview=False)
        return cls(sender, chat_id, message.message_id, private=private,
                   shown=View(prefix + text), prefix=prefix)

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage: show the stage when this chat's next turn comes."""
        if not self._final:
            self._want(View(self._prefix + texts.stage_text(stage, detail)))

    async def finish(self, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
        """Show the final view; if the message cannot be edited, send the view anew."""
        self._final = True
        view = View(self._prefix + text, markup)
        self._want(view)
        if self._task is not None:
            await self._task
        if self.shown != view and self._gone:
            await self._resend(view)

    def _want(self, view: View) -> None:
        self._pending = view
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name=f"status {self.chat_id}")

    async def _flush(self) -> None:
        failures = 0
        pacer = self._sender.pacer
        while self._pending is not None and self._pending != self.shown and not self._gone:
            await pacer.turn(self.chat_id, self._private)
            view, self._pending = self._pending, None
            result = await self._edit(view)
            if result == "failed":
                failures += 1
                if failures >= pacer.pacing.attempts:
                    self._give_up("too many network failures")
            if result != "done":
                self._pending = self._pending or view  # a newer view, if any, wins

    async def _edit(self, view: View) -> Literal["done", "flood", "failed"]:
        try:
            await self._sender.bot.edit_message_text(
                view.text, self.chat_id, self.message_id, reply_markup=view.markup,
                link_preview_options=None if self._final else NO_PREVIEW)
        except RetryAfter as err:
            # Flood waits are not failures: the view is shown once Telegram lets us.
            self._sender.pacer.hold(self.chat_id, retry_seconds(err))
            return "flood"
        except BadRequest as err:
            if not not_modified(err):
                self._give_up(err.message)
                return "done"
        except NetworkError as err:
            log.info("editing a status message failed, will retry: %s", err.message)
            return "failed"
        except TelegramError as err:
            self._give_up(err.message)
            return "done"
        self.shown = view
        return "done"

    def _give_up(self, why: str) -> None:
        log.warning("status message in chat %s cannot be edited: %s", self.chat_id, why)
        self._gone = True

    async def _resend(self, view: View) -> None:
        try:
            await self._sender.send(self.chat_id, view.text, markup=view.markup)
            self.shown = view
        except TelegramError as err:
            log.warning("could not show a result in chat %s: %s", self.chat_id, err.message)

