"""Building the media fetcher from settings."""

from __future__ import annotations

from adapters.media import YtdlpFetcher
from bot.settings import Settings


def build_fetcher(settings: Settings) -> YtdlpFetcher:
    """yt-dlp with the caps, cookie files and extra hosts of the settings."""
    return YtdlpFetcher(
        extra_hosts=settings.media_extra_hosts,
        cookie_files=settings.cookie_files(),
        window_seconds=settings.media_window_seconds,
        max_duration=settings.media_max_duration,
        max_bytes=settings.media_max_bytes,
        socket_timeout=settings.media_socket_timeout,
        timeout=settings.media_timeout,
        concurrency=settings.media_concurrency,
    )
