"""Files sent in a chat (videos, voice messages, audio) as shares: their identity and wording."""

from __future__ import annotations

import json

from core.models import FileKind, Link, MediaFile, Platform
from core.texts import say

# What a person's history says instead of a URL: a file has no address worth keeping.
SENT = {kind: say(f"file.sent.{kind.value}") for kind in FileKind}
# The same, for a file picked from someone else's message (a reply /stash, Apps → Stash this
# song): the person did not send it.
SHARED = {kind: say(f"file.shared.{kind.value}") for kind in FileKind}
# Documents count when their type says audio or video.
MEDIA_TYPES = ("audio/", "video/")
TOO_BIG_TELEGRAM = say("file.too_big_telegram")
UNREADABLE = say("file.unreadable")
SILENT = say("file.silent")


def too_big(limit_bytes: int) -> str:
    """The answer to a file over this front's download limit."""
    return say("file.too_big", megabytes=limit_bytes // (1024 * 1024))


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
