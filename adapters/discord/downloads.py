"""Attachments people post, downloaded from the configured CDN into a directory of their share.

Discord gives no identity for a file's content (every upload is a new attachment), so a file is
known by a hash of its bytes: it is read before the identification is looked up, and the
identification reads the copy the share holds (by a key, never by a path anyone sent).
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import discord

from adapters.media.files import FileSlots, download
from adapters.media.urlpaths import inside
from core import files
from core.errors import LinkError, MediaTooLarge, MediaUnavailable
from core.models import FileKind, Link, MediaFile
from core.texts import say

PLATFORM = "discord"
GONE = say("media.discord_file_lost")
KEPT = "discord-attachment:"  # a kept share's attachment: channel/message/attachment/kind/own


def kept_as(channel_id: int, message_id: int, attachment_id: int, kind: FileKind,
            own: bool) -> str:
    """What a share's record keeps of an attachment: its message, to read it again from."""
    return f"{KEPT}{channel_id}/{message_id}/{attachment_id}/{kind.value}/{int(own)}"


def kind_of(message: discord.Message, attachment: discord.Attachment) -> FileKind | None:
    """What the attachment is, when its type says audio or video (anything else: None)."""
    if not files.is_media_type(attachment.content_type):
        return None
    if attachment.is_voice_message() or message.flags.voice:
        return FileKind.VOICE
    return FileKind.VIDEO if str(attachment.content_type).startswith("video/") else FileKind.AUDIO


class DiscordFiles:
    """The FileSource of the Discord front: attachments held by the shares running now."""

    def __init__(self, cdn_base_url: str, max_bytes: int, slots: FileSlots | None = None
                 ) -> None:
        self._base = urlsplit(cdn_base_url.rstrip("/"))
        self.max_bytes = max_bytes
        self._held: dict[str, Path] = {}
        # The FileFetcher's limits: a download ahead of a share counts as one of its jobs.
        self._slots = slots or FileSlots()

    async def fetch(self, file: MediaFile, into: Path) -> Path:
        """The copy a running share holds (the directory is the share's, not the job's)."""
        path = self._held.get(file.handle)
        if path is None or not path.exists():
            raise MediaUnavailable(GONE)
        return path

    @asynccontextmanager
    async def hold(self, attachment: discord.Attachment, kind: FileKind, own: bool = True
                   ) -> AsyncIterator[Link]:
        """Download the attachment for the length of one share; removed on every path. `own`:
        the person sharing it posted it."""
        if attachment.size > self.max_bytes:
            raise MediaTooLarge(files.too_big(self.max_bytes))
        url = self.on_cdn(attachment.url)
        key = secrets.token_urlsafe(12)
        with tempfile.TemporaryDirectory(prefix="stash-attachment-") as tmp:
            path = Path(tmp) / "file"
            async with self._slots.slot(), aiohttp.ClientSession() as session:
                await download(session, url, path, self.max_bytes,
                               files.too_big(self.max_bytes))
                digest = await _sha256(path)
            media = MediaFile(PLATFORM, key, kind, attachment.size, own)
            self._held[key] = path
            try:
                yield files.file_link(f"discord-file:{digest}", media)
            finally:
                del self._held[key]

    @asynccontextmanager
    async def hold_again(self, client: discord.Client, kept: str) -> AsyncIterator[Link]:
        """The attachment a kept share names, read again through its message (a fresh signed
        URL); told plainly when the message or the attachment is gone."""
        try:
            channel_id, message_id, attachment_id, kind, own = kept[len(KEPT):].split("/")
            channel = client.get_partial_messageable(int(channel_id))
            message = await channel.fetch_message(int(message_id))
            [attachment] = [a for a in message.attachments if a.id == int(attachment_id)]
        except (ValueError, discord.HTTPException):
            raise MediaUnavailable(GONE) from None
        async with self.hold(attachment, FileKind(kind), own == "1") as link:
            yield link

    def on_cdn(self, url: str) -> str:
        """The URL, when it is on the configured CDN (a message cannot send us elsewhere)."""
        parts = urlsplit(url)
        # Decoded and refused with any dot segment: "/attachments/../../outside" is not inside.
        if (parts.scheme, parts.netloc) != (self._base.scheme, self._base.netloc) or \
                not inside(parts.path, self._base.path + "/attachments/"):
            raise LinkError(say("media.discord_only"))
        return url


async def _sha256(path: Path) -> str:
    def digest() -> str:
        with path.open("rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()

    return await asyncio.to_thread(digest)
