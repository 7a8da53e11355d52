"""Files sent in a chat (videos, voice messages, audio) as shares: their identity and wording."""

from __future__ import annotations

import json

from core.models import FileKind, Link, MediaFile, Platform

# What a person's history says instead of a URL: a file has no address worth keeping.
SENT = {
    FileKind.VIDEO: "a video you sent",
    FileKind.VIDEO_NOTE: "a video message you sent",
    FileKind.AUDIO: "an audio file you sent",
    FileKind.VOICE: "a voice message you sent",
    FileKind.DOCUMENT: "a file you sent",
}
# The same, for a file picked from someone else's message (a reply /stash, Apps → Stash this
# song): the person did not send it.
SHARED = {
    FileKind.VIDEO: "a video shared in the chat",
    FileKind.VIDEO_NOTE: "a video message shared in the chat",
    FileKind.AUDIO: "an audio file shared in the chat",
    FileKind.VOICE: "a voice message shared in the chat",
    FileKind.DOCUMENT: "a file shared in the chat",
}
# Documents count when their type says audio or video.
MEDIA_TYPES = ("audio/", "video/")
TOO_BIG_TELEGRAM = (
    "That file is over 20 MB, more than Telegram lets a bot download. Send me the link to the "
    "video instead (Share → Copy link), or a shorter clip of it."
)
UNREADABLE = ("I couldn't read that file: it doesn't play as audio or video. If it plays for "
              "you, send me the link to it instead.")
SILENT = "That file has no sound for me to listen to."


def too_big(limit_bytes: int) -> str:
    """The answer to a file over this front's download limit."""
    return (f"That file is over {limit_bytes // (1024 * 1024)} MB, more than I download. Send "
            "me the link to the video instead, or a shorter clip of it.")


def is_media_type(mime_type: str | None) -> bool:
    """Whether a declared type is audio or video (the only files Stash listens to)."""
    return bool(mime_type) and str(mime_type).lower().startswith(MEDIA_TYPES)


def file_link(identity: str, file: MediaFile) -> Link:
    """The share of a file: `identity` is the same for every copy of it (forwarded or not).

    `identity` is "<front>-file:<the front's own id for the content>", e.g. Telegram's
    file_unique_id or a hash of the bytes.
    """
    return Link(Platform.FILE, identity.split(":", 1)[-1], identity, _named(file), file=file)


def shown_as(link: Link) -> str:
    """What a person's history keeps for a share: the link, or what kind of file it was."""
    return _named(link.file) if link.file is not None else link.canonical_url


def _named(file: MediaFile) -> str:
    return (SENT if file.own else SHARED)[file.kind]


KEPT = "file:"  # a kept share of a file, as its record holds it (links are kept as sent)


def kept_form(link: Link) -> str:
    """What a share's record keeps of its link or file: enough to fetch the file again by its
    handle after a restart (Telegram's file id, a Discord message's attachment)."""
    file = link.file
    if file is None:
        return link.original
    return KEPT + json.dumps({"identity": link.canonical_url, "front": file.front,
                              "handle": file.handle, "kind": file.kind.value,
                              "size": file.size, "own": file.own})


def from_kept(kept: str) -> Link | None:
    """The file share a record holds, or None when it holds a link (or nothing readable)."""
    if not kept.startswith(KEPT):
        return None
    try:
        held = json.loads(kept[len(KEPT):])
        media = MediaFile(str(held["front"]), str(held["handle"]), FileKind(held["kind"]),
                          held["size"], bool(held["own"]))
        return file_link(str(held["identity"]), media)
    except (ValueError, KeyError, TypeError):
        return None
