"""Videos, audio and voice messages posted as attachments: each one a share, like a link."""

from __future__ import annotations

import asyncio
import logging

import discord

from adapters.discord import render, views
from adapters.discord.deps import PLATFORM, Deps, user_key
from adapters.discord.downloads import DiscordFiles, kind_of
from adapters.discord.status import StatusMessage, extras
from core.errors import StashError, TooManyShares
from core.models import FileKind, UserKey
from core.outcomes import ShareFailed
from core.ports import Stage

log = logging.getLogger(__name__)


class FileShares:
    """Messages whose attachments are audio or video, and no links (links come first)."""

    def __init__(self, deps: Deps, source: DiscordFiles) -> None:
        self._deps = deps
        self._source = source

    async def on_message(self, message: discord.Message) -> bool:
        """Stash the message's media attachments; False when it has none (or has links)."""
        if message.author.bot:
            return False
        media = [(a, kind) for a in message.attachments
                 if (kind := kind_of(message, a)) is not None]
        if not media or self._deps.stash.read(message.content).links:
            return False
        if not await self._deps.stash.first_delivery(PLATFORM, str(message.channel.id),
                                                     str(message.id)):
            return True
        user = user_key(message.author)
        media = media[:self._deps.stash.policy.max_links_per_message]
        if not self._deps.stash.admit(user, len(media)):
            await _reply(message, TooManyShares.user_message)
            return True
        total = len(media)
        await asyncio.gather(*(
            self._share(message, user, attachment, kind, f"[{n}/{total}] " if total > 1 else "")
            for n, (attachment, kind) in enumerate(media, start=1)))
        return True

    async def _share(self, message: discord.Message, user: UserKey,
                     attachment: discord.Attachment, kind: FileKind, label: str) -> None:
        try:
            sent = await message.reply(label + render.RECEIVED, mention_author=False)
        except discord.HTTPException as err:
            log.warning("no status message in channel %s: %s", message.channel.id, err)
            return
        channel = message.channel
        status = StatusMessage(lambda s: sent.edit(content=s.text, embed=s.embed, view=s.view),
                               channel.id, self._deps.pacer, shown=sent.content, prefix=label,
                               resend=lambda s: channel.send(s.text, **extras(s)))
        await status.stage(Stage.DOWNLOADING)  # the file is read before anything else
        try:
            async with self._source.hold(attachment, kind) as held:
                outcome = await self._deps.stash.share(user, held.link, status)
        except StashError as err:  # the download itself failed: said like any other failure
            log.info("a file share failed before identification: %s", err.kind)
            outcome = ShareFailed(err)
        await status.finish(views.outcome_shown(outcome))


async def _reply(message: discord.Message, text: str) -> None:
    try:
        await message.reply(text, mention_author=False)
    except discord.HTTPException as err:
        log.warning("cannot reply in channel %s: %s", message.channel.id, err)
