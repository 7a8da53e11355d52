"""Personal commands, answered ephemerally: /link, /unlink, /playlist, /history, /forget."""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord import render, views
from adapters.discord.deps import PLATFORM, Deps, answer_privately, user_key
from adapters.discord.presses import Presses
from core import texts
from core.errors import StashError
from core.linking import parse_pasted_callback
from core.models import LinkedAccount

log = logging.getLogger(__name__)

Asked = discord.Interaction[Any]
# A redirect address or code is well under this; a longer message is just text.
_PASTE_MAX = 1024


class Accounts:
    """Account commands; slow ones are deferred first, within Discord's 3 seconds."""

    def __init__(self, deps: Deps, presses: Presses) -> None:
        self._deps = deps
        self._presses = presses

    async def on_link(self, interaction: Asked) -> None:
        """/link: the Spotify authorization link, for the asker's eyes only."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            text = texts.LINK_START.format(url=await self._deps.linking.start(
                user_key(interaction.user)))
            if interaction.guild_id is not None:
                text += "\n" + render.PASTE_IN_DM
        except StashError as err:
            text = err.user_message
        await answer_privately(interaction, text)

    async def on_unlink(self, interaction: Asked) -> None:
        """/unlink: forget the Spotify tokens."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            unlinked = await self._deps.linking.unlink(user_key(interaction.user))
            text = texts.UNLINKED if unlinked else texts.NOT_LINKED
        except StashError as err:
            text = err.user_message
        await answer_privately(interaction, text)

    async def on_playlist(self, interaction: Asked, new: str | None = None) -> None:
        """/playlist [new:<name>]: list the asker's playlists as buttons, or make one."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        user = user_key(interaction.user)
        try:
            if new is not None:
                made = await self._deps.linking.new_playlist(user, new)
                await answer_privately(interaction, texts.playlist_text(made.name))
                return
            mine = await self._deps.linking.playlists(user)
        except StashError as err:
            await answer_privately(interaction, err.user_message)
            return
        if not mine:
            await answer_privately(interaction, render.NO_PLAYLISTS)
            return
        await answer_privately(interaction, render.PLAYLISTS_HEAD, views.playlists_view(mine))

    async def on_history(self, interaction: Asked, page: int = 1) -> None:
        """/history [page]: the asker's own stash, newest first."""
        text, view = await self._presses.history_page(interaction.user, max(page, 1) - 1)
        await answer_privately(interaction, text, view)

    async def on_forget(self, interaction: Asked) -> None:
        """/forget: ask for confirmation with buttons."""
        await answer_privately(interaction, texts.FORGET_CONFIRM, views.forget_view())

    async def maybe_pasted(self, message: discord.Message) -> bool:
        """Finish linking from a callback address pasted in a direct message."""
        text = message.content
        pasted = parse_pasted_callback(text) if len(text) <= _PASTE_MAX else None
        if pasted is None or not self._deps.linking.available:
            return False
        try:
            account = await self._deps.linking.finish_pasted(user_key(message.author), pasted)
            reply = texts.linked_text(account.display_name)
        except StashError as err:
            reply = err.user_message
        await message.reply(reply, mention_author=False)
        return True

    async def notify_linked(self, client: discord.Client, account: LinkedAccount) -> None:
        """Confirm in a direct message that the web callback linked a Discord account."""
        if account.user.platform != PLATFORM or not account.user.user_id.isdigit():
            return
        try:
            person = await client.fetch_user(int(account.user.user_id))
            await person.send(texts.linked_text(account.display_name))
        except discord.HTTPException as err:
            log.warning("could not confirm a link in a direct message: %s", err)
