"""Discord's idiom for what Stash says: the wording of core.texts, plus embeds and buttons."""

from __future__ import annotations

import re

import discord
from discord.utils import escape_markdown, escape_mentions

from adapters.chat import text as chat_text
from core import texts
from core.inert import made_inert, visible
from core.labels import choice_labels
from core.outcomes import ChoiceOffered, Outcome, TrackAdded, TrackFound
from core.service import MessagePlan

# The first sign of life on a shared message: reactions have their own rate limit, so in a busy
# channel they go out while status messages wait for the channel's 5 per 5 s.
SEEN = "👀"

SPOTIFY_GREEN = 0x1DB954
# Discord's limits: message content, button labels, and an embed's parts and total.
CONTENT_MAX, LABEL_MAX, TITLE_MAX, DESCRIPTION_MAX = 2000, 80, 256, 4096
FIELD_NAME_MAX, FIELD_VALUE_MAX, FOOTER_MAX, EMBED_MAX = 256, 1024, 2048, 6000
# What escape_markdown and escape_mentions leave live: autolinks (with ignore_links=False they
# still render: only the signs around them are escaped), <#channel>, <t:time>, <:emoji:> and
# </command:> tags, a numbered list at the start, and masked links after the first. A zero-width
# space breaks autolinks and tags unseen (a backslash shows in notifications and other raw views);
# lists and masked links keep their backslash.
_AUTOLINK = re.compile(r"(?<=:)(?=//)")
_TAG = re.compile(r"(?<=<)(?=[@#:/]|a:|t:)")
_NUMBERED = re.compile(r"^(\s*\d+)\.(?=\s)")
# escape_markdown escapes the first "[" of the first masked link only.
_MASKED = re.compile(r"(?<!\\)\[(?=[^\]\n]*\]\()")
_ZWSP = "\u200b"


def clip(text: str, limit: int = CONTENT_MAX) -> str:
    """`text` cut to Discord's limit, with an ellipsis when cut."""
    return chat_text.clip(text, limit)


def inert(text: str) -> str:
    """Outside text (a song title, an artist) shown as written: no markdown, masked link,
    autolink, mention or bidirectional control in it is live. Only what would render or ping is
    escaped (discord.py's escape_markdown and escape_mentions, and the rest above): "Don't Look
    Back (feat. Kaito)" stays as it is."""
    escaped = escape_mentions(escape_markdown(visible(text), ignore_links=False))
    escaped = _MASKED.sub(r"\\[", _NUMBERED.sub(r"\1\\.", escaped))
    return _TAG.sub(_ZWSP, _AUTOLINK.sub(_ZWSP, escaped))


def outside(text: str) -> str:
    """Outside text within one of Stash's sentences: cut first, then made inert."""
    return inert(clip(text, chat_text.OUTSIDE_MAX))


def fit_embed(embed: discord.Embed) -> discord.Embed:
    """`embed` with every part within Discord's limits (the description gives way to the total)."""
    if embed.title:
        embed.title = clip(embed.title, TITLE_MAX)
    if embed.description:
        embed.description = clip(embed.description, DESCRIPTION_MAX)
    for index, field in enumerate(embed.fields):
        embed.set_field_at(index, name=clip(str(field.name), FIELD_NAME_MAX),
                           value=clip(str(field.value), FIELD_VALUE_MAX), inline=field.inline)
    if embed.footer.text:
        embed.set_footer(text=clip(embed.footer.text, FOOTER_MAX), icon_url=embed.footer.icon_url)
    over = len(embed) - EMBED_MAX
    if over > 0 and embed.description:
        embed.description = clip(embed.description, max(len(embed.description) - over, 1))
    return embed


def headline(outcome: Outcome) -> str:
    """The status text of an outcome; tracks get their details in an embed instead. Each
    outside text is cut first, so that Stash's own words around it always fit."""
    shown = made_inert(outcome, outside)
    if isinstance(shown, TrackAdded):
        kept = texts.hosted_note(shown.playlist)  # how to keep a hosted playlist, said once
        return texts.outcome_text(shown).split("\n", 1)[0] + (f"\n{kept}" if kept else "")
    if isinstance(shown, TrackFound):
        if shown.later:
            return texts.say("discord.found", then=texts.say("hosted.later"))
        return texts.say("discord.found", then=texts.say("link.help"))
    return texts.outcome_text(shown)


def notes(plan: MessagePlan) -> str:
    """What to say about a message besides its shares, in one reply."""
    return clip("\n".join(plan.notes()))


def choice_label(outcome: ChoiceOffered, index: int) -> str:
    """A candidate's button label naming its version (without bidirectional controls), cut to
    Discord's 80 characters."""
    return clip(visible(choice_labels(outcome.choice.candidates, LABEL_MAX)[index]), LABEL_MAX)
