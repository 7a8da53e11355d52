"""Videos, video notes, audio, voice messages and audio/video documents sent to the bot."""

from __future__ import annotations

import logging
from collections.abc import Callable

from telegram import Message, Update, User
from telegram.ext import ContextTypes, filters

from adapters.telegram.deps import PLATFORM, Deps, sent_by_person, user_key
from adapters.telegram.shares import Shares
from core import files
from core.errors import TooManyShares
from core.models import FileKind, Link, MediaFile

log = logging.getLogger(__name__)

# Documents only when their type says audio or video; photos, stickers and the rest are not.
# A GIF arrives as an animation with a video/mp4 document: silent by nature, so not a song.
MEDIA = (filters.VIDEO | filters.VIDEO_NOTE | filters.AUDIO | filters.VOICE
         | filters.Document.AUDIO | filters.Document.VIDEO) & ~filters.ANIMATION


def sent_file(message: Message, own: bool = True) -> Link | None:
    """The share of the media file a message carries, if it carries one Stash listens to;
    `own` when the person sharing it sent (or forwarded) that message."""
    if message.animation is not None:
        return None
    kinds = ((FileKind.VIDEO, message.video), (FileKind.VIDEO_NOTE, message.video_note),
             (FileKind.AUDIO, message.audio), (FileKind.VOICE, message.voice),
             (FileKind.DOCUMENT, message.document))
    for kind, found in kinds:
        if found is None:
            continue
        mime = getattr(found, "mime_type", None)
        if kind is FileKind.DOCUMENT and not files.is_media_type(mime):
            return None
        media = MediaFile(PLATFORM, found.file_id, kind, found.file_size, own)
        # file_unique_id is the same for every copy of a file, forwarded or sent again.
        return files.file_link(f"telegram-file:{found.file_unique_id}", media)
    return None


class CaptionLinks(filters.MessageFilter):
    """A caption holding links: they are shared (as text), not the file it captions."""

    def __init__(self, links_in: Callable[[str], tuple[Link, ...]]) -> None:
        super().__init__()
        self._links_in = links_in

    def filter(self, message: Message) -> bool:
        """Whether the message's caption holds links."""
        return bool(self._links_in(message.caption or ""))


class RepliedFile(filters.MessageFilter):
    """A reply to a message carrying a file Stash listens to (and no links in its caption)."""

    def __init__(self, links_in: Callable[[str], tuple[Link, ...]]) -> None:
        super().__init__()
        self._captioned = CaptionLinks(links_in)

    def filter(self, message: Message) -> bool:
        """Whether the message answers such a file."""
        quoted = message.reply_to_message
        return quoted is not None and sent_file(quoted) is not None \
            and not self._captioned.filter(quoted)


class FileShares:
    """A file in a message, or /stash in reply to one (the front routes only those here)."""

    def __init__(self, deps: Deps, shares: Shares) -> None:
        self._deps = deps
        self._shares = shares

    async def on_file(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A media message: its file."""
        if (sent := sent_by_person(update)) is not None:
            await self._share(*sent, sent_file(sent[0]))

    async def on_stash(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stash in reply to a media message: its file (a friend's, unless the person sent it)."""
        sent = sent_by_person(update)
        quoted = sent[0].reply_to_message if sent is not None else None
        if sent is None or quoted is None:
            return
        own = quoted.from_user is not None and quoted.from_user.id == sent[1].id
        await self._share(*sent, sent_file(quoted, own))

    async def _share(self, message: Message, user: User, link: Link | None) -> None:
        if link is None:  # the MEDIA filter and sent_file disagree: say so, the person gets nothing
            log.warning("a message the media filter took holds no file stash can share")
            return
        if not self._deps.stash.admit(user_key(user)):
            await self._deps.sender.reply(message, TooManyShares.user_message)
            return
        await self._shares.share(message, user, link)
