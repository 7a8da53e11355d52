"""Videos, audio and voice messages posted as attachments: each one a share, like a link.

Posted to the bot (where it reads messages), or picked later with Apps → "Stash this song" on
the message, Discord's way of pointing at a message (as Telegram's /stash in reply).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.discord import render, views
from adapters.discord.deps import PLATFORM, Deps, server_of, user_key
from adapters.discord.downloads import DiscordFiles, kept_as, kind_of
from adapters.discord.status import StatusMessage, acknowledge, extras
from core import texts
from core.destinations import shared_in
from core.errors import TooManyShares
from core.labels import place_label, places
from core.models import FileKind, UserKey
from core.ports import Stage
from core.service import Held, ShownOn

log = logging.getLogger(__name__)

# The menu's name is Discord's to show in each person's language (see adapters.discord.language).
MENU = texts.say("discord.menu")
Media = list[tuple[discord.Attachment, FileKind]]
Edit = Callable[[str], Awaitable[discord.Message]]  # a new status message with this text


class FileShares:
    """Messages whose attachments are audio or video, and no links (links come first)."""

    def __init__(self, deps: Deps, source: DiscordFiles) -> None:
        self._deps = deps
        self._source = source

    def media_of(self, message: discord.Message) -> Media:
        """The audio and video attachments of a message without links (at most the cap)."""
        if self._deps.stash.links_in(message.content):
            return []
        media = [(a, kind) for a in message.attachments
                 if (kind := kind_of(message, a)) is not None]
        return media[:self._deps.stash.policy.max_links_per_message]

    async def on_message(self, message: discord.Message) -> None:
        """Stash the message's media attachments."""
        media = self.media_of(message)
        if not media or not await self._deps.claim(message):
            return
        seen = asyncio.create_task(acknowledge(message, render.SEEN))
        await self._share_all(message.author, message, media, _replier(message),
                              lambda text: _reply(message, text))
        await seen

    async def on_menu(self, interaction: discord.Interaction[Any],
                      message: discord.Message) -> None:
        """Apps → Stash this song on a message without links: its files, for whoever asked."""
        shared_in.set(server_of(interaction.guild_id))
        media = self.media_of(message)
        if not media:
            await interaction.response.send_message(texts.say("discord.nothing_here"),
                                                    ephemeral=True)
            return
        if not await self._deps.stash.first_delivery(PLATFORM, "interaction",
                                                     str(interaction.id), str(interaction.user.id)):
            return

        async def first_or_followup(text: str) -> discord.Message:
            if not interaction.response.is_done():
                await interaction.response.send_message(text)
                return await interaction.original_response()
            return await interaction.followup.send(text, wait=True)

        async def privately(text: str) -> None:
            await interaction.response.send_message(text, ephemeral=True)

        own = message.author.id == interaction.user.id
        await self._share_all(interaction.user, message, media, first_or_followup, privately,
                              own)

    async def _share_all(self, person: discord.abc.User, message: discord.Message, media: Media,
                         post: Edit, refuse: Callable[[str], Awaitable[None]], own: bool = True
                         ) -> None:
        user = user_key(person)
        if not self._deps.stash.admit(user, len(media)):
            await refuse(TooManyShares.user_message)
            return
        where = places(len(media))
        statuses = []
        for place in where:  # posted in order, so [1/2] comes before [2/2]
            statuses.append(await self._status(post, place_label(place)))
        await asyncio.gather(*(
            self._share(user, attachment, kind, own, status, place,
                        kept_as(message.channel.id, message.id, attachment.id, kind, own))
            for (attachment, kind), status, place in zip(media, statuses, where, strict=True)
            if status is not None))

    async def _status(self, post: Edit, label: str) -> tuple[StatusMessage, int] | None:
        try:
            sent = await post(label + texts.say("received"))
        except discord.HTTPException as err:
            log.warning("no status message: %s", err)
            return None
        channel = sent.channel
        return StatusMessage(lambda s: sent.edit(content=s.text, embed=s.embed, view=s.view),
                             channel.id, self._deps.pacer, shown=sent.content, prefix=label,
                             resend=lambda s: channel.send(s.text, **extras(s))), sent.id

    async def _share(self, user: UserKey, attachment: discord.Attachment, kind: FileKind,
                     own: bool, posted: tuple[StatusMessage, int], place: str, kept: str
                     ) -> None:
        status, message_id = posted
        await status.stage(Stage.DOWNLOADING)  # the file is read before anything else
        # On record until shown: after a restart the attachment is read again from its message.
        await self._deps.stash.share(
            user, Held(lambda: self._source.hold(attachment, kind, own), kept), status,
            ShownOn(lambda outcome: status.finish(views.outcome_shown(outcome, place)),
                    str(status.channel_id), str(message_id), place))


def _replier(message: discord.Message) -> Edit:
    async def post(text: str) -> discord.Message:
        return await message.reply(text, mention_author=False)
    return post


async def _reply(message: discord.Message, text: str) -> None:
    try:
        await message.reply(text, mention_author=False)
    except discord.HTTPException as err:
        log.warning("cannot reply in channel %s: %s", message.channel.id, err)
