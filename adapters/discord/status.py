"""One status message per share, edited through the stages and ending in the outcome."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import discord

from adapters.chat.allowances import Allowances
from adapters.discord import render
from core import texts
from core.ports import Stage

log = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]
@dataclass(frozen=True)
class EditPacing:
    """How fast one channel's edits go; clock and sleep are injectable so tests run fast."""

    interval: float = 1.0  # Discord allows 5 message edits per 5 s in a channel
    clock: Callable[[], float] = field(default=time.monotonic, compare=False)
    sleep: Sleep = field(default=asyncio.sleep, compare=False)
    burst: int = 5


class ChannelPacer:
    """Per-channel edit allowances: a burst, refilled at one edit per interval."""

    def __init__(self, pacing: EditPacing) -> None:
        self.pacing = pacing
        self._allowances = Allowances(pacing.clock, lambda: pacing.interval * pacing.burst)

    async def turn(self, channel_id: int, reserve: int = 0) -> None:
        """Wait until the channel may have an edit while keeping `reserve` for later ones."""
        shape = max(1, self.pacing.burst), self.pacing.interval
        while (wait := self._allowances.delay(channel_id, *shape, reserve)) > 0:
            await self.pacing.sleep(wait)
        self._allowances.take(channel_id, *shape)

    def __len__(self) -> int:
        return len(self._allowances)


async def acknowledge(message: discord.Message, emoji: str) -> None:
    """React to a person's message, unless the channel refuses it (the status message follows
    either way)."""
    try:
        await message.add_reaction(emoji)
    except discord.HTTPException as err:  # e.g. no Add Reactions permission in this channel
        log.info("cannot react in channel %s: %s", message.channel.id, err)


@dataclass(frozen=True)
class Shown:
    """What a status message shows: text, and an embed or buttons once it is final; always
    within Discord's limits, or the edit is refused and the message stays on a stage."""

    text: str
    embed: discord.Embed | None = None
    view: discord.ui.View | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", render.clip(self.text))
        if self.embed is not None:
            render.fit_embed(self.embed)


Edit = Callable[[Shown], Awaitable[object]]
Send = Callable[[Shown], Awaitable[discord.Message]]


def extras(shown: Shown) -> dict[str, Any]:
    """The embed and buttons of a state, as `send` takes them (it refuses None)."""
    return {k: v for k, v in (("embed", shown.embed), ("view", shown.view)) if v is not None}


async def _unposted(shown: Shown) -> None:
    raise AssertionError("a status message is edited only once posted")


class StatusMessage:
    """A StatusReporter on one message: stages coalesce (latest wins) and edits are paced."""

    # `stage` never waits on Discord, so a slow channel cannot hold up an identification that
    # others share; `finish` waits until the final state is shown.

    def __init__(self, edit: Edit, channel_id: int, pacer: ChannelPacer, *, shown: str,
                 prefix: str = "", resend: Edit | None = None) -> None:
        self._edit = edit
        self._resend = resend
        self.channel_id = channel_id
        self._pacer = pacer
        self.shown = shown
        self._prefix = prefix
        self._pending: Shown | None = None
        self._task: asyncio.Task[None] | None = None
        self._final = False
        self._gone = False  # the message cannot be edited any more
        self._posted = asyncio.Event()  # the message exists (or could not be sent)
        self._posted.set()

    @classmethod
    def unsent(cls, channel_id: int, pacer: ChannelPacer, resend: Edit, prefix: str = ""
               ) -> StatusMessage:
        """For a share whose first message could not be sent: the result is sent anew."""
        async def nothing(shown: Shown) -> None:
            """There is no message to edit."""

        status = cls(nothing, channel_id, pacer, shown="", prefix=prefix, resend=resend)
        status._gone = True
        return status

    @classmethod
    def waiting(cls, channel_id: int, pacer: ChannelPacer, resend: Edit, prefix: str = ""
                ) -> StatusMessage:
        """For a share that starts before its message is posted (a busy channel): stages wait
        in `pending` and `post` sends the latest, or the result when it is already known."""
        status = cls(_unposted, channel_id, pacer, shown="", prefix=prefix, resend=resend)
        status._posted.clear()
        return status

    @property
    def answered(self) -> bool:
        """Whether the final state is known (a message posted now would show it)."""
        return self._final

    async def post(self, send: Send, heading: str = "") -> discord.Message | None:
        """Post the message with what it should show now, under `heading` from then on (a line
        for others, e.g. those it names); None when the channel refused it."""
        shown, self._pending = self._pending or Shown(self._prefix + render.RECEIVED), None
        if heading:
            self._prefix = f"{heading}\n{self._prefix}"
            shown = Shown(f"{heading}\n{shown.text}", shown.embed, shown.view)
        try:
            sent = await send(shown)
        except (discord.HTTPException, OSError) as err:
            log.warning("no status message in channel %s: %s", self.channel_id, err)
            self._gone = True
            self._posted.set()
            return None
        self._edit = lambda s: sent.edit(content=s.text, embed=s.embed, view=s.view)
        self.shown = shown.text
        self._posted.set()
        if self._pending is not None:  # a newer state came while it was being posted
            self._want(self._pending)
        return sent

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage: show the stage at this channel's next turn."""
        if not self._final:
            self._want(Shown(self._prefix + texts.stage_text(stage, detail)))

    async def finish(self, final: Shown) -> None:
        """Show the final state; if the message cannot be edited, send it anew."""
        self._final = True
        final = Shown(self._prefix + final.text, final.embed, final.view)
        self._want(final)
        await self._posted.wait()
        if self._task is not None:
            await self._task
        if self._gone and self._resend is not None:
            try:
                await self._resend(final)
            except discord.HTTPException as err:
                log.warning("could not show a result in channel %s: %s", self.channel_id, err)

    def _want(self, shown: Shown) -> None:
        self._pending = shown
        if not self._posted.is_set():
            return  # `post` shows it
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name=f"status {self.channel_id}")

    async def _flush(self) -> None:
        while self._pending is not None and not self._gone:
            shown, self._pending = self._pending, None
            if shown.text == self.shown and shown.embed is None and shown.view is None:
                continue
            # A stage keeps one edit of the channel in hand, so the result is not held back.
            await self._pacer.turn(self.channel_id, reserve=0 if self._final else 1)
            shown = self._pending or shown  # a newer state that came while waiting wins
            self._pending = None
            try:
                await self._edit(shown)
            except (discord.HTTPException, OSError) as err:
                # discord.py already waited out rate limits and retried server errors.
                log.warning("status message in channel %s cannot be edited: %s",
                            self.channel_id, err)
                self._gone = True
                return
            self.shown = shown.text
