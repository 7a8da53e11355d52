"""The Recognizer port on shazamio, pointed at SHAZAM_API_BASE_URL."""

from __future__ import annotations

import json
import logging
import math
import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import aiohttp
from aiohttp_retry import ExponentialRetry
from shazamio import HTTPClient, Shazam
from shazamio.exceptions import BadResponseStatus, FailedDecodeJson
from shazamio.utils import validate_json
from shazamio_core import SignatureError

from adapters.recognition.budget import RequestBudget
from core.errors import MediaUnavailable, NetworkTrouble, RateLimited
from core.models import AudioClip, Recognition
from core.ports import Stage, StatusReporter
from core.requester import requester
from core.texts import say

log = logging.getLogger(__name__)


class ShazamBusy(Exception):
    """Shazam answered 429; `retry_after` is its retryms in seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"shazam asked to wait {retry_after:.1f}s")
        self.retry_after = retry_after


class RedirectedClient(HTTPClient):
    """shazamio's HTTP client sending to another base URL, one attempt, with a timeout."""

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(retry_options=ExponentialRetry(attempts=1))
        self._base = urlsplit(base_url)
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def request(self, method: str, url: str, **kwargs: Any) -> list[Any] | dict[str, Any]:
        """Send shazamio's request to our base URL; a 429 carries its retryms back."""
        parts = urlsplit(url)
        target = urlunsplit((self._base.scheme, self._base.netloc,
                             self._base.path.rstrip("/") + parts.path, parts.query, ""))
        kwargs.setdefault("timeout", self._timeout)
        client = self._ensure_client()
        async with client.request(method, target, **kwargs) as response:
            if response.status == 429:
                raise ShazamBusy(_retry_ms(await response.text()) / 1000)
            if response.status >= 500:
                raise BadResponseStatus(f"shazam answered {response.status}")
            return await validate_json(response)  # type: ignore[no-any-return]


BUSY = say("recognition.busy")
# A wait shorter than this is not worth a status edit.
_TELL_AFTER = 1.0


async def _take_turn(budget: RequestBudget, give_up: float,
                     progress: StatusReporter | None) -> None:
    """Wait for this person's turn at the budget, but not past the deadline (a long 429 pauses
    it for all); a person whose link waits behind other people's sees that it is queued, and
    for how long, then that it is heard."""

    async def queued(wait: float) -> None:
        if progress is not None and wait >= _TELL_AFTER:
            await progress.stage(Stage.QUEUED, str(math.ceil(wait)))

    who = requester.get()
    if not await budget.acquire(who, give_up, queued):
        raise RateLimited(budget.wait_for(who), BUSY)
    if progress is not None:
        await progress.stage(Stage.LISTENING)


def _retry_ms(body: str) -> float:
    try:
        value = json.loads(body).get("retryms")
        return float(value) if value else 10_000.0
    except (ValueError, AttributeError):
        return 10_000.0


class ShazamRecognizer:
    """Names the song in a clip; waits for Shazam's budget and its 429s within a deadline."""

    def __init__(self, base_url: str, *, budget: RequestBudget, timeout: float = 15.0,
                 deadline: float = 60.0) -> None:
        self._client = RedirectedClient(base_url, timeout)
        self._shazam = Shazam(language="en-US", endpoint_country="GB", http_client=self._client)
        self.budget = budget
        self._deadline = deadline

    async def close(self) -> None:
        """Close the HTTP connections."""
        await self._client.close()

    async def recognize(self, clip: AudioClip, progress: StatusReporter | None = None
                        ) -> Recognition | None:
        """The song heard in the clip, or None; a wait for the budget is told to `progress`."""
        give_up = self.budget.now() + self._deadline
        while True:
            await _take_turn(self.budget, give_up, progress)
            try:
                answer = await self._shazam.recognize(clip.data)
            except ShazamBusy as busy:
                self.budget.pause(busy.retry_after)
                if self.budget.now() + busy.retry_after > give_up:
                    raise RateLimited(busy.retry_after) from busy
                log.info("shazam rate-limited, waiting %.1fs", busy.retry_after)
                continue
            except (TimeoutError, aiohttp.ClientError, BadResponseStatus, FailedDecodeJson) as err:
                raise NetworkTrouble(say("recognition.unreachable")) from err
            except SignatureError as err:  # the Rust core could not decode the audio
                raise MediaUnavailable(say("recognition.unreadable")) from err
            return parse_answer(answer, clip.window)


# Guests first: "Lil Nas X Feat. Billy Ray Cyrus" is Lil Nas X and a guest, not "Lil Nas".
_FEATURING = re.compile(r"\s+(?:feat\.?|ft\.?|featuring)\s+", re.IGNORECASE)
# Then "&" and ",", and " x " only between two names: "Lil Nas X & Jack Harlow" is not "Lil Nas".
_ARTIST_SPLIT = re.compile(r"\s*,\s*|\s+&\s+")
_X_SPLIT = re.compile(r"(?<=\S)\s+x\s+(?=\S)", re.IGNORECASE)


def parse_answer(answer: dict[str, Any], window: int = 0) -> Recognition | None:
    """A Recognition from Shazam's answer; None when it heard no song."""
    track = answer.get("track")
    if not answer.get("matches") or not isinstance(track, dict) or not track.get("title"):
        return None
    subtitle = str(track.get("subtitle") or "")
    parts = _FEATURING.split(subtitle)
    artists = tuple(a.strip() for part in parts for name in _ARTIST_SPLIT.split(part)
                    for a in _X_SPLIT.split(name.strip()) if a.strip()) or (
        (subtitle,) if subtitle else ())
    images = track.get("images") or {}
    return Recognition(
        title=str(track["title"]),
        artists=artists,
        album=_metadata(track, "Album"),
        isrc=track.get("isrc"),
        shazam_key=str(track["key"]) if track.get("key") else None,
        cover_url=images.get("coverarthq") or images.get("coverart"),
        window=window,
        credit=parts[0].strip() or None,
    )


def _metadata(track: dict[str, Any], name: str) -> str | None:
    for section in track.get("sections") or []:
        for item in section.get("metadata") or []:
            if item.get("title") == name:
                return str(item.get("text"))
    return None
