"""Telegram's idiom for what Stash says: the wording of core.texts, plus buttons and commands."""

from __future__ import annotations

import re

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup

from adapters.chat import text as chat_text
from adapters.telegram.sending import TEXT_MAX
from core import texts
from core.inert import made_inert, visible
from core.labels import choice_labels
from core.models import HistoryEntry, PendingChoice
from core.outcomes import ChoiceOffered, Outcome

# The commands Telegram lists, in its menu and as you type "/" (descriptions per language).
COMMAND_NAMES = ("stash", "history", "link", "unlink", "playlist", "forget", "groupplaylist",
                 "language", "help")


def welcome() -> str:
    """What /start says: Stash's welcome in Telegram's words."""
    return texts.say("telegram.welcome", welcome=texts.say("welcome"))


def help_text() -> str:
    """What /help says, before the hosted and group playlist notes are added."""
    return texts.say("telegram.help", welcome=texts.say("welcome"))


def commands() -> list[BotCommand]:
    """The command list with its descriptions in the language spoken."""
    return [BotCommand(name, texts.say(f"telegram.command.{name}")) for name in COMMAND_NAMES]


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
        tail = f"\n{texts.say_n('notes.left_out', left)}" if left else ""
        if chat_text.units("\n".join([*kept, line]) + tail) > TEXT_MAX:
            return "\n".join(kept) + f"\n{texts.say_n('notes.left_out', len(unique) - n)}"
        kept.append(line)
    return "\n".join(kept)


def outcome_view(outcome: Outcome, place: str = ""
                 ) -> tuple[str, InlineKeyboardMarkup | None]:
    """The final text of a share and its buttons (candidates when a choice is offered; they
    carry the share's `place` in its message)."""
    markup = choice_keyboard(outcome.choice, place) if isinstance(outcome, ChoiceOffered) \
        else None
    return clip(texts.outcome_text(made_inert(outcome, _outside)), _OUTCOME_MAX), markup


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
    rows.append([InlineKeyboardButton(texts.say("button.none_of_these"), callback_data=data("x"))])
    return InlineKeyboardMarkup(rows)


def _label(label: str) -> str:
    """A button's text: outside words in it (titles, versions) without bidirectional controls."""
    return clip(visible(label), _LABEL_MAX)


def history_view(entries: list[HistoryEntry], page: int, more: bool
                 ) -> tuple[str, InlineKeyboardMarkup | None]:
    """A page of /history (newest first) with buttons to the newer and older pages."""
    text = texts.history_text([made_inert(entry, _outside) for entry in entries], page=page)
    if entries:
        text = clip(f"{texts.say('history.page', page=page + 1)}\n\n" + text.replace("\n", "\n\n"))
    buttons = []
    if page > 0:
        buttons.append(InlineKeyboardButton(texts.say("button.newer"),
                                            callback_data=f"h:{page - 1}"))
    if more:
        buttons.append(InlineKeyboardButton(texts.say("button.older"),
                                            callback_data=f"h:{page + 1}"))
    return text, InlineKeyboardMarkup([buttons]) if buttons else None


def copy_keyboard() -> InlineKeyboardMarkup:
    """The offer to copy a hosted playlist into the person's own."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.say("hosted.copy_yes"), callback_data="hc:yes"),
        InlineKeyboardButton(texts.say("hosted.copy_no"), callback_data="hc:no"),
    ]])


def forget_keyboard() -> InlineKeyboardMarkup:
    """The /forget confirmation."""
    return InlineKeyboardMarkup([[
        InlineKeyboardButton(texts.say("button.forget_yes"), callback_data="f:yes"),
        InlineKeyboardButton(texts.say("button.forget_no"), callback_data="f:no"),
    ]])


def playlists_keyboard(playlist_ids: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    """One button per playlist (id, name); Spotify ids are short enough for callback data."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(_label(name), callback_data=f"p:{pid}")]
                                 for pid, name in playlist_ids if len(pid.encode()) <= 60])


def start_button(bot_username: str, payload: str) -> InlineKeyboardMarkup:
    """A button that opens the private chat with the bot and starts `payload` there."""
    url = f"https://t.me/{bot_username}?start={payload}"
    button = InlineKeyboardButton(texts.say("telegram.start_button"), url=url)
    return InlineKeyboardMarkup([[button]])
