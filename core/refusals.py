"""Why a link found in a chat message is not media to stash: what the link scan and the
platforms' parsers conclude, shown to the sender (no port carries these)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from core.models import Platform


class Refusal(enum.StrEnum):
    """Why a link found in a message is not media to stash."""

    PROFILE = "profile"
    TAG = "tag"
    MUSIC = "music"
    STORY = "story"
    PLAYLIST = "playlist"
    CHANNEL = "channel"
    NOT_MEDIA = "not_media"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class RefusedLink:
    """A link that was seen but will not be stashed, and why."""

    url: str
    reason: Refusal
    platform: Platform | None = None
