"""The MediaFetcher for files sent in a chat: the front's source gets the file, ffmpeg the windows.

The file lives in a temporary directory for one job: it is fetched, every window worth trying is
cut from it at once, and the directory is removed on every path. The later windows wait in
memory (a few hundred kilobytes) until recognition asks for them or they expire.
"""

from __future__ import annotations

import asyncio
import logging
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Protocol

import aiohttp

from adapters.media.expiring import ExpiringCache
from adapters.media.ffmpeg import find_ffmpeg
from adapters.media.local import FileWindows, Silent, Unreadable, cut_windows
from core import files
from core.errors import MediaTooLarge, MediaUnavailable, NetworkTrouble, StashError
from core.models import AudioClip, Link, MediaFile
from core.ports import MediaFetcher
from core.requester import requester
from core.texts import say
from core.turns import FairSlots

log = logging.getLogger(__name__)

MIB = 1024 * 1024
_WAITING = 32  # identifications whose later windows wait in memory (about 640 KB each)


class FileSource(Protocol):
    """How one front gets a file a person sent (Telegram's getFile, Discord's CDN)."""

    async def fetch(self, file: MediaFile, into: Path) -> Path:
        """The file, on disk inside `into`; a Stash error when it cannot be had."""
        ...


async def download(session: aiohttp.ClientSession, url: str, target: Path, max_bytes: int,
                   too_big: str) -> int:
    """Stream `url` into `target`, stopping past `max_bytes` (MediaTooLarge(too_big))."""
    received = 0
    try:
        async with session.get(url, allow_redirects=False) as response:
            if response.status != 200:
                raise MediaUnavailable(say("media.file_lost"))
            if (response.content_length or 0) > max_bytes:
                raise MediaTooLarge(too_big)
            with target.open("wb") as out:
                async for chunk in response.content.iter_chunked(64 * 1024):
                    received += len(chunk)
                    if received > max_bytes:
                        raise MediaTooLarge(too_big)
                    await asyncio.to_thread(out.write, chunk)
    except aiohttp.ClientError as err:
        # The URL may hold a bot token, and the library's message may name the URL.
        log.info("a file download failed: %s", type(err).__name__)
        raise NetworkTrouble() from None
    return received


class FileSlots:
    """How many file jobs run at once, and for how long each may run: one set of limits for
    every read of a file (a front's download ahead of a share, and the job that cuts it)."""

    def __init__(self, concurrency: int = 4, timeout: float = 60.0) -> None:
        self.timeout = timeout
        self._slots = FairSlots(concurrency)  # in turn among people, like every scarce step

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """One of the slots, within the time limit (NetworkTrouble past it)."""
        async with self._slots.slot(requester.get()):
            try:
                async with asyncio.timeout(self.timeout):
                    yield
            except TimeoutError as err:
                raise NetworkTrouble() from err


class FileFetcher:
    """Windows of files sent in chats, through the file source of the front that got them."""

    def __init__(self, *, window_seconds: float = 10.0, lead_seconds: float = 2.0,
                 timeout: float = 60.0, concurrency: int = 4, ffmpeg: str | None = None,
                 keep_seconds: float = 120.0, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.sources: dict[str, FileSource] = {}
        self.window_seconds, self.lead_seconds = window_seconds, lead_seconds
        self.ffmpeg = ffmpeg or find_ffmpeg()
        self.slots = FileSlots(concurrency, timeout)
        self._waiting = ExpiringCache[FileWindows](_WAITING, keep_seconds, clock)

    def add_source(self, front: str, source: FileSource) -> None:
        """Let the files of `front` be read (a front registers itself when it is built)."""
        self.sources[front] = source

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        """Audio window `window` of the file behind `link`."""
        cut = self._waiting.get(link.canonical_url)
        if cut is None or window == 0:
            cut = await self._read(link)
            self._waiting.put(link.canonical_url, cut)
        index = min(window, len(cut.windows) - 1)
        last = index == len(cut.windows) - 1
        if last:
            self._waiting.drop(link.canonical_url)
        chosen = cut.windows[index]
        return AudioClip(chosen.data, "wav", window, chosen.start, cut.duration,
                         final_window=last)

    async def _read(self, link: Link) -> FileWindows:
        file = link.file
        source = self.sources.get(file.front) if file is not None else None
        if file is None or source is None:
            raise StashError()  # a file from a front that is not running here
        async with self.slots.slot():
            return await self._job(source, file)

    async def _job(self, source: FileSource, file: MediaFile) -> FileWindows:
        with tempfile.TemporaryDirectory(prefix="stash-file-") as tmp:
            path = await source.fetch(file, Path(tmp))
            try:
                cut = await cut_windows(self.ffmpeg, path, seconds=self.window_seconds,
                                        lead=self.lead_seconds, into=Path(tmp))
            except Silent as err:
                raise MediaUnavailable(files.SILENT) from err
            except Unreadable as err:
                raise MediaUnavailable(files.UNREADABLE) from err
            return cut


class WithFiles:
    """A MediaFetcher for links and files: files go to the FileFetcher, links to the other."""

    def __init__(self, links: MediaFetcher, files: FileFetcher) -> None:
        self.links = links
        self.files = files

    async def resolve(self, link: Link) -> Link:
        """Links are followed; a file is what it is."""
        return link if link.file is not None else await self.links.resolve(link)

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        """Window `window` of a file or of a link's media."""
        if link.file is not None:
            return await self.files.fetch(link, window)
        return await self.links.fetch(link, window)
