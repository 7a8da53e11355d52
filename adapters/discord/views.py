"""Embeds and buttons, and how a press of a button reaches its handler.

A button's custom_id says everything its handler needs (the rest, a pending choice, is in
storage), in one of Stash's templates below. Messages carry plain buttons; presses are answered
by DynamicItem classes the client registers, each bound to its handler, so that buttons still
work after a restart.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

import discord

from adapters.chat.language import choices
from adapters.discord import render
from adapters.discord.deps import PLATFORM, Deps, speak
from adapters.discord.status import Shown
from core import texts
from core.accounts import PlaylistInfo
from core.inert import visible
from core.models import CatalogTrack
from core.outcomes import ChoiceOffered, Outcome, TrackAdded, TrackFound

Press = discord.Interaction[Any]
Match = re.Match[str]
Handle = Callable[[Press, Match], Awaitable[None]]
ButtonItem = type[discord.ui.DynamicItem[discord.ui.Button[Any]]]

# Stash's buttons: a choice's candidate or "none of these" (with the share's place in its
# message, "2/3", for the result's "[2/3] "), a /history page, the /forget answer, a playlist,
# the answer to the offer to copy a hosted playlist, a language.
CHOICE = re.compile(r"stash:c:(?P<choice>[A-Za-z0-9_-]{1,40}):(?P<pick>\d|x)"
                    r"(?::(?P<place>\d{1,2}/\d{1,2}))?")
PAGE = re.compile(r"stash:h:(?P<page>\d{1,4})")
FORGET = re.compile(r"stash:f:(?P<answer>yes|no)")
PLAYLIST = re.compile(r"stash:p:(?P<playlist>[A-Za-z0-9]{1,80})")
COPY = re.compile(r"stash:hc:(?P<answer>yes|no)")
LANGUAGE = re.compile(r"stash:l:(?P<lang>[A-Za-z-]{2,5})")
TEMPLATES = (CHOICE, PAGE, FORGET, PLAYLIST, COPY, LANGUAGE)


def pressed(template: re.Pattern[str], deps: Deps, handle: Handle) -> ButtonItem:
    """The DynamicItem class that answers presses of buttons matching `template` with `handle`:
    once per interaction (another process may have it), in the presser's language, as a handler
    that stopping waits for."""

    class Item(discord.ui.DynamicItem[discord.ui.Button[Any]], template=template):
        def __init__(self, match: Match) -> None:
            super().__init__(discord.ui.Button(custom_id=match.string))
            self.match = match

        @classmethod
        async def from_custom_id(cls, interaction: Press, item: discord.ui.Item[Any],
                                 match: Match, /) -> Item:
            return cls(match)

        async def callback(self, interaction: Press) -> None:
            if await deps.stash.first_delivery(PLATFORM, "interaction", str(interaction.id),
                                               str(interaction.user.id)):
                await speak(deps, interaction)
                await deps.inflight.run(handle(interaction, self.match))

    return Item


def answered_by_us(message: discord.Message | None, custom_id: str) -> bool:
    """Whether one of Stash's buttons answers this press."""
    # discord.py drops a press of a button the message does not show: a forged one.
    return ours(custom_id) and custom_id in shown_ids(message)


def ours(custom_id: str) -> bool:
    """Whether a custom_id is in one of Stash's templates."""
    return any(template.fullmatch(custom_id) for template in TEMPLATES)


def shown_ids(message: discord.Message | None) -> list[str]:
    """The custom_ids of the buttons a message shows."""
    rows = message.components if message is not None else []
    return [str(child.custom_id) for row in rows for child in getattr(row, "children", ())
            if getattr(child, "custom_id", None)]


def _button(custom_id: str, label: str, style: discord.ButtonStyle = discord.ButtonStyle.secondary
            ) -> discord.ui.Button[Any]:
    if not ours(custom_id):  # a button no handler would answer
        raise ValueError(f"no Stash template matches the button {custom_id!r}")
    return discord.ui.Button(label=label, style=style, custom_id=custom_id)


def _view(*buttons: discord.ui.Button[Any]) -> discord.ui.View:
    """A message's buttons. The view itself does not listen (it is stopped, so discord.py keeps
    no copy of it): the DynamicItems the client registered answer, after a restart too."""
    view = discord.ui.View(timeout=None)
    for button in buttons:
        view.add_item(button)
    view.stop()
    return view


def outcome_shown(outcome: Outcome, place: str = "") -> Shown:
    """The final state of a status message: text, plus a track embed or choice buttons (which
    carry the share's `place`)."""
    text = render.headline(outcome)
    if isinstance(outcome, TrackAdded | TrackFound):
        return Shown(text, embed=track_embed(outcome.track))
    if isinstance(outcome, ChoiceOffered):
        where = f":{place}" if place else ""
        choice = f"stash:c:{outcome.choice.choice_id}"
        picks = [_button(f"{choice}:{n}{where}", render.choice_label(outcome, n),
                         discord.ButtonStyle.primary)
                 for n in range(len(outcome.choice.candidates))]
        none = _button(f"{choice}:x{where}", texts.say("button.none_of_these"))
        return Shown(text, view=_view(*picks, none))
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
        buttons.append(_button(f"stash:h:{page - 1}", texts.say("button.newer")))
    if more:
        buttons.append(_button(f"stash:h:{page + 1}", texts.say("button.older")))
    return _view(*buttons) if buttons else None


def copy_view() -> discord.ui.View:
    """The offer to copy a hosted playlist."""
    return _view(_button("stash:hc:yes", texts.say("hosted.copy_yes"), discord.ButtonStyle.primary),
                 _button("stash:hc:no", texts.say("hosted.copy_no")))


def forget_view() -> discord.ui.View:
    """The /forget confirmation."""
    return _view(_button("stash:f:yes", texts.say("button.forget_yes"),
                         discord.ButtonStyle.danger),
                 _button("stash:f:no", texts.say("button.forget_no")))


def playlists_view(playlists: list[PlaylistInfo]) -> discord.ui.View:
    """One button per playlist; Discord takes at most 25 buttons in a message."""
    fitting = [p for p in playlists if PLAYLIST.fullmatch(f"stash:p:{p.playlist_id}")]
    return _view(*(_button(f"stash:p:{p.playlist_id}",
                           render.clip(visible(p.name), render.LABEL_MAX))
                   for p in fitting[:25]))


def languages_view() -> discord.ui.View:
    """One button per language, each in its own name."""
    return _view(*(_button(f"stash:l:{lang}", name) for lang, name in choices()))
