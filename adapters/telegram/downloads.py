"""Files people send the bot, fetched through the configured Bot API: getFile, then a download.

Only the configured base is ever asked (TELEGRAM_API_BASE_URL and its /file/bot counterpart):
the address comes from our settings and Telegram's relative file_path, never from a person.
The download URL holds the bot token, so it is never logged, kept or put in an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import aiohttp
from telegram import Bot
from telegram.error import BadRequest, NetworkError, TelegramError

from adapters.media.files import MIB, download
from adapters.media.urlpaths import plain_path
from adapters.telegram.config import TelegramConfig
from core import files
from core.errors import MediaTooLarge, MediaUnavailable, NetworkTrouble
from core.models import MediaFile
from core.texts import say

log = logging.getLogger(__name__)

CLOUD_HOST = "api.telegram.org"
CLOUD_LIMIT = 20 * MIB  # what the cloud Bot API lets a bot download; a local server lifts it
GONE = say("media.telegram_file_lost")


@dataclass(frozen=True)
class FileAccess:
    """How big a file may be, and where a --local Bot API server keeps its files (if any)."""

    max_bytes: int = 50 * MIB  # MEDIA_MAX_BYTES
    local_dir: Path | None = None  # TELEGRAM_LOCAL_FILES_DIR: the server's --dir, on this host


class TelegramFiles:
    """The FileSource of the Telegram front."""

    def __init__(self, bot: Bot, config: TelegramConfig, access: FileAccess,
                 timeout: float = 60.0) -> None:
        self._bot = bot
        self._prefix = f"{config.file_base_url}{config.token}/"
        self._local = access.local_dir.resolve() if access.local_dir else None
        cloud = urlsplit(config.api_base_url).hostname == CLOUD_HOST
        self.limit = min(CLOUD_LIMIT, access.max_bytes) if cloud else access.max_bytes
        # Telegram's own 20 MB cap is named only when it, not MEDIA_MAX_BYTES, is the limit.
        telegrams = cloud and access.max_bytes >= CLOUD_LIMIT
        self._too_big = files.TOO_BIG_TELEGRAM if telegrams else files.too_big(self.limit)
        self._timeout = aiohttp.ClientTimeout(total=timeout, sock_read=30)

    async def fetch(self, file: MediaFile, into: Path) -> Path:
        """getFile, then stream the file into `into` (at most the limit)."""
        if file.size is not None and file.size > self.limit:
            raise MediaTooLarge(self._too_big)  # known from the message: no request made
        url, size = await self._locate(file)
        if size is not None and size > self.limit:
            raise MediaTooLarge(self._too_big)
        if not url.startswith(self._prefix):
            return Path(url)  # a --local server's own copy, checked by _locate: read in place
        target = into / f"file{PurePosixPath(url).suffix[:8]}"
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            await download(session, url, target, self.limit, self._too_big)
        return target

    async def _locate(self, file: MediaFile) -> tuple[str, int | None]:
        try:
            found = await self._bot.get_file(file.handle)
        except BadRequest as err:
            if "too big" in err.message.lower():  # "Bad Request: file is too big"
                raise MediaTooLarge(files.TOO_BIG_TELEGRAM) from None
            log.info("getFile refused a file: %s", err.message)
            raise MediaUnavailable(GONE) from None
        except NetworkError:
            raise NetworkTrouble() from None
        except TelegramError as err:
            log.info("getFile failed: %s", err.message)
            raise MediaUnavailable(GONE) from None
        url = found.file_path or ""
        if self._local is not None and self._within_local(url):
            return url, found.file_size
        relative = url[len(self._prefix):] if url.startswith(self._prefix) else ""
        # Anything but a plain relative path under our base is not fetched ("%2e%2e" in it
        # reached /bot<token>/getMe): a path on a --local server's disk only inside
        # TELEGRAM_LOCAL_FILES_DIR (above).
        if not relative or plain_path(relative) is None or "?" in relative or "#" in relative:
            log.warning("getFile answered with a file_path Stash does not download from")
            raise MediaUnavailable(GONE)
        return url, found.file_size

    def _within_local(self, path: str) -> bool:
        """Whether a --local server's answer is a file inside its directory, as configured."""
        if self._local is None or not path.startswith("/"):
            return False
        resolved = Path(path).resolve()
        return resolved.is_relative_to(self._local) and resolved.is_file()
