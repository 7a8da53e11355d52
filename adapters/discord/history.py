"""/history: the asker's own stash, newest first, a page at a time with page buttons."""

from __future__ import annotations

from typing import Any

import discord

from adapters.discord import render, views
from adapters.discord.deps import Deps, answer_privately, user_key
from core import texts
from core.inert import made_inert

Asked = discord.Interaction[Any]


class History:
    """The /history command and its page buttons; a page shows the presser's own history."""

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def items(self) -> tuple[views.ButtonItem, ...]:
        """The page buttons, for the client to register."""
        return (views.pressed(views.PAGE, self._deps,
                              lambda i, m: self.turn_page(i, int(m["page"]))),)

    async def on_history(self, interaction: Asked, page: int = 1) -> None:
        """/history [page]: the asker's own stash, newest first."""
        text, view = await self.page(interaction.user, max(page, 1) - 1)
        await answer_privately(interaction, text, view)

    async def turn_page(self, interaction: Asked, page: int) -> None:
        """A page button: the presser's own history."""
        text, view = await self.page(interaction.user, page)
        await interaction.response.edit_message(content=text, view=view)

    async def page(self, user: discord.abc.User, page: int
                   ) -> tuple[str, discord.ui.View | None]:
        """The text and buttons of one page of `user`'s history."""
        size = self._deps.history_page
        # One entry more than a page says whether an older page exists.
        entries = await self._deps.stash.history(user_key(user), size + 1, page * size)
        # Each title and artist escaped on its own: one pass over the whole text misses repeats.
        shown = [made_inert(entry, render.outside) for entry in entries[:size]]
        text = texts.history_text(shown, page=page)
        if entries:
            text = texts.say("history.page", page=page + 1) + "\n" + text
        return render.clip(text), views.history_view(page, len(entries) > size)
