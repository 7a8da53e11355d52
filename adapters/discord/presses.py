"""Button presses: choices, the /forget answer, playlists and the copy of a hosted playlist
(/history's page buttons are history.py's, the language buttons language.py's)."""

from __future__ import annotations

import logging
from typing import Any

import discord

from adapters.discord import render, views
from adapters.discord.deps import Deps, answer_privately, user_key
from adapters.discord.status import StatusMessage, extras
from core import texts
from core.connecting import REVOKE_HINT
from core.errors import ChoiceExpired, NotYourChoice, StashError
from core.labels import place_label
from core.outcomes import ShareFailed

log = logging.getLogger(__name__)

Press = discord.Interaction[Any]


class Presses:
    """What each of Stash's buttons does."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def items(self) -> tuple[views.ButtonItem, ...]:
        """The buttons this object answers, for the client to register."""
        deps = self._deps
        return (views.pressed(views.CHOICE, deps, self._chosen),
                views.pressed(views.FORGET, deps,
                              lambda i, m: self.forget(i, m["answer"] == "yes")),
                views.pressed(views.PLAYLIST, deps,
                              lambda i, m: self.use_playlist(i, m["playlist"])),
                views.pressed(views.COPY, deps,
                              lambda i, m: self.copy(i, m["answer"] == "yes")))

    async def _chosen(self, interaction: Press, match: views.Match) -> None:
        pick = None if match["pick"] == "x" else int(match["pick"])
        await self.choose(interaction, match["choice"], pick, match["place"] or "")

    async def choose(self, interaction: Press, choice_id: str, index: int | None,
                     place: str = "") -> None:
        """A choice button: add the picked track for its owner; anyone else is refused."""
        await interaction.response.defer()  # adding may take longer than Discord's 3 s
        message = interaction.message
        shown = message.content if message is not None else ""
        status = StatusMessage(lambda s: interaction.edit_original_response(
            content=s.text, embed=s.embed, view=s.view), interaction.channel_id or 0,
            self._deps.pacer, shown=shown, prefix=place_label(place),
            resend=lambda s: interaction.followup.send(s.text, **extras(s)))
        outcome = await self._deps.stash.choose(user_key(interaction.user), choice_id, index,
                                                status)
        if isinstance(outcome, ShareFailed) and \
                isinstance(outcome.error, NotYourChoice | ChoiceExpired):
            await interaction.followup.send(outcome.error.user_message, ephemeral=True)
            if isinstance(outcome.error, ChoiceExpired):
                # Dead buttons would only fool the next person; the question stays readable.
                await interaction.edit_original_response(view=None)
            return
        await status.finish(views.outcome_shown(outcome))

    async def forget(self, interaction: Press, confirmed: bool) -> None:
        """The /forget answer."""
        text = texts.say("forget.kept")
        if confirmed:
            removed = await self._deps.connecting.forget(user_key(interaction.user))
            text = texts.forgotten_text(removed, REVOKE_HINT)
        await interaction.response.edit_message(content=text, view=None)

    async def use_playlist(self, interaction: Press, playlist_id: str) -> None:
        """A playlist button: songs go there from now on."""
        await interaction.response.defer()  # Spotify answers in its own time
        try:
            chosen = await self._deps.connecting.use_playlist(user_key(interaction.user),
                                                           playlist_id)
        except StashError as err:
            await answer_privately(interaction, err.user_message)
            return
        shown = render.clip(texts.playlist_text(render.inert(chosen.name)))
        await interaction.edit_original_response(content=shown, view=None)

    async def copy(self, interaction: Press, confirmed: bool) -> None:
        """The answer to the offer to copy a hosted playlist into one's own."""
        if not confirmed:
            left = texts.say("hosted.copy_left")
            await interaction.response.edit_message(content=left, view=None)
            return
        await interaction.response.defer()  # many songs take Spotify a while
        try:
            text = await self._deps.connecting.hosting.copy(user_key(interaction.user))
        except StashError as err:
            text = err.user_message
        await interaction.edit_original_response(content=text, view=None)

    async def unknown(self, interaction: Press) -> None:
        """A button no Stash button answers: forged, or from an older Stash."""
        if not interaction.response.is_done():
            await interaction.response.send_message(texts.say("unknown_button"), ephemeral=True)

