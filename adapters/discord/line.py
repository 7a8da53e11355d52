"""A channel's line for status messages. Discord takes 5 messages per 5 s in a channel, so in a
busy one status messages wait their turn; their shares start at once, and each waiting message is
posted with what it should show by then (often the answer itself).

Everyone waiting is acknowledged within about two seconds in ways the channel allows, spending no
message the answers need: a 👀 reaction on their message (reactions have their own limit, four a
second), and, for those the reactions would reach late, their names (no pings) at the top of the
last status message a window has room for, which is held until someone the reactions have not
reached has waited a second (two seconds after its own share at the latest)."""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import discord

from adapters.discord import render
from adapters.discord.status import Sleep, acknowledge
from core import texts

log = logging.getLogger(__name__)
SENDS, PER = 5, 5.0  # a channel's messages, per window that starts with its first message
GATHER = 1.0  # how long someone waits unacknowledged before the window's last message names them
HOLD_MAX = 2.0  # the window's last message waits at most this long after its own share
STEP = 0.25  # how often a held message looks again at who is waiting (a reaction's time)
HEADING_MAX = 1000  # room for names, leaving the rest of the message to its own status
_KEEP = 1000  # channels remembered before idle ones are dropped

Post = Callable[[str], Awaitable[object]]  # posts a status message under a heading ("" none)


@dataclass(eq=False)
class Waiting:
    """A status message waiting for room in its channel."""

    message: discord.Message  # the person's, which it answers
    post: Post
    arrived: float
    answered: Callable[[], bool]  # whether it would be posted with the answer in it
    acknowledged: bool = False  # reacted to, named, or being posted
    # Its sharer's language (the share's own, where it started waiting): its heading speaks it.
    lang: str = field(default_factory=texts.speaking.get)


class Line:
    """One channel: its window of messages, and the status messages waiting, oldest first."""

    def __init__(self, clock: Callable[[], float], sleep: Sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._start, self._used = -math.inf, 0
        self._waiting: list[Waiting] = []
        self._tasks: dict[str, asyncio.Task[None]] = {}  # "send", "react": while they work

    @property
    def idle(self) -> bool:
        """Nothing waits and the window has ended."""
        return not self._waiting and self.room() == SENDS

    def room(self) -> int:
        """Messages the channel takes now."""
        return SENDS if self._clock() >= self._start + PER else SENDS - self._used

    def _take(self) -> None:
        if self._clock() >= self._start + PER:
            self._start, self._used = self._clock(), 0
        self._used += 1

    def now(self) -> bool:
        """Whether a new status message goes out at once (its turn taken): nobody is waiting
        and the window keeps its last message for naming those who may come."""
        if self._waiting or self.room() <= 1:
            return False
        self._take()
        return True

    def join(self, message: discord.Message, post: Post,
             answered: Callable[[], bool] = lambda: False) -> Waiting:
        """Wait for room; acknowledged meanwhile, then `post` is called in turn."""
        waiting = Waiting(message, post, self._clock(), answered)
        self._waiting.append(waiting)
        for name, work in (("send", self._send), ("react", self._react)):
            if name not in self._tasks or self._tasks[name].done():
                self._tasks[name] = asyncio.create_task(
                    work(), name=f"{name} in channel {message.channel.id}")
        return waiting

    def leave(self, waiting: Waiting) -> None:
        """A share that ended without its message (stopping): it is not posted any more."""
        if waiting in self._waiting:
            self._waiting.remove(waiting)

    async def _send(self) -> None:
        while self._waiting:
            room, now = self.room(), self._clock()
            if room == 0:
                await self._sleep(self._start + PER - now)
                continue
            head = self._waiting[0]
            if room == 1 and (hold := self._held_until(head) - now) > 0:
                await self._sleep(min(hold, STEP))  # those who come meanwhile are named in it
                continue
            if room == 1:  # discord.py returns from a window's last message only once the
                # window is over, so it goes to an answer that needs no edit afterwards
                head = next((w for w in self._waiting if w.answered()), head)
            self._waiting.remove(head)
            self._take()
            named = [w for w in self._waiting if not w.acknowledged] if room == 1 else []
            for one in (head, *named):
                self._acknowledged(one)
            try:
                await head.post(_heading(named, head))
            except Exception:  # the next in line still gets its turn
                log.exception("could not post a status message in channel %s",
                              head.message.channel.id)

    def _held_until(self, head: Waiting) -> float:
        """When the window's last message goes: once someone the reactions have not reached
        has waited GATHER (it names them), and HOLD_MAX after its own share at the latest."""
        late = [w.arrived + GATHER for w in self._waiting if w is not head and not w.acknowledged]
        return min([head.arrived + HOLD_MAX, *late])

    async def _react(self) -> None:
        while (first := next((w for w in self._waiting if not w.acknowledged), None)) is not None:
            self._acknowledged(first)
            await acknowledge(first.message, render.SEEN)

    def _acknowledged(self, waiting: Waiting) -> None:
        for one in [*self._waiting, waiting]:  # a message with several links: once
            if one.message.id == waiting.message.id:
                one.acknowledged = True


def _heading(named: list[Waiting], head: Waiting) -> str:
    """The sentence naming those still waiting (each once, never the message's own person)."""
    people = {w.message.author.id: w.message.author for w in named
              if w.message.author.id != head.message.author.id}
    if not people:
        return ""
    names = ", ".join(render.outside(person.display_name) for person in people.values())
    with texts.in_language(head.lang):
        return render.clip(texts.say("discord.waiting_named", names=names), HEADING_MAX)


class Lines:
    """Every channel's line, on the pacing's clock (tests move it by hand)."""

    def __init__(self, clock: Callable[[], float], sleep: Sleep) -> None:
        self._clock, self._sleep = clock, sleep
        self._lines: dict[int, Line] = {}

    def of(self, channel_id: int) -> Line:
        """The channel's line."""
        if len(self._lines) > _KEEP:
            self._lines = {k: line for k, line in self._lines.items() if not line.idle}
        line = self._lines.get(channel_id)
        if line is None:
            line = self._lines[channel_id] = Line(self._clock, self._sleep)
        return line
