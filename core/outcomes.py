"""What became of one share, as the front shows it. Named in the past tense."""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import StashError
from core.models import CatalogTrack, PendingChoice, PlaylistAdd, Recognition
from core.refusals import RefusedLink


@dataclass(frozen=True)
class TrackAdded:
    """The track is in the person's playlist (now, or it already was)."""

    track: CatalogTrack
    playlist: PlaylistAdd


@dataclass(frozen=True)
class TrackFound:
    """The track was identified; the person has no linked Spotify account to add it to, or
    (`later`) Spotify refused the add to the playlist Stash keeps for them, for now."""

    track: CatalogTrack
    later: bool = False


@dataclass(frozen=True)
class ChoiceOffered:
    """Several versions are close: the person picks one with buttons."""

    choice: PendingChoice


@dataclass(frozen=True)
class ChoiceDeclined:
    """The person said none of the offered tracks is the one."""

    recognition: Recognition | None


@dataclass(frozen=True)
class NotOnSpotify:
    """Shazam knew the song; Spotify has no match."""

    recognition: Recognition


@dataclass(frozen=True)
class NothingRecognized:
    """No song was heard in the clip."""


@dataclass(frozen=True)
class LinkRefused:
    """The link is not media Stash can stash."""

    refused: RefusedLink


@dataclass(frozen=True)
class ShareFailed:
    """Something went wrong; `error.user_message` says what."""

    error: StashError


Outcome = (
    TrackAdded
    | TrackFound
    | ChoiceOffered
    | ChoiceDeclined
    | NotOnSpotify
    | NothingRecognized
    | LinkRefused
    | ShareFailed
)
