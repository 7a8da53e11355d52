"""Discord's idiom for what Stash says: the wording of core.texts, plus embeds and buttons."""

from __future__ import annotations

import re

from core import texts
from core.inert import scrubbed
from core.labels import choice_labels
from core.outcomes import ChoiceOffered, Outcome, TrackAdded, TrackFound
from core.service import MessagePlan

RECEIVED = "Got it, one moment…"
# The first sign of life on a shared message: reactions have their own rate limit, so in a busy
# channel they go out while status messages wait for the channel's 5 per 5 s.
SEEN = "👀"
FOUND = "Found it ✓ " + texts.LINK_HELP
HELP = (
    f"{texts.WELCOME}\n\n"
    "Post a link in a channel I can read, send it to me in a direct message, or use "
    "`/stash link:<url>`. Several links in one message work too, and so do videos, audio "
    "files and voice messages posted to me (or Apps → Stash this song on the message).\n\n"
    "`/history` – what you stashed, newest first\n"
    "`/link` – connect your Spotify account (`/unlink` to disconnect)\n"
    "`/playlist` – choose the playlist songs go to (`/playlist new:<name>` to make one)\n"
    "`/forget` – delete everything I hold on you"
)
PASTE_IN_DM = "(On Discord, paste that address to me in a direct message, never in a channel.)"
NOT_A_CODE = ("That isn't a link code: it looks like ABCDE-23456 and is shown on the page "
              "Spotify sends you back to.")
UNKNOWN_BUTTON = "That button doesn't work any more."
KEPT = "OK, I kept everything."
PLAYLISTS_HEAD = ("Your playlists (✓: where songs go now): "
                  "pick one to send songs there, or use `/playlist new:<name>`.")
NO_PLAYLISTS = "You have no playlists yet. Make one with `/playlist new:<name>`."
HISTORY_HEAD = "Your stash, page {page}:"
SPOTIFY_GREEN = 0x1DB954
# Discord's limits: message content, button labels, embed titles.
CONTENT_MAX, LABEL_MAX, TITLE_MAX = 2000, 80, 256
# Every sign Discord's markdown gives a meaning to (emphasis, spoilers, code, quotes, headings,
# lists, masked links, <@mentions>, <t:timestamps>, autolinks' "://"). Discord takes a backslash
# before any punctuation as "this sign as written".
_MARKDOWN_SIGN = re.compile(r"([\\*_~|`>#+\-.\[\]()<:])")


def clip(text: str, limit: int = CONTENT_MAX) -> str:
    """`text` cut to Discord's limit, with an ellipsis when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def inert(text: str) -> str:
    """Outside text (a song title, an artist) shown as written: no markdown, masked link,
    autolink or mention in it is live (each escaped, wherever it is in the text)."""
    escaped = _MARKDOWN_SIGN.sub(r"\\\1", text)
    return escaped.replace("@", "@\u200b")  # @everyone, @here: no ping, no highlight


def headline(outcome: Outcome) -> str:
    """The status text of an outcome; tracks get their details in an embed instead."""
    shown = scrubbed(outcome, inert)
    if isinstance(shown, TrackAdded):
        kept = texts.hosted_note(shown.playlist)  # how to keep a hosted playlist, said once
        return texts.outcome_text(shown).split("\n", 1)[0] + (f"\n{kept}" if kept else "")
    if isinstance(shown, TrackFound):
        return f"Found it ✓ {texts.LATER}" if shown.later else FOUND
    return texts.outcome_text(shown)


def notes(plan: MessagePlan) -> str:
    """What to say about a message besides its shares, in one reply."""
    return clip("\n".join(plan.notes()))


def choice_label(outcome: ChoiceOffered, index: int) -> str:
    """A candidate's button label naming its version, cut to Discord's 80 characters."""
    return clip(choice_labels(outcome.choice.candidates, LABEL_MAX)[index], LABEL_MAX)
