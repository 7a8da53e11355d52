"""MediaHost: the stand-in CDN serving clips, fault paths and byte counts."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import imageio_ffmpeg

from sandbox import catalogue
from sandbox.cache import cache_dir as private_cache_dir
from sandbox.cache import fingerprint
from sandbox.media import clips, encoder
from sandbox.media.clips import parse_clip, parse_huge
from sandbox.media.encoder import ClipCache
from sandbox.media.ledger import Ledger, Served
from sandbox.media.routes import LOGIN_PATH, MediaRoutes
from sandbox.server import StandIn

FAULT_MODES = ("403", "404", "login", "login-redirect")


@functools.cache
def default_cache_dir() -> Path:
    """This user's private clip cache, named after everything an encoded clip depends on."""
    sources = [Path(module.__file__ or "") for module in (catalogue, clips, encoder)]
    return private_cache_dir(f"media-{fingerprint(sources, imageio_ffmpeg.get_ffmpeg_version())}")


@dataclass
class Faults:
    """Faults for every media request whose URL does not choose its own."""

    mode: str | None = None
    rate: int | None = None  # bytes per second
    length: bool = True  # False: no Content-Length, chunked transfer, no ranges


class MediaHost(StandIn):
    """Instagram/TikTok/YouTube media servers: plain media files for yt-dlp's generic extractor."""

    name = "media"

    def __init__(
        self, *, host: str = "127.0.0.1", port: int = 0, cache_dir: Path | str | None = None
    ) -> None:
        super().__init__(host=host, port=port)
        self.cache = ClipCache(Path(cache_dir) if cache_dir is not None else default_cache_dir())
        self.faults = Faults()
        self.ledger = Ledger()
        self._routes = MediaRoutes(self)

    # URLs and files, for tests and benchmarks in this process.

    def url(self, key: str, fmt: str = "mp4", *, seconds: float = 60, start: float = 0,
            talk: float = 0, **delivery: Any) -> str:
        """A clip of a catalogue song or sound; `delivery`: fault=, rate=, length=False."""
        query = {"seconds": seconds, "start": start or None, "talk": talk or None}
        return self._url(f"/clip/{key}.{fmt}", query, delivery)

    def long_url(self, key: str, fmt: str = "mp3", *, minutes: float = 15, **delivery: Any) -> str:
        """A too-long clip (default 15 minutes), encoded cheaply."""
        return self._url(f"/long/{key}.{fmt}", {"minutes": minutes}, delivery)

    def huge_url(self, fmt: str = "mp4", *, mb: float = 500, **delivery: Any) -> str:
        """A huge file generated on the fly, never stored."""
        return self._url(f"/huge/file.{fmt}", {"mb": mb}, delivery)

    def redirect_url(self, to: str, *, status: int = 302) -> str:
        """A link that redirects to `to` (any URL, on any host)."""
        return self._url("/redirect", {"to": to, "status": None if status == 302 else status}, {})

    @property
    def login_url(self) -> str:
        """The login wall page that Instagram redirects to."""
        return f"{self.origin}{LOGIN_PATH}"

    def _url(self, path: str, query: dict[str, Any], delivery: dict[str, Any]) -> str:
        if delivery.get("length") is False:
            delivery = {**delivery, "length": 0}
        pairs = {k: _plain(v) for k, v in {**query, **delivery}.items() if v is not None}
        return f"{self.origin}{path}?{urlencode(pairs)}" if pairs else f"{self.origin}{path}"

    async def size(self, url: str) -> int:
        """The size in bytes of the file behind a clip, long or huge URL (encodes if needed)."""
        parts = urlsplit(url)
        query = dict(parse_qsl(parts.query))
        kind, _, name = parts.path.strip("/").partition("/")
        if kind == "huge":
            return parse_huge(name, query)[0]
        return (await self.file(url)).stat().st_size

    async def file(self, url: str) -> Path:
        """The local encoded file behind a clip or long URL."""
        parts = urlsplit(url)
        kind, _, name = parts.path.strip("/").partition("/")
        if kind not in ("clip", "long"):
            raise ValueError(f"not a clip URL: {url}")
        return await self.cache.path(parse_clip(kind, name, dict(parse_qsl(parts.query))))

    @property
    def encodes(self) -> int:
        """How many times ffmpeg ran (cache misses) in this host."""
        return self.cache.encodes

    # Control.

    def bytes_served(self, path: str | None = None) -> int:
        """Body bytes written for a path (or a URL's path); all paths when None."""
        return self.ledger.bytes_served(path)

    def bytes_by_path(self) -> dict[str, int]:
        """Body bytes written, per path."""
        return self.ledger.by_path()

    @property
    def streaming(self) -> int:
        """How many media bodies are still being sent (a client's hang-up ends one)."""
        return self._routes.streaming

    @property
    def requests(self) -> list[Served]:
        """Every media body request (clip, long, huge), oldest first."""
        return self.ledger.requests

    def reset_bytes(self) -> None:
        """Forget every byte count and request."""
        self.ledger.reset()

    def set_faults(
        self, mode: str | None = None, *, rate: int | None = None, length: bool = True
    ) -> None:
        """Faults for requests whose URL sets none; no arguments restores normal service.

        `mode` applies to /clip and /long; `rate` and `length` to /huge as well.
        """
        if mode is not None and mode not in FAULT_MODES:
            raise ValueError(f"fault mode must be one of {FAULT_MODES}")
        if rate is not None and (not isinstance(rate, int) or rate <= 0):
            raise ValueError("rate must be a positive number of bytes per second")
        self.faults = Faults(mode, rate, bool(length))

    async def stop(self) -> None:
        """Stop serving; bodies still streaming to clients that never read them are cut."""
        self._routes.cut_streams()
        await super().stop()

def _plain(value: Any) -> str:
    """Numbers without a needless '.0', so URLs stay readable and stable."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
