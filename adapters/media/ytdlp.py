"""yt-dlp, held to the platform's own extractors: what a link's media is, and where its audio is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yt_dlp
from yt_dlp.extractor.common import InfoExtractor

from adapters.media import jsruntime
from adapters.media.ffmpeg import Source
from adapters.media.pages import BoundedYoutubeDL
from core.models import MusicHint, Platform

# Only the platforms' extractors: the generic one would open any page of any host.
EXTRACTORS: dict[Platform, tuple[str, ...]] = {
    Platform.INSTAGRAM: ("instagram",),
    Platform.TIKTOK: ("tiktok", "vm.tiktok"),
    Platform.YOUTUBE: ("youtube",),
    Platform.FACEBOOK: ("facebook", "facebook:reel"),
    Platform.DIRECT: ("generic",),  # only ever for hosts listed in MEDIA_EXTRA_HOSTS
}
# Audio alone when the platform offers it; over plain HTTP(S), which ffmpeg can seek in.
FORMAT = "bestaudio[protocol^=http]/bestaudio/best[protocol^=http]/best"
PROBE_RANGE = "bytes=0-1023"
_NOT_A_SONG = re.compile(r"^(original sound|son original|sonido original|som original)\b", re.I)


@dataclass(frozen=True)
class Probe:
    """What one look at a link told: where the audio is, how long, and the platform's tags."""

    source: Source
    duration: float | None
    title: str | None
    hint: MusicHint | None
    filesize: float | None


class QuietLog:
    """A yt-dlp logger that keeps warnings and errors for our logs instead of stderr."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def debug(self, msg: str) -> None:
        """Dropped: yt-dlp's chatter."""

    def warning(self, msg: str) -> None:
        """Kept."""
        self.lines.append(msg)

    error = warning
    info = debug


def probe(url: str, platform: Platform, *, proxy: str, cookiefile: Path | None,
          socket_timeout: float, extractors: Sequence[type[InfoExtractor]] = ()) -> Probe:
    """Ask yt-dlp about `url` without downloading (blocking: run it in a thread)."""
    params: dict[str, Any] = {
        "quiet": True, "no_warnings": True, "noprogress": True, "logger": QuietLog(),
        "format": FORMAT, "noplaylist": True, "proxy": proxy, "socket_timeout": socket_timeout,
        "retries": 0, "extractor_retries": 0, "skip_download": True,
        "allowed_extractors": [re.escape(name) for name in EXTRACTORS[platform]],
        "cookiefile": str(cookiefile) if cookiefile else None,
        **jsruntime.ytdlp_options(),  # YouTube's challenges: Deno by path, no remote scripts
    }
    if platform is Platform.DIRECT:
        # The generic extractor GETs the file itself just to read its headers: without a
        # range the host pushes a good part of a small audio file before the hang-up.
        params["http_headers"] = {"Range": PROBE_RANGE}
    with BoundedYoutubeDL(params, auto_init=False) as ydl:
        for extractor in extractors:  # tests' stand-ins for a platform come first
            ydl.add_info_extractor(extractor())  # an instance: yt-dlp knows only its own classes
        ydl.add_default_info_extractors()
        info = first_media(ydl.extract_info(url, download=False))
        headers = {k: v for k, v in (info.get("http_headers") or {}).items()
                   if k.lower() != "range"}  # ffmpeg asks for its own ranges
        cookies = ydl.cookiejar.get_cookies_for_url(info["url"])
        if cookies:
            headers["Cookie"] = "; ".join(f"{c.name}={c.value}" for c in cookies)
    return Probe(
        Source(info["url"], str(info.get("ext") or ""), tuple(headers.items())),
        _number(info.get("duration")), info.get("title"), music_hint(info),
        _number(info.get("filesize") or info.get("filesize_approx")),
    )


def first_media(info: dict[str, Any]) -> dict[str, Any]:
    """The info of the first item with something to download (a carousel post has several)."""
    if info.get("url"):
        return info
    for entry in info.get("entries") or ():
        if entry and entry.get("url"):
            return dict(entry)
    raise yt_dlp.utils.DownloadError("No video formats found")


def music_hint(info: dict[str, Any]) -> MusicHint | None:
    """The platform's own music tag, unless it is TikTok's "original sound - <user>"."""
    title = info.get("track")
    artists = info.get("artists") or ([info["artist"]] if info.get("artist") else [])
    if not title or _NOT_A_SONG.match(str(title)):
        return None
    return MusicHint(str(title), tuple(str(a) for a in artists))


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) and value > 0 else None
