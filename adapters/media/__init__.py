"""Media through yt-dlp and ffmpeg: short audio windows, behind an SSRF guard and a cookie pool."""

from adapters.media.cookies import CookiePool, CookieState
from adapters.media.fetcher import YtdlpFetcher
from adapters.media.guard import NetworkGuard

__all__ = ["CookiePool", "CookieState", "NetworkGuard", "YtdlpFetcher"]
