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
from adapters.chat.status import Gone, Result, StatusEngine, Surface
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

    def delay(self, channel_id: int, reserve: int = 0) -> float:
        """Seconds until the channel may have an edit while keeping `reserve` for later ones."""
        return self._allowances.delay(channel_id, *self._shape, reserve)

    def take(self, channel_id: int) -> None:
        """An edit goes to the channel now."""
        self._allowances.take(channel_id, *self._shape)

    async def turn(self, channel_id: int, reserve: int = 0) -> None:
        """Wait until the channel may have an edit while keeping `reserve` for later ones."""
        while (wait := self.delay(channel_id, reserve)) > 0:
            await self.pacing.sleep(wait)
        self.take(channel_id)

    @property
    def _shape(self) -> tuple[int, float]:
        return max(1, self.pacing.burst), self.pacing.interval

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


class StatusMessage:
    """A StatusReporter on one message: stages coalesce (latest wins) and edits are paced, by
    the chat engine (adapters/chat/status.py) over Discord's edit call."""

    # `stage` never waits on Discord, so a slow channel cannot hold up an identification that
    # others share; `finish` waits until the final state is shown.

    def __init__(self, edit: Edit, channel_id: int, pacer: ChannelPacer, *, shown: str,
                 prefix: str = "", resend: Edit | None = None, posted: bool = True) -> None:
        self.channel_id = channel_id
        self._prefix = prefix
        self._channel = _Channel(edit, channel_id, pacer, resend)
        self._engine = StatusEngine(self._channel, Shown(shown), posted=posted)

    @classmethod
    def unsent(cls, channel_id: int, pacer: ChannelPacer, resend: Edit, prefix: str = ""
               ) -> StatusMessage:
        """For a share whose first message could not be sent: the result is sent anew."""
        status = cls(_unposted, channel_id, pacer, shown="", prefix=prefix, resend=resend)
        status._engine.gone = True
        return status

    @classmethod
    def waiting(cls, channel_id: int, pacer: ChannelPacer, resend: Edit, prefix: str = ""
                ) -> StatusMessage:
        """For a share that starts before its message is posted (a busy channel): stages wait
        until `post` sends the latest, or the result when it is already known."""
        return cls(_unposted, channel_id, pacer, shown="", prefix=prefix, resend=resend,
                   posted=False)

    @property
    def answered(self) -> bool:
        """Whether the final state is known (a message posted now would show it)."""
        return self._engine.final

    async def post(self, send: Send, heading: str = "") -> discord.Message | None:
        """Post the message with what it should show now, under `heading` from then on (a line
        for others, e.g. those it names); None when the channel refused it."""
        shown = self._engine.take_pending() or Shown(self._prefix + texts.say("received"))
        if heading:
            self._prefix = f"{heading}\n{self._prefix}"
            shown = Shown(f"{heading}\n{shown.text}", shown.embed, shown.view)
        try:
            sent = await send(shown)
        except (discord.HTTPException, OSError) as err:
            log.warning("no status message in channel %s: %s", self.channel_id, err)
            self._engine.was_posted(None)
            return None
        self._channel.edit_with(lambda s: sent.edit(content=s.text, embed=s.embed, view=s.view))
        self._engine.was_posted(shown)
        return sent

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage: show the stage at this channel's next turn."""
        if not self._engine.final:
            self._engine.want(Shown(self._prefix + texts.stage_text(stage, detail)))

    async def finish(self, final: Shown) -> None:
        """Show the final state; if the message cannot be edited, send it anew."""
        await self._engine.finish(Shown(self._prefix + final.text, final.embed, final.view))


async def _unposted(shown: Shown) -> None:
    raise AssertionError("a status message is edited only once posted")


class _Channel(Surface[Shown]):
    """The engine's Discord layer: a channel's pace and the edit call (discord.py waits out
    rate limits and retries server errors itself: any error is final)."""

    def __init__(self, edit: Edit, channel_id: int, pacer: ChannelPacer, resend: Edit | None
                 ) -> None:
        self._edit, self._resend = edit, resend
        self.channel_id, self._pacer = channel_id, pacer
        self.place = f"channel {channel_id}"

    def edit_with(self, edit: Edit) -> None:
        self._edit = edit

    def delay(self, reserve: int) -> float:
        return self._pacer.delay(self.channel_id, reserve)

    def take(self) -> None:
        self._pacer.take(self.channel_id)

    async def sleep(self, seconds: float) -> None:
        await self._pacer.pacing.sleep(seconds)

    async def edit(self, view: Shown, final: bool) -> Result:
        try:
            await self._edit(view)
        except (discord.HTTPException, OSError) as err:
            return Gone(f"cannot be edited: {err}")
        return "done"

    async def post(self, view: Shown, final: bool) -> Result:
        raise AssertionError("Discord status messages are posted by the front")

    async def resend(self, view: Shown) -> bool:
        if self._resend is None:
            return False
        try:
            await self._resend(view)
            return True
        except discord.HTTPException as err:
            log.warning("could not show a result in channel %s: %s", self.channel_id, err)
            return False

    def same(self, view: Shown, shown: Shown | None) -> bool:
        return shown is not None and view.text == shown.text and view.embed is None and \
            view.view is None
