"""Building the media fetcher from settings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from yt_dlp.extractor.common import InfoExtractor

from adapters.media import YtdlpFetcher
from adapters.media.files import FileFetcher
from adapters.media.guard import Resolver, system_resolver
from bot.settings import Settings


def build_fetcher(settings: Settings, *, guard_hosts: Iterable[str] = (),
                  resolver: Resolver = system_resolver,
                  extractors: Sequence[type[InfoExtractor]] = ()) -> YtdlpFetcher:
    """yt-dlp with the caps, cookie files and extra hosts of the settings.

    `stash demo` adds the platforms' hosts its guard lets through (to this machine), its offline
    resolver and its stand-in extractor.
    """
    return YtdlpFetcher(
        extra_hosts=[*settings.media_extra_hosts, *guard_hosts],
        resolver=resolver,
        extractors=extractors,
        cookie_files=settings.cookie_files(),
        window_seconds=settings.media_window_seconds,
        max_duration=settings.media_max_duration,
        max_bytes=settings.media_max_bytes,
        socket_timeout=settings.media_socket_timeout,
        timeout=settings.media_timeout,
        concurrency=settings.media_concurrency,
    )


def build_files(settings: Settings) -> FileFetcher:
    """The reader of files sent in chats, with the window and limits of the settings."""
    return FileFetcher(window_seconds=settings.media_window_seconds,
                       timeout=settings.media_timeout, concurrency=settings.media_concurrency)
