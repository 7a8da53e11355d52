"""yt-dlp's and ffmpeg's failures as Stash errors, told apart by the platforms' own words."""

from __future__ import annotations

import re

from adapters.media.ffmpeg import UNREADABLE_MARK
from adapters.media.guard import REFUSED
from adapters.media.pages import OVER_CAP
from core.errors import (
    LinkError,
    LoginWall,
    MediaTooLarge,
    MediaUnavailable,
    NetworkTrouble,
    PlatformBusy,
    StashError,
)
from core.texts import say

PRIVATE = say("media.private")
REMOVED = say("media.removed")
NO_VIDEO = say("media.no_video")
EXPIRED = say("media.expired")
UNSUPPORTED = say("media.unsupported")
IP_BLOCKED = say("media.ip_blocked")
UNREADABLE = say("media.unreadable")
PAGE_TOO_LARGE = say("media.page_too_large")
PACKED = say("media.packed")

# Order matters: the first rule whose pattern appears in the message wins.
_RULES: tuple[tuple[str, StashError], ...] = (
    (re.escape(OVER_CAP), MediaTooLarge(PAGE_TOO_LARGE)),  # adapters.media.pages
    # ffmpeg at its memory bound (adapters.media.ffmpeg): media built to unpack huge.
    (rf"{re.escape(UNREADABLE_MARK)}|cannot allocate memory|out of memory",
     MediaUnavailable(UNREADABLE)),
    (r"no connection adapters|unsupported url scheme|file:// urls are disabled",
     LinkError(REFUSED)),
    (r"ip address is blocked|ip is blocked|blocked your ip", PlatformBusy(IP_BLOCKED)),
    (r"registered users who follow|this (?:video|account|post) is private|private video"
     r"|do not have permission to view", MediaUnavailable(PRIVATE)),
    (r"login page|rate.?limit|login required|log ?in to|sign in to confirm|use --cookies"
     r"|accounts/login|http error 429|too many requests", LoginWall()),
    (r"no video in this post|no video formats found|no audio|matches no streams"
     r"|does not contain any stream|requested format is not available", MediaUnavailable(NO_VIDEO)),
    (r"http error 404|404 not found|not found|removed|does not exist|video unavailable"
     r"|not available|post isn't available|deleted", MediaUnavailable(REMOVED)),
    (r"http error 403|403 forbidden|http error 401|401 unauthorized|signature expired",
     MediaUnavailable(EXPIRED)),
    (r"no suitable extractor", LinkError(UNSUPPORTED)),
    (r"an extractor error has occurred", MediaUnavailable(UNREADABLE)),  # yt-dlp's own fault
    (r"unsupported url", MediaUnavailable(NO_VIDEO)),  # a page, not media, at a media link
    (r"invalid data found|moov atom not found|could not find codec", MediaUnavailable(NO_VIDEO)),
    (r"timed out|timeout|connection|network is unreachable|name or service|temporary failure"
     r"|transporterror|incompleteread|errno|http error 5\d\d|server returned 5", NetworkTrouble()),
)


def classify(message: str) -> StashError:
    """The Stash error for a yt-dlp or ffmpeg failure message (a fresh instance each time)."""
    text = message.lower()
    for pattern, error in _RULES:
        if re.search(pattern, text):
            return type(error)(error.user_message)
    return StashError()
