"""Embeds and buttons; buttons are DynamicItems, so that they still work after a restart."""
# A button's custom_id says everything it needs; the rest (a pending choice) is in storage.

from __future__ import annotations

import re
from typing import Any

import discord

from adapters.discord import render
from adapters.discord.deps import press
from adapters.discord.language import LanguageButton
from adapters.discord.status import Shown
from core import texts
from core.accounts import PlaylistInfo
from core.inert import visible
from core.models import CatalogTrack
from core.outcomes import ChoiceOffered, Outcome, TrackAdded, TrackFound

Press = discord.Interaction[Any]
Match = re.Match[str]


class ChoiceButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=r"stash:c:(?P<choice>[A-Za-z0-9_-]{1,40}):(?P<pick>\d|x)"
                            r"(?::(?P<place>\d{1,2}/\d{1,2}))?"):
    """One candidate of a pending choice (or "none of these"); only its owner may press it.
    It carries the share's place in its message ("2/3"), for the result's "[2/3] "."""

    def __init__(self, choice_id: str, pick: str, label: str = "?", place: str = "") -> None:
        style = discord.ButtonStyle.secondary if pick == "x" else discord.ButtonStyle.primary
        custom_id = f"stash:c:{choice_id}:{pick}" + (f":{place}" if place else "")
        super().__init__(discord.ui.Button(label=label, style=style, custom_id=custom_id))
        self.choice_id, self.pick, self.place = choice_id, pick, place

    @classmethod
    async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any], match: Match, /
                             ) -> ChoiceButton:
        """Rebuild the button from a press."""
        return cls(match["choice"], match["pick"], place=match["place"] or "")

    async def callback(self, interaction: Press) -> None:
        """Choose, as the presser."""
        index = None if self.pick == "x" else int(self.pick)
        await press(interaction, lambda p: p.choose(interaction, self.choice_id, index,
                                                    self.place))


class PageButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"stash:h:(?P<page>\d{1,4})"):
    """A /history page button: shows the presser's own history."""

    def __init__(self, page: int, label: str = "?") -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=f"stash:h:{page}"))
        self.page = page

    @classmethod
    async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any], match: Match, /
                             ) -> PageButton:
        """Rebuild the button from a press."""
        return cls(int(match["page"]))

    async def callback(self, interaction: Press) -> None:
        """Turn the page."""
        await press(interaction, lambda p: p.turn_page(interaction, self.page))


class ForgetButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                   template=r"stash:f:(?P<answer>yes|no)"):
    """The answer to the /forget question."""

    def __init__(self, answer: str) -> None:
        yes = answer == "yes"
        super().__init__(discord.ui.Button(
            label=texts.say("button.forget_yes" if yes else "button.forget_no"),
            style=discord.ButtonStyle.danger if yes else discord.ButtonStyle.secondary,
            custom_id=f"stash:f:{answer}"))
        self.confirmed = yes

    @classmethod
    async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any], match: Match, /
                             ) -> ForgetButton:
        """Rebuild the button from a press."""
        return cls(match["answer"])

    async def callback(self, interaction: Press) -> None:
        """Forget the presser, or keep everything."""
        await press(interaction, lambda p: p.forget(interaction, self.confirmed))


class PlaylistButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                     template=r"stash:p:(?P<playlist>[A-Za-z0-9]{1,80})"):
    """One of the presser's playlists: songs go there from now on."""

    def __init__(self, playlist_id: str, label: str = "?") -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=f"stash:p:{playlist_id}"))
        self.playlist_id = playlist_id

    @classmethod
    async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any], match: Match, /
                             ) -> PlaylistButton:
        """Rebuild the button from a press."""
        return cls(match["playlist"])

    async def callback(self, interaction: Press) -> None:
        """Use the playlist."""
        await press(interaction, lambda p: p.use_playlist(interaction, self.playlist_id))


class CopyButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                 template=r"stash:hc:(?P<answer>yes|no)"):
    """The answer to the offer to copy a hosted playlist into one's own."""

    def __init__(self, answer: str) -> None:
        yes = answer == "yes"
        super().__init__(discord.ui.Button(
            label=texts.say("hosted.copy_yes") if yes else texts.say("hosted.copy_no"),
            style=discord.ButtonStyle.primary if yes else discord.ButtonStyle.secondary,
            custom_id=f"stash:hc:{answer}"))
        self.confirmed = yes

    @classmethod
    async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any], match: Match, /
                             ) -> CopyButton:
        """Rebuild the button from a press."""
        return cls(match["answer"])

    async def callback(self, interaction: Press) -> None:
        """Copy, or leave the songs where they are."""
        await press(interaction, lambda p: p.copy(interaction, self.confirmed))


BUTTONS = (ChoiceButton, PageButton, ForgetButton, PlaylistButton, CopyButton, LanguageButton)


def answered_by_us(message: discord.Message | None, custom_id: str) -> bool:
    """Whether one of Stash's buttons answers this press."""
    # discord.py drops a press of a button the message does not show: a forged one.
    ours = any(item.__discord_ui_compiled_template__.fullmatch(custom_id) for item in BUTTONS)
    return ours and custom_id in shown_ids(message)


def shown_ids(message: discord.Message | None) -> list[str]:
    """The custom_ids of the buttons a message shows."""
    rows = message.components if message is not None else []
    return [str(child.custom_id) for row in rows for child in getattr(row, "children", ())
            if getattr(child, "custom_id", None)]


def _view(*items: discord.ui.Item[Any]) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for item in items:
        view.add_item(item)
    return view


def outcome_shown(outcome: Outcome, place: str = "") -> Shown:
    """The final state of a status message: text, plus a track embed or choice buttons (which
    carry the share's `place`)."""
    text = render.headline(outcome)
    if isinstance(outcome, TrackAdded | TrackFound):
        return Shown(text, embed=track_embed(outcome.track))
    if isinstance(outcome, ChoiceOffered):
        choice = outcome.choice
        buttons = [ChoiceButton(choice.choice_id, str(n), render.choice_label(outcome, n), place)
                   for n in range(len(choice.candidates))]
        none = ChoiceButton(choice.choice_id, "x", texts.say("button.none_of_these"), place)
        return Shown(text, view=_view(*buttons, none))
    return Shown(text)


def track_embed(track: CatalogTrack) -> discord.Embed:
    """Cover art, track, artists, album and the Spotify link."""
    # Titles, descriptions and field values all render markdown: every outside text is inert.
    embed = discord.Embed(title=render.inert(track.name), url=track.url,
                          description=render.inert(", ".join(track.artists)) or None,
                          colour=render.SPOTIFY_GREEN)
    if track.album:
        embed.add_field(name=texts.say("label.album"), value=render.inert(track.album))
    if track.cover_url and track.cover_url.startswith(("https://", "http://")):
        embed.set_thumbnail(url=track.cover_url)
    return render.fit_embed(embed)


def history_view(page: int, more: bool) -> discord.ui.View | None:
    """Newer and older page buttons."""
    buttons = []
    if page > 0:
        buttons.append(PageButton(page - 1, texts.say("button.newer")))
    if more:
        buttons.append(PageButton(page + 1, texts.say("button.older")))
    return _view(*buttons) if buttons else None


def copy_view() -> discord.ui.View:
    """The offer to copy a hosted playlist."""
    return _view(CopyButton("yes"), CopyButton("no"))


def forget_view() -> discord.ui.View:
    """The /forget confirmation."""
    return _view(ForgetButton("yes"), ForgetButton("no"))


def playlists_view(playlists: list[PlaylistInfo]) -> discord.ui.View:
    """One button per playlist; Discord takes at most 25 buttons in a message."""
    fitting = [p for p in playlists if re.fullmatch(r"[A-Za-z0-9]{1,80}", p.playlist_id)]
    return _view(*(PlaylistButton(p.playlist_id, render.clip(visible(p.name), render.LABEL_MAX))
                   for p in fitting[:25]))
