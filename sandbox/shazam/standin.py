"""The Shazam stand-in: amp.shazam.com's recognition endpoint, recognizing by audio content."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from http import HTTPStatus
from pathlib import Path
from typing import Any

from aiohttp import web

from sandbox import catalogue
from sandbox.server import StandIn
from sandbox.shazam import payloads
from sandbox.shazam.artwork import cover_jpeg
from sandbox.shazam.faults import Faults
from sandbox.shazam.fingerprint import Index, Match
from sandbox.shazam.references import default_cache_dir, reference
from sandbox.shazam.signature import BadSignature, decode_uri

RECOGNIZE_PATH = "/discovery/v5/{language}/{country}/{device}/-/tag/{tag_id}/{installation_id}"
COVER_PATH = "/image/thumb/{key}/{size:\\d+}x{height:\\d+}cc.jpg"
NO_MATCH_FROM_MS = 15_000  # Shazam answers no match for windows of 15 s or more
_SERVER_ERROR_PAGE = (
    "<html><head><title>{status} {reason}</title></head><body><h1>{reason}</h1></body></html>"
)
# What a path the edge does not route to the API answers: the website's own page.
_WEBSITE_SHELL = '<!DOCTYPE html><html lang="en"><head><title>Shazam</title></head></html>'


class ShazamStandIn(StandIn):
    """amp.shazam.com for shazamio: POST .../tag/{uuid}/{uuid} with a signature, cover art too.

    Reference peaks of every catalogue song are computed at start (seconds, once per process,
    and kept in a temp directory unless `disk_cache=False`); a recognition waits for them.
    Fault modes are set through `faults` (see `sandbox.shazam.faults`).
    """

    name = "shazam"

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, disk_cache: bool = True
    ) -> None:
        super().__init__(host=host, port=port)
        self.cache_dir = default_cache_dir() if disk_cache else None
        self.faults = Faults()
        self.request_count = 0  # recognition requests received, faulted ones included
        self.recognized: list[str | None] = []  # matched key (or None) of each one answered
        self._index: asyncio.Task[Index] | None = None
        self._covers: dict[tuple[str, int], bytes] = {}
        self.app.router.add_post(RECOGNIZE_PATH, self._recognize)
        self.app.router.add_get(COVER_PATH, self._cover)

    async def start(self) -> None:
        """Serve, and start computing the reference peaks in the background."""
        await super().start()
        self._index = asyncio.create_task(_build_index(self.cache_dir))

    async def stop(self) -> None:
        """Stop serving; reference work already started finishes in its threads."""
        if self._index is not None:
            self._index.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._index
            self._index = None
        await super().stop()

    async def ready(self) -> None:
        """Wait until the stand-in can recognize (the reference peaks are computed)."""
        await self._reference_index()

    @property
    def is_ready(self) -> bool:
        """True once the reference peaks are computed."""
        return self._index is not None and self._index.done()

    def fail_rate_limited(self, count: int = 1, *, retry_ms: int = 10_000) -> None:
        """Answer the next `count` recognitions 429 with `{"retryms": retry_ms}`."""
        self.faults.rate_limited, self.faults.rate_limited_retry_ms = count, retry_ms

    def fail_server_errors(self, count: int = 1, *, status: int = 503) -> None:
        """Answer the next `count` recognitions with a 5xx HTML error page."""
        self.faults.server_errors, self.faults.server_error_status = count, status

    def fail_non_json(self, count: int = 1) -> None:
        """Answer the next `count` recognitions 200 with an HTML page instead of JSON."""
        self.faults.non_json = count

    def set_delay(self, seconds: float) -> None:
        """Hold every recognition this long before answering."""
        self.faults.delay = seconds

    def set_rate_limit(self, per_minute: int | None, *, window_seconds: float = 60.0) -> None:
        """Emulate the real limiter: at most `per_minute` per rolling minute, then 429.

        `window_seconds` shortens the "minute" so tests need not wait one out; None: no limit.
        """
        self.faults.per_minute, self.faults.window_seconds = per_minute, window_seconds

    def reset(self) -> None:
        """Clear every fault mode and the request counter."""
        self.faults = Faults()
        self.request_count = 0
        self.recognized.clear()

    async def _reference_index(self) -> Index:
        if self._index is None:
            self._index = asyncio.create_task(_build_index(self.cache_dir))
        return await asyncio.shield(self._index)

    async def _recognize(self, request: web.Request) -> web.Response:
        self.request_count += 1
        if self.faults.delay:
            await asyncio.sleep(self.faults.delay)
        failure = self.faults.next_failure()
        if failure is not None:
            return self._failure(failure)
        tag_id = request.match_info["tag_id"]
        try:
            uuid.UUID(tag_id)
            body = await request.json()
            uri, sample_ms = body["signature"]["uri"], int(body["signature"]["samplems"])
        except (ValueError, KeyError, TypeError) as err:
            return _bad_request(f"malformed recognition request: {err}")
        index = await self._reference_index()
        try:
            match = await asyncio.to_thread(_identify, index, uri, sample_ms)
        except BadSignature as err:
            return _bad_request(str(err))
        return web.json_response(self._answer(match, tag_id, body))

    def _answer(self, match: Match | None, tag_id: str, body: dict[str, Any]) -> dict[str, Any]:
        self.recognized.append(match.key if match else None)
        if match is None:
            return payloads.no_match_body(tag_id=tag_id, request=body)
        song = catalogue.song(match.key)
        return payloads.match_body(song, match, tag_id=tag_id, request=body, images=self.origin)

    def _failure(self, failure: str) -> web.Response:
        if failure == "429":
            retry = {"retryms": self.faults.rate_limited_retry_ms}
            return web.json_response(retry, status=429)
        if failure == "5xx":
            status = self.faults.server_error_status
            page = _SERVER_ERROR_PAGE.format(status=status, reason=_reason(status))
            return web.Response(text=page, status=status, content_type="text/html")
        return web.Response(text=_WEBSITE_SHELL, content_type="text/html")

    async def _cover(self, request: web.Request) -> web.Response:
        key, size = request.match_info["key"], int(request.match_info["size"])
        known = key in {song.key for song in catalogue.SONGS}
        if not known or request.match_info["height"] != str(size) or not 1 <= size <= 3000:
            raise web.HTTPNotFound()
        if (key, size) not in self._covers:
            self._covers[key, size] = await cover_jpeg(key, size)
        return web.Response(body=self._covers[key, size], content_type="image/jpeg")


async def _build_index(cache_dir: Path | None) -> Index:
    keys = [song.key for song in catalogue.SONGS]
    peaks = await asyncio.gather(*(reference(key, cache_dir) for key in keys))
    return Index(zip(keys, peaks, strict=True))


def _identify(index: Index, uri: str, sample_ms: int) -> Match | None:
    """Decode the client's signature and look it up (CPU work: run in a thread)."""
    peaks = decode_uri(uri)
    if sample_ms >= NO_MATCH_FROM_MS:
        return None
    return index.best_match(peaks)


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Server Error"


def _bad_request(detail: str) -> web.Response:
    return web.json_response({"errors": [{"title": "Bad Request", "detail": detail}]}, status=400)

