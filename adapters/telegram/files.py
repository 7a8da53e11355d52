"""Videos, video notes, audio, voice messages and audio/video documents sent to the bot."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update, User
from telegram.ext import ContextTypes, filters

from adapters.telegram.deps import PLATFORM, Deps, sent_by_person, user_key
from adapters.telegram.shares import Shares
from core import files
from core.errors import TooManyShares
from core.models import FileKind, Link, MediaFile

Handler = Callable[[Update, ContextTypes.DEFAULT_TYPE], Awaitable[None]]

# Documents only when their type says audio or video; photos, stickers and the rest are not.
# A GIF arrives as an animation with a video/mp4 document: silent by nature, so not a song.
MEDIA = (filters.VIDEO | filters.VIDEO_NOTE | filters.AUDIO | filters.VOICE
         | filters.Document.AUDIO | filters.Document.VIDEO) & ~filters.ANIMATION \
    & filters.UpdateType.MESSAGE


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


class FileShares:
    """A file in a message, or /stash in reply to one."""

    def __init__(self, deps: Deps, shares: Shares, on_text: Handler) -> None:
        self._deps = deps
        self._shares = shares
        self._on_text = on_text

    async def on_file(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A media message: its caption's links when it has some, else the file itself."""
        sent = sent_by_person(update)
        if sent is None:
            return
        link = self._file_of(sent[0])
        if link is None:
            await self._on_text(update, context)
            return
        await self._share(*sent, link)

    async def on_stash(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """/stash in reply to a media message stashes its file; anything else as before."""
        sent = sent_by_person(update)
        quoted = sent[0].reply_to_message if sent is not None else None
        link = None
        if sent is not None and quoted is not None and not context.args:
            own = quoted.from_user is not None and quoted.from_user.id == sent[1].id
            link = self._file_of(quoted, own)
        if sent is None or link is None:
            await self._shares.on_stash(update, context)
            return
        await self._share(*sent, link)

    def _file_of(self, message: Message, own: bool = True) -> Link | None:
        """The file of a media message, unless its caption holds links (they come first)."""
        link = sent_file(message, own)
        if link is None or self._deps.stash.links_in(message.caption or ""):
            return None
        return link

    async def _share(self, message: Message, user: User, link: Link) -> None:
        if not self._deps.stash.admit(user_key(user)):
            await self._deps.sender.reply(message, TooManyShares.user_message)
            return
        await self._shares.share(message, user, link)
