"""Personal commands, answered ephemerally: /link, /unlink, /playlist, /groupplaylist, /forget."""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.chat.language import spoken
from adapters.discord import render, views
from adapters.discord.deps import PLATFORM, Deps, answer_privately, user_key
from core import texts
from core.connect_codes import (
    ChatAccount,
    ConfirmStep,
    PastedCallback,
    parse_connect_code,
    pasted,
    shown_code,
)
from core.errors import SpotifyNotConnected, StashError
from core.models import UserKey

log = logging.getLogger(__name__)

Asked = discord.Interaction[Any]


class Accounts:
    """Account commands; slow ones are deferred first, within Discord's 3 seconds."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    async def on_link(self, interaction: Asked, code: str | None = None) -> None:
        """/link: the Spotify authorization link, for the asker's eyes only; /link code:<code>
        finishes connecting with the code the callback page showed."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        if code is not None:
            said, linked = await self._confirm(interaction.user, code)
            await answer_privately(interaction, said)
            if linked and (offer := await self._copy_offer(interaction.user)) is not None:
                await answer_privately(interaction, offer, views.copy_view())
            return
        try:
            text = texts.say("link.start", url=await self._deps.connecting.start(
                user_key(interaction.user)))
            if interaction.guild_id is not None:
                text += "\n" + texts.say("discord.paste_in_dm")
        except StashError as err:
            text = err.user_message
        await answer_privately(interaction, text)

    async def on_unlink(self, interaction: Asked) -> None:
        """/unlink: forget the Spotify tokens."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            unlinked = await self._deps.connecting.disconnect(user_key(interaction.user))
            text = texts.say("link.unlinked") if unlinked else texts.not_linked()
        except StashError as err:
            text = err.user_message
        await answer_privately(interaction, text)

    @property
    def hosting(self) -> tuple[bool, bool]:
        """Whether people with no account of their own get hosted playlists, and whether
        servers may have playlists (for /help)."""
        hosting = self._deps.connecting.hosting
        return hosting.hosted is not None, hosting.groups is not None

    async def on_playlist(self, interaction: Asked, new: str | None = None) -> None:
        """/playlist [new:<name>]: list the asker's playlists as buttons, or make one."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        user = user_key(interaction.user)
        try:
            if new is not None:
                made = await self._deps.connecting.new_playlist(user, new)
                await answer_privately(interaction, texts.playlist_text(render.inert(made.name)))
                return
            mine = await self._deps.connecting.playlists(user)
        except SpotifyNotConnected as err:
            hosted = await self._deps.connecting.hosting.playlist_text(user)
            await answer_privately(interaction, hosted or err.user_message)
            return
        except StashError as err:
            await answer_privately(interaction, err.user_message)
            return
        if not mine:
            await answer_privately(interaction, texts.say("discord.no_playlists"))
            return
        await answer_privately(interaction, texts.say("discord.playlists_head"),
                               views.playlists_view(mine))

    async def on_group_playlist(self, interaction: Asked, state: str) -> None:
        """/groupplaylist [state]: the server's playlist; Manage Server turns it on or off,
        anyone else is refused privately."""
        if interaction.guild_id is None:
            await answer_privately(interaction, texts.say("group.admins_only"))
            return
        text, in_chat = await self._deps.connecting.hosting.group_command(
            f"{PLATFORM}:{interaction.guild_id}", state,
            admin=interaction.permissions.manage_guild)
        if in_chat:
            await interaction.response.send_message(text)
        else:
            await answer_privately(interaction, text)

    async def on_forget(self, interaction: Asked) -> None:
        """/forget: ask for confirmation with buttons."""
        await answer_privately(interaction, texts.say("forget.confirm"), views.forget_view())

    def pasted(self, message: discord.Message) -> bool:
        """Whether a message is a callback address or a link code that finishes connecting."""
        return self._deps.connecting.available and pasted(message.content) is not None

    async def on_pasted(self, message: discord.Message) -> None:
        """Finish connecting from a callback address or a link code sent in a direct message."""
        found = pasted(message.content)
        if found is None or not await self._deps.claim(message):
            return
        if isinstance(found, PastedCallback):
            reply, linked = await self._finish(message.author, found)
        else:
            reply, linked = await self._confirm(message.author, found)
        await message.reply(reply, mention_author=False)
        if linked and (offer := await self._copy_offer(message.author)) is not None:
            await message.channel.send(offer, view=views.copy_view())

    async def _finish(self, person: discord.abc.User, pasted: PastedCallback
                      ) -> tuple[str, bool]:
        """Link from a pasted callback address: the answer, and whether it linked."""
        try:
            account = await self._deps.connecting.finish_pasted(user_key(person), pasted)
        except StashError as err:
            return err.user_message, False
        return texts.linked_text(render.inert(account.display_name)), True

    async def _copy_offer(self, person: discord.abc.User) -> str | None:
        """After a link: the offer to copy a hosted playlist's songs (issue 24 item 3)."""
        return await self._deps.connecting.hosting.copy_offer(user_key(person))

    async def _confirm(self, person: discord.abc.User, text: str) -> tuple[str, bool]:
        """Link with a code from the callback page: the answer, and whether it linked."""
        code = parse_connect_code(text, dash_optional=True)
        if code is None:
            return texts.say("discord.not_a_code"), False
        try:
            account = await self._deps.connecting.confirm(user_key(person), code)
        except StashError as err:
            return err.user_message, False
        return texts.linked_text(render.inert(account.display_name)), True

    @staticmethod
    def guide(code: str) -> ConfirmStep:
        """How to send a link code back on Discord."""
        return ConfirmStep(texts.say("discord.code_guide", code=shown_code(code)))

    @staticmethod
    async def name_of(client: discord.Client, user: UserKey) -> ChatAccount | None:
        """The person's @username and display name as Discord shows them."""
        if user.platform != PLATFORM or not user.user_id.isdigit():
            return None
        try:
            person = await client.fetch_user(int(user.user_id))
        except discord.HTTPException as err:
            log.info("could not look a person up: %s", err)
            return None
        tag = "" if person.discriminator in ("", "0") else f"#{person.discriminator}"
        return ChatAccount(PLATFORM, user.user_id, person.name + tag, person.global_name)

    async def tell(self, client: discord.Client, user: UserKey, text: str) -> None:
        """A direct message to a person."""
        if user.platform != PLATFORM or not user.user_id.isdigit():
            return
        try:
            person = await client.fetch_user(int(user.user_id))
            with texts.in_language(await self._deps.stash.tongues.known(user)):  # theirs
                await person.send(spoken(text))
        except discord.HTTPException as err:
            log.warning("could not write to a person in a direct message: %s", err)
