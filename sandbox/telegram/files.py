"""Files people send: the media objects of a message, getFile, and /file/bot<token>/<path>.

As on Telegram: every upload gets a new file_id and file_unique_id; a forwarded message carries
the same file (same ids); getFile answers a relative file_path under a folder named after the
kind, and refuses files over 20 MB with "Bad Request: file is too big".
"""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sandbox.telegram.errors import bad_request
from sandbox.telegram.model import JSON
from sandbox.telegram.params import Params

if TYPE_CHECKING:
    from sandbox.telegram.world import BotWorld

MIB = 1024 * 1024
DOWNLOAD_LIMIT = 20 * MIB
# The message field and getFile folder of each kind of file, and its extension by default.
KINDS = {
    "video": ("videos", "mp4"),
    "video_note": ("video_notes", "mp4"),
    "audio": ("music", "mp3"),
    "voice": ("voice", "oga"),
    "document": ("documents", "bin"),
    "animation": ("animations", "mp4"),  # a GIF: sent as an mp4 without sound
}
_serial = itertools.count(1)


@dataclass
class StoredFile:
    """One uploaded file and how often the bot downloaded it."""

    file_id: str
    file_unique_id: str
    kind: str
    data: bytes = field(repr=False)
    mime_type: str | None
    file_name: str | None
    duration: int | None
    path: str = ""
    downloads: int = 0

    def media(self) -> JSON:
        """The Video / VideoNote / Audio / Voice / Document object of a message."""
        data: JSON = {"file_id": self.file_id, "file_unique_id": self.file_unique_id,
                      "file_size": len(self.data)}
        if self.kind != "document" and self.duration is not None:
            data["duration"] = self.duration
        if self.kind in ("video", "animation"):
            data.update(width=720, height=1280)
        if self.kind == "video_note":
            data["length"] = 384
        if self.kind != "video_note" and self.mime_type:
            data["mime_type"] = self.mime_type
        if self.kind in ("audio", "document", "video", "animation") and self.file_name:
            data["file_name"] = self.file_name
        return data


def fields(stored: StoredFile) -> JSON:
    """The fields a message carries for a file: an animation also comes as a document."""
    media = {stored.kind: stored.media()}
    if stored.kind == "animation":
        media["document"] = stored.media()
    return media


def upload(files: dict[str, StoredFile], kind: str, data: bytes, *, mime_type: str | None,
           file_name: str | None, duration: int | None) -> StoredFile:
    """A new file in the bot's world, with fresh ids."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file {kind!r}: one of {sorted(KINDS)}")
    serial = next(_serial)
    digest = hashlib.sha256(data).hexdigest()[:10]
    stored = StoredFile(f"BQACAgIAAx{serial:08d}{digest}", f"AgAD{serial:06d}", kind, data,
                        mime_type, file_name, duration)
    files[stored.file_id] = stored
    return stored


async def get_file(world: BotWorld, p: Params) -> JSON:
    """getFile: the file's relative path, valid for downloads from /file/bot<token>/."""
    stored = world.files.get(p.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.data) > DOWNLOAD_LIMIT:
        raise bad_request("file is too big")
    if not stored.path:
        folder, ext = KINDS[stored.kind]
        if stored.file_name and "." in stored.file_name:
            ext = stored.file_name.rsplit(".", 1)[1].lower()
        stored.path = f"{folder}/file_{stored.file_unique_id[4:]}.{ext}"
    return {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data), "file_path": stored.path}


def by_path(files: dict[str, StoredFile], path: str) -> StoredFile | None:
    """The file a getFile answer named with `path` (only after getFile, as on Telegram)."""
    return next((f for f in files.values() if f.path and f.path == path), None)
