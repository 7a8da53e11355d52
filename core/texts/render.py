"""Stash's sentences about shares and accounts, put together from the catalogue's keys.

Fronts format what these return (links, buttons, embeds) in their own idiom.
"""

from __future__ import annotations

from core.models import CatalogTrack, HistoryEntry, PlaylistAdd
from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    LinkRefused,
    NothingRecognized,
    NotOnSpotify,
    Outcome,
    ShareFailed,
    TrackAdded,
    TrackFound,
)
from core.ports import Stage
from core.refusals import RefusedLink
from core.texts.say import MESSAGES, say, say_day, say_n


def no_link() -> str:
    """The answer to a message with no link in it, and what Stash does."""
    return say("no_link", welcome=say("welcome"))


def not_linked() -> str:
    """The answer to /unlink from someone who never linked."""
    return say("link.not_linked", link_help=say("link.help"))


def copied_text(added: int, already: int) -> str:
    """The answer after copying a hosted playlist into the person's own."""
    if already:
        return say_n("hosted.copied_some_there", added, already=already)
    return say_n("hosted.copied", added)


def with_hosting(help_text: str, hosting: bool, groups: bool = False) -> str:
    """/help, and how songs are kept without a login when this Stash keeps playlists."""
    extra = [say("hosted.help")] if hosting else []
    extra += [say("group.help")] if groups else []
    return "\n\n".join([help_text, *extra])


def hosted_note(playlist: PlaylistAdd) -> str:
    """How to keep a hosted playlist, said with the add that made it; else nothing."""
    if not (playlist.hosted and playlist.new):
        return ""
    key = "hosted.next" if playlist.playlist_recreated else "hosted.first"
    return say(key, url=playlist.playlist_url)


def linked_text(display_name: str) -> str:
    """The confirmation after linking."""
    return say("link.done", name=display_name)


def forgotten_text(entries: int, revoke_hint: str) -> str:
    """The answer to a confirmed /forget."""
    return say_n("forget.done", entries, revoke_hint=revoke_hint)


def playlist_text(name: str) -> str:
    """The answer after choosing or creating a playlist."""
    return say("playlist.chosen", name=name)


def stage_text(stage: Stage, detail: str = "") -> str:
    """The status line for a stage."""
    if stage is Stage.ADDING and detail:
        return say("stage.adding_to", playlist=detail)
    if stage is Stage.LISTENING and detail:
        return say("stage.listening_again")
    if stage is Stage.QUEUED and detail:
        return say("stage.queued_for", seconds=detail)
    return say(f"stage.{stage.value}")


def refusal_text(refused: RefusedLink) -> str:
    """Why a link will not be stashed."""
    return say(f"refusal.{refused.reason.value}")


def skipped_text(skipped: int) -> str:
    """The note when a message holds more links than are taken at once."""
    return say_n("share.skipped", skipped)


def track_line(track: CatalogTrack) -> str:
    """'Name — Artists (Album)' and its Spotify link."""
    album = f" ({track.album})" if track.album else ""
    link = f"\n{track.url}" if track.url else ""
    return f"{track.display}{album}{link}"


def outcome_text(outcome: Outcome) -> str:
    """The final line of a share's status message."""
    match outcome:
        case TrackAdded(track=track, playlist=playlist) if playlist.already_there:
            return say("outcome.already", playlist=playlist.playlist_name, track=track_line(track))
        case TrackAdded(track=track, playlist=playlist) if playlist.hosted:
            kept = hosted_note(playlist)
            return (say("outcome.added", playlist=playlist.playlist_name, track=track_line(track))
                    + (f"\n{kept}" if kept else ""))
        case TrackAdded(track=track, playlist=playlist):
            key = "outcome.added_anew" if playlist.playlist_recreated else "outcome.added"
            return say(key, playlist=playlist.playlist_name, track=track_line(track))
        case TrackFound(track=track, later=True):
            return f"{say('outcome.found', track=track_line(track))}\n{say('hosted.later')}"
        case TrackFound(track=track):
            return f"{say('outcome.found', track=track_line(track))}\n{say('link.help')}"
        case ChoiceOffered(choice=choice) if choice.recognition:
            return say("outcome.choice_heard", heard=choice.recognition.display)
        case ChoiceOffered():
            return say("outcome.choice")
        case ChoiceDeclined():
            return say("outcome.declined")
        case NotOnSpotify(recognition=heard):
            return say("outcome.not_on_spotify", heard=heard.display)
        case NothingRecognized():
            return say("outcome.nothing_recognized")
        case LinkRefused(refused=refused):
            return refusal_text(refused)
        case ShareFailed(error=error):
            return error.user_message
    raise AssertionError(f"unhandled outcome {outcome!r}")


# The outcomes /history has words for (the stored names are for code and metrics).
HISTORY_OUTCOMES = ("added", "already", "found", "later", "not_on_spotify")


def history_outcome(outcome: str) -> str:
    """An entry's outcome as a person would say it."""
    if outcome in HISTORY_OUTCOMES:
        return say(f"history.outcome.{outcome}")
    return outcome.replace("_", " ")


def history_text(entries: list[HistoryEntry], *, page: int = 0) -> str:
    """A page of /history as plain text."""
    if not entries:
        return say("history.empty") if page == 0 else say("history.no_more")
    lines = []
    for entry in entries:
        who = f" — {', '.join(entry.artists)}" if entry.artists else ""
        link = f" {entry.track_url}" if entry.track_url else ""
        lines.append(say("history.entry", when=say_day(entry.created_at), title=_title(entry),
                         artists=who, became=history_outcome(entry.outcome), link=link))
    return "\n".join(lines)


# History keeps a file's words as they were said when it was shared (in English, see
# core.files): they are said again in the language of the person reading.
_FILE_WORDS = {text: key for key, text in MESSAGES.items()
               if key.startswith(("file.sent.", "file.shared."))}


def _title(entry: HistoryEntry) -> str:
    named = entry.title or entry.url
    key = _FILE_WORDS.get(named)
    return say(key) if key else named
