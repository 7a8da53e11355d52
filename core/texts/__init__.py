"""What Stash says: one keyed catalogue of every sentence a person reads, rendered by `say`.

The catalogue: `shares` (stages, outcomes, refusals, /history), `accounts` (Spotify, playlists,
/forget), `errors` (`error.<kind>` and sharper error sentences), `fronts` (welcome, /help,
buttons, command descriptions) and `pages` (the linking pages). `render` puts sentences about
shares and accounts together; fronts format them in their own idiom.
"""

from __future__ import annotations

from core.texts.languages import LANGUAGES, accepted, pick
from core.texts.render import (
    copied_text,
    forgotten_text,
    history_outcome,
    history_text,
    hosted_note,
    linked_text,
    no_link,
    not_linked,
    outcome_text,
    playlist_text,
    refusal_text,
    skipped_text,
    stage_text,
    track_line,
    with_hosting,
)
from core.texts.say import (
    MESSAGES,
    PLURALS,
    Catalogue,
    Said,
    in_language,
    install,
    placeholders,
    resay,
    say,
    say_day,
    say_n,
    speaking,
)

__all__ = [
    "LANGUAGES",
    "MESSAGES",
    "PLURALS",
    "Catalogue",
    "Said",
    "accepted",
    "copied_text",
    "forgotten_text",
    "history_outcome",
    "history_text",
    "hosted_note",
    "in_language",
    "install",
    "linked_text",
    "no_link",
    "not_linked",
    "outcome_text",
    "pick",
    "placeholders",
    "playlist_text",
    "refusal_text",
    "resay",
    "say",
    "say_day",
    "say_n",
    "skipped_text",
    "speaking",
    "stage_text",
    "track_line",
    "with_hosting",
]
