"""Telegram's idiom for what Stash says: the wording of core.texts, plus buttons and commands."""

from __future__ import annotations

import re

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup

from adapters.chat import text as chat_text
from adapters.telegram.sending import TEXT_MAX
from core import texts
from core.inert import scrubbed, visible
from core.labels import choice_labels
from core.models import HistoryEntry, PendingChoice
from core.outcomes import ChoiceOffered, Outcome

COMMANDS = (
    BotCommand("stash", "Stash the song of a video link (or reply to one)"),
    BotCommand("history", "What you stashed, newest first"),
    BotCommand("link", "Connect your Spotify account"),
    BotCommand("unlink", "Disconnect Spotify"),
    BotCommand("playlist", "Choose the playlist songs go to"),
    BotCommand("forget", "Delete everything Stash holds on you"),
    BotCommand("groupplaylist", "A playlist for this group (admins: on or off)"),
    BotCommand("help", "What Stash does and how"),
)
RECEIVED = "Got it, one moment…"
WELCOME = f"{texts.WELCOME}\n\nTo have songs added to your own Spotify playlist, use /link."
HELP = (
    f"{texts.WELCOME}\n\n"
    "Share or forward a reel to me, or paste several links at once. Videos, audio files and "
    "voice messages work too. In a group, use /stash <link>, or reply /stash to a "
    "message with a link or a video.\n\n"
    "/history – what you stashed, newest first\n"
    "/link – connect your Spotify account (/unlink to disconnect)\n"
    "/playlist – choose the playlist songs go to (/playlist new <name> to make one)\n"
    "/forget – delete everything I hold on you"
)
STASH_USAGE = "Send /stash with a link, or reply /stash to a message that holds one."
SENT_PRIVATELY = "I answered you in our private chat."
START_ME_FIRST = "I answer that privately. Start a chat with me first, then try again there:"
START_BUTTON = "Open a chat with Stash"
UNKNOWN_BUTTON = "That button doesn't work any more."
NOT_YOUR_BUTTON = "That button isn't for you."
UNKNOWN_COMMAND = "I don't know that command. /help lists what I can do."
KEPT = "OK, I kept everything."
PLAYLISTS_HEAD = ("Your playlists (✓: where songs go now): "
                  "tap one to send songs there, or use /playlist new <name>.")
NO_PLAYLISTS = "You have no playlists yet. Make one with /playlist new <name>."
# Telegram cuts button labels on screen anyway; long labels only cost bytes.
_LABEL_MAX = 60
# A status message also carries a "[n/total] " prefix, so outcomes leave room for it.
_OUTCOME_MAX = TEXT_MAX - 64
# What Telegram makes live in plain text by itself: @mentions, #hashtags, $cashtags, /commands,
# and links (scheme or bare domain). A word joiner (invisible) after the sign breaks each.
_LIVE = re.compile(r"[@#$/.](?=\w)|:(?=//)")
_JOINER = "\u2060"


def inert(text: str) -> str:
    """Outside text (a song title, an artist) that Telegram shows as written: no mention, link,
    hashtag, command or bidirectional control in it is live."""
    return _LIVE.sub(lambda sign: sign[0] + _JOINER, visible(text))


def clip(text: str, limit: int = TEXT_MAX) -> str:
    """`text` cut to `limit` UTF-16 code units (Telegram's measure), with an ellipsis when cut."""
    return chat_text.clip(text, limit)


def notes_text(lines: list[str]) -> str:
    """Notes on a message (refused links, ...): each said once, and as many as fit in one
    message, saying how many were left out."""
    unique = list(dict.fromkeys(lines))
    kept: list[str] = []
    for n, line in enumerate(unique):
        left = len(unique) - n - 1
        tail = f"\n…and {left} more notes left out." if left else ""
        if chat_text.units("\n".join([*kept, line]) + tail) > TEXT_MAX:
            return "\n".join(kept) + f"\n…and {len(unique) - n} more notes left out."
        kept.append(line)
    return "\n".join(kept)


def outcome_view(outcome: Outcome, place: str = ""
                 ) -> tuple[str, InlineKeyboardMarkup | None]:
    """The final text of a share and its buttons (candidates when a choice is offered; they
    carry the share's `place` in its message)."""
    markup = choice_keyboard(outcome.choice, place) if isinstance(outcome, ChoiceOffered) \
        else None
    return clip(texts.outcome_text(scrubbed(outcome, _outside)), _OUTCOME_MAX), markup


def _outside(text: str) -> str:
    """Outside text within one of Stash's sentences: cut first, then made inert."""
    return inert(clip(text, chat_text.OUTSIDE_MAX))


def choice_keyboard(choice: PendingChoice, place: str = "") -> InlineKeyboardMarkup:
    """One button per candidate and "None of these"; the data holds the choice id, the pick
    and the share's place ("c:<id>:<pick>[:2/3]", well under Telegram's 64 bytes)."""
    def data(pick: object) -> str:
        return f"c:{choice.choice_id}:{pick}" + (f":{place}" if place else "")

    rows = [[InlineKeyboardButton(_label(label), callback_data=data(n))]
            for n, label in enumerate(choice_labels(choice.candidates, _LABEL_MAX))]
    rows.append([InlineKeyboardButton("None of these", callback_data=data("x"))])
    return InlineKeyboardMarkup(rows)


def _label(label: str) -> str:
    """A button's text: outside words in it (titles, versions) without bidirectional controls."""
    return clip(visible(label), _LABEL_MAX)


def history_view(entries: list[HistoryEntry], page: int, more: bool
                 ) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of /history (newest first) with buttons to the newer and older pages."""
    text = texts.history_text([scrubbed(entry, _outside) for entry in entries], page=page)
    if entries:
        text = clip(f"Your stash, page {page + 1}:\n\n" + text.replace("\n", "\n\n"))
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton("« Newer", callback_data=f"h:{page - 1}"))
    if more:
        buttons.append(InlineKeyboardButton("Older »", callback_data=f"h:{page + 1}"))
    return text, InlineKeyboardMarkup([buttons]) if buttons else None


def copy_keyboard() -> InlineKeyboardMarkup:
    """The offer to copy a hosted playlist into the person's own."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.COPY_YES, callback_data="hc:yes"),
        InlineKeyboardButton(texts.COPY_NO, callback_data="hc:no"),
    ]])


def forget_keyboard() -> InlineKeyboardMarkup:
    """The /forget confirmation."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton("Yes, delete everything", callback_data="f:yes"),
        InlineKeyboardButton("No, keep it", callback_data="f:no"),
    ]])


def playlists_keyboard(playlist_ids: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per playlist (id, name); Spotify ids are short enough for callback data."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(_label(name), callback_data=f"p:{pid}")]
                                 for pid, name in playlist_ids if len(pid.encode()) <= 60])


def start_button(bot_username: str, payload: str) -> InlineKeyboardMarkup:
    """A button that opens the private chat with the bot and starts `payload` there."""
    url = f"https://t.me/{bot_username}?start={payload}"
    return InlineKeyboardMarkup([[InlineKeyboardButton(START_BUTTON, url=url)]])
