"""Links in messages and in /stash: one status message per link, edited to the outcome."""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any

import discord

from adapters.discord import render, views
from adapters.discord.deps import PLATFORM, Deps, server_of, user_key
from adapters.discord.downloads import KEPT
from adapters.discord.status import Edit, Shown, StatusMessage, extras
from core import texts
from core.destinations import shared_in
from core.kept import Reopened
from core.labels import place_label, places
from core.models import KeptShare, Link, UserKey
from core.service import ShownOn

log = logging.getLogger(__name__)


def _edit(target: discord.Message | discord.PartialMessage) -> Edit:
    """Edit a message the bot sent (a reply, or an interaction follow-up)."""
    return lambda s: target.edit(content=s.text, embed=s.embed, view=s.view)


async def _post(message: discord.Message, shown: Shown) -> discord.Message:
    """A status message that waited for room: it may name others, and pings nobody."""
    return await message.reply(shown.text, mention_author=False,
                               allowed_mentions=discord.AllowedMentions.none(), **extras(shown))


async def _reply(message: discord.Message, text: str) -> None:
    """Reply, unless the channel refuses it (then there is no one to tell)."""
    try:
        await message.reply(text, mention_author=False)
    except discord.HTTPException as err:
        log.warning("cannot reply in channel %s: %s", message.channel.id, err)




class Shares:
    """Handlers for links in channel and direct messages, and for /stash."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_message(self, message: discord.Message, me: discord.ClientUser | None) -> None:
        """A message: stash its links; notes on the rest only when it was meant for Stash."""
        text = message.content  # empty in channels without the message content intent
        if not text.strip():
            return
        direct = isinstance(message.channel, discord.DMChannel)
        addressed = direct or (me is not None and any(u.id == me.id for u in message.mentions))
        # Channel chatter with no link is none of Stash's business: not even an inbox row.
        if not (addressed or self._deps.stash.links_in(text)):
            return
        # Claimed, then in the author's language: every answer, and the shares' messages.
        if not await self._deps.claim(message):
            return
        user = user_key(message.author)
        plan = self._deps.stash.admit_links(text, user)
        if notes := render.notes(plan) if addressed or plan.links or plan.limited else "":
            await _reply(message, notes)
        await asyncio.gather(*(self._reply_share(message, user, link, place)
                               for link, place in zip(plan.links, places(len(plan.links)),
                                                      strict=True)))

    async def _reply_share(self, message: discord.Message, user: UserKey, link: Link,
                           place: str) -> None:
        label = place_label(place)
        channel = message.channel

        async def resend(shown: Shown) -> None:
            await channel.send(shown.text, **extras(shown))

        line = self._deps.lines.of(channel.id)
        if not line.now():  # a busy channel: the share starts now, its message when there's room
            await self._share_waiting(message, user, link, place, resend)
            return
        try:
            status_message = await message.reply(label + texts.say("received"),
                                                 mention_author=False)
        except discord.HTTPException as err:
            # The song is still added; the result is tried once more when it is known.
            log.warning("no status message in channel %s: %s", message.channel.id, err)
            status = StatusMessage.unsent(channel.id, self._deps.pacer, resend, label)
            await self._share(user, link, status, None, label)
            return
        status = StatusMessage(_edit(status_message), channel.id, self._deps.pacer,
                               shown=status_message.content, prefix=label, resend=resend)
        await self._share(user, link, status, status_message.id, place)

    async def _share_waiting(self, message: discord.Message, user: UserKey, link: Link,
                             place: str, resend: Edit) -> None:
        channel_id = message.channel.id
        status = StatusMessage.waiting(channel_id, self._deps.pacer, resend, place_label(place))
        posted: asyncio.Future[str] = asyncio.get_running_loop().create_future()

        async def post(heading: str) -> None:
            sent = await status.post(partial(_post, message), heading)
            if not posted.done():  # on record, so that a restart edits this message
                posted.set_result(str(sent.id) if sent is not None else "")

        waiting = self._deps.lines.of(channel_id).join(message, post, lambda: status.answered)
        try:
            await self._share(user, link, status, None, place, posted)
        finally:
            self._deps.lines.of(channel_id).leave(waiting)
            if not posted.done():
                posted.set_result("")

    async def reopen(self, client: discord.Client, kept: KeptShare) -> Reopened:
        """The status message of a share another process left, to finish it there."""
        channel = client.get_partial_messageable(int(kept.chat_id))


        async def resend(shown: Shown) -> None:
            await channel.send(shown.text, **extras(shown))

        label = place_label(kept.place)
        if not kept.message_id:  # its first message had failed: the result goes anew
            status = StatusMessage.unsent(channel.id, self._deps.pacer, resend, label)
        else:
            status = StatusMessage(_edit(channel.get_partial_message(int(kept.message_id))),
                                   channel.id, self._deps.pacer, shown="", prefix=label,
                                   resend=resend)
        source = self._deps.file_source  # an attachment is read again through its message
        hold = partial(source.hold_again, client, kept.link) \
            if source is not None and kept.link.startswith(KEPT) else None
        return Reopened(status,
                        lambda outcome: status.finish(views.outcome_shown(outcome, kept.place)),
                        lambda text: status.finish(Shown(text)), hold)

    async def _share(self, user: UserKey, link: Link, status: StatusMessage,
                     message_id: int | None, place: str,
                     posted: asyncio.Future[str] | None = None) -> None:
        # On record until shown: if this process dies, another finishes it on this message.
        await self._deps.stash.share(user, link, status, ShownOn(
            lambda outcome: status.finish(views.outcome_shown(outcome, place)),
            str(status.channel_id), str(message_id or ""), place, posted))

    async def on_stash(self, interaction: discord.Interaction[Any], link: str) -> None:
        """/stash link:<url>: works with no message content intent, in channels and DMs."""
        if not await self._deps.stash.first_delivery(PLATFORM, "interaction",
                                                     str(interaction.id), str(interaction.user.id)):
            return
        user = user_key(interaction.user)
        plan = self._deps.stash.admit_links(link, user)
        notes = render.notes(plan)
        if not plan.links:
            await interaction.response.send_message(notes, ephemeral=True)
            return
        where = places(len(plan.links))
        labels = [place_label(place) for place in where]
        await interaction.response.send_message(labels[0] + texts.say("received"))
        if notes:
            await interaction.followup.send(notes, ephemeral=True)
        first = await interaction.original_response()  # its id, for the share's record
        statuses = [(self._status(lambda s: interaction.edit_original_response(
            content=s.text, embed=s.embed, view=s.view), interaction, labels[0]), first.id)]
        for label in labels[1:]:
            sent = await interaction.followup.send(label + texts.say("received"), wait=True)
            statuses.append((self._status(_edit(sent), interaction, label), sent.id))
        shared_in.set(server_of(interaction.guild_id))
        await asyncio.gather(*(self._share(user, one, status, message_id, place)
                               for one, (status, message_id), place
                               in zip(plan.links, statuses, where, strict=True)))

    def _status(self, edit: Edit, interaction: discord.Interaction[Any],
                label: str) -> StatusMessage:
        return StatusMessage(edit, interaction.channel_id or 0, self._deps.pacer,
                             shown=label + texts.say("received"), prefix=label,
                             resend=lambda s: interaction.followup.send(s.text, **extras(s)))
