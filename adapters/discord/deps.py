"""What every handler shares, and small facts about Discord people and places."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import discord

from adapters.chat.language import spoken
from adapters.discord import render
from adapters.discord.line import Lines
from adapters.discord.status import ChannelPacer
from core import texts
from core.connecting import Connecting
from core.models import UserKey
from core.service import Stash

if TYPE_CHECKING:
    from adapters.discord.downloads import DiscordFiles

PLATFORM = "discord"
T = TypeVar("T")


def user_key(user: discord.abc.User) -> UserKey:
    """The Stash identity of a Discord user."""
    return UserKey(PLATFORM, str(user.id))


class Inflight:
    """The handlers running now, so that stopping can let them finish their messages."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    async def run(self, work: Awaitable[T]) -> T:
        """Await `work` as a handler that stopping waits for."""
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            return await work
        finally:
            self._tasks.discard(task)

    async def drain(self, seconds: float) -> None:
        """Wait (up to `seconds`) for the handlers running now."""
        if self._tasks:
            await asyncio.wait(set(self._tasks), timeout=seconds)


@dataclass
class Deps:
    """The service, the connecting commands and the edit pacing, shared by the handlers."""

    stash: Stash
    connecting: Connecting
    pacer: ChannelPacer
    history_page: int = 5
    inflight: Inflight = field(default_factory=Inflight)
    # Where attachments are read from, when files sent to the bot are taken (None: not on).
    file_source: DiscordFiles | None = None
    lines: Lines = field(init=False)  # status messages waiting for room, on the pacing's clock

    def __post_init__(self) -> None:
        self.lines = Lines(self.pacer.pacing.clock, self.pacer.pacing.sleep)

    async def claim(self, message: discord.Message) -> bool:
        """Whether to handle the message: False when another process (or this one) took it
        first; if taken here, its author's language is spoken for the rest of the handling."""
        if not await self.stash.first_delivery(PLATFORM, str(message.channel.id),
                                               str(message.id), str(message.author.id)):
            return False
        await speak_to_author(self, message)
        return True


async def speak(deps: Deps, interaction: discord.Interaction[Any]) -> None:
    """Speak the person's language for the rest of the interaction (and the tasks it starts):
    their /language choice, else their Discord's locale (noted for their plain messages)."""
    user, locale = user_key(interaction.user), interaction.locale.value
    deps.stash.tongues.note(user, locale)
    texts.speaking.set(await deps.stash.tongues.of(user, locale))


async def speak_to_author(deps: Deps, message: discord.Message) -> None:
    """A plain message's language: the author's choice, else the locale last seen of them in
    an interaction, else their server's."""
    user, tongues = user_key(message.author), deps.stash.tongues
    lang = await tongues.chosen(user)
    if lang is None:
        server = message.guild.preferred_locale.value if message.guild else None
        lang = texts.pick(await tongues.known_locale(user) or server)
    texts.speaking.set(lang)


async def answer_privately(interaction: discord.Interaction[Any], text: str,
                           view: discord.ui.View | None = None) -> None:
    """An ephemeral answer, whether or not the interaction was deferred."""
    # Both calls refuse view=None: leave it out rather than pass it.
    extra: dict[str, Any] = {"view": view} if view is not None else {}
    text = render.clip(spoken(text))
    if interaction.response.is_done():
        await interaction.followup.send(text, ephemeral=True, **extra)
    else:
        await interaction.response.send_message(text, ephemeral=True, **extra)


def server_of(guild_id: int | None) -> str | None:
    """The server a share came from, as its group playlist knows it (None: a direct message).
    Each Discord event runs in its own task, so setting `shared_in` there scopes it to one."""
    return f"{PLATFORM}:{guild_id}" if guild_id is not None else None
