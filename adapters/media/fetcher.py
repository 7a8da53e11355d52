"""The MediaFetcher port on yt-dlp and ffmpeg: a few seconds of audio, fetched little and fast."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import yt_dlp
from yt_dlp.extractor.common import InfoExtractor

from adapters.media.classify import PACKED, UNREADABLE, classify
from adapters.media.cookies import CookiePool
from adapters.media.expiring import ExpiringCache
from adapters.media.ffmpeg import FfmpegFailed, cut_window, find_ffmpeg
from adapters.media.guard import REFUSED, NetworkGuard, Resolver, system_resolver
from adapters.media.proxy import GuardProxy
from adapters.media.shortlinks import resolve_link, with_scheme
from adapters.media.windows import plan_window
from adapters.media.ytdlp import Probe, probe
from core.errors import (
    LinkError,
    LoginWall,
    MediaTooLarge,
    MediaTooLong,
    MediaUnavailable,
    NetworkTrouble,
)
from core.models import AudioClip, Link, Platform
from core.requester import requester
from core.texts import say
from core.turns import FairSlots

log = logging.getLogger(__name__)
MIB = 1024 * 1024
_CACHE_SIZE = 256


class YtdlpFetcher:
    """Fetches audio windows with yt-dlp (what and where) and ffmpeg (only the window)."""

    def __init__(self, *, extra_hosts: Iterable[str] = (),
                 cookie_files: Mapping[int, Path] | None = None, window_seconds: float = 10.0,
                 lead_seconds: float = 2.0, max_duration: float = 600.0,
                 max_bytes: int = 50 * MIB, socket_timeout: float = 10.0, timeout: float = 60.0,
                 concurrency: int = 4, resolver: Resolver = system_resolver,
                 extractors: Sequence[type[InfoExtractor]] = (), probe_ttl: float = 600.0,
                 cool_down: float = 300.0, clock: Callable[[], float] = time.monotonic,
                 ffmpeg: str | None = None) -> None:
        self.guard = NetworkGuard(extra_hosts, resolver)
        self.cookies = CookiePool(cookie_files or {}, cool_down=cool_down, clock=clock)
        self.window_seconds, self.lead_seconds = window_seconds, lead_seconds
        self.max_duration, self.max_bytes = max_duration, max_bytes
        self.socket_timeout, self.timeout = socket_timeout, timeout
        self.ffmpeg = ffmpeg or find_ffmpeg()
        self._extractors = tuple(extractors)
        self._slots = FairSlots(concurrency)  # in turn among people, like every scarce step
        self._probes = ExpiringCache[Probe](_CACHE_SIZE, probe_ttl, clock)
        self.received_bytes = 0  # every byte any job received, for metrics

    async def resolve(self, link: Link) -> Link:
        """Follow a share or short link to the media it names (each hop checked)."""
        async with self._slots.slot(requester.get()):
            return await resolve_link(link, self.guard, seconds=self.socket_timeout)

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        """Audio window `window` of the link's media; a Stash error when it cannot be had."""
        url = with_scheme(link.original)
        await self._check_link(link, url)
        async with self._slots.slot(requester.get()):
            try:
                async with asyncio.timeout(self.timeout):
                    return await self._rotating(link, url, window)
            except TimeoutError as err:
                raise NetworkTrouble() from err

    async def _check_link(self, link: Link, url: str) -> None:
        target = await self.guard.check_url(url)  # a refused link costs no request
        # yt-dlp's generic extractor opens anything: only for hosts the operator listed.
        if link.platform is Platform.DIRECT and not self.guard.is_listed(target.host, target.port):
            raise LinkError(REFUSED)

    async def _rotating(self, link: Link, url: str, window: int) -> AudioClip:
        if self.cookies.empty:
            return await self._job(link, url, window, None)
        while True:
            index = self.cookies.take()  # PlatformBusy once every set is cooling down
            try:
                clip = await self._job(link, url, window, index)
            except LoginWall:
                self.cookies.cool(index)
                self._probes.drop(link.canonical_url)
                continue
            self.cookies.worked(index)
            return clip

    async def _job(self, link: Link, url: str, window: int, cookie: int | None) -> AudioClip:
        with tempfile.TemporaryDirectory(prefix="stash-media-") as tmp:
            async with GuardProxy(self.guard, self.max_bytes, self.socket_timeout) as proxy:
                try:
                    return await self._window(link, url, window, Path(tmp), proxy, cookie)
                except (yt_dlp.utils.YoutubeDLError, FfmpegFailed, OSError) as err:
                    if proxy.refused:
                        raise LinkError(REFUSED) from err
                    if proxy.packed:
                        raise MediaUnavailable(PACKED) from err
                    if proxy.over_cap:
                        raise MediaTooLarge() from err
                    raise classify(str(err)) from err
                finally:
                    self.received_bytes += proxy.received

    async def _window(self, link: Link, url: str, window: int, tmp: Path, proxy: GuardProxy,
                      cookie: int | None) -> AudioClip:
        found = await self._probe(link, url, tmp, proxy, cookie)
        self._check_caps(found.duration, found.filesize)
        await self.guard.check_url(found.source.url)  # where the extractor says the media is
        plan = plan_window(window, found.duration, self.window_seconds, self.lead_seconds)
        cut = await cut_window(self.ffmpeg, found.source, plan.start, self.window_seconds,
                               proxy=proxy.url, into=tmp, rw_timeout=self.socket_timeout)
        if proxy.over_cap:
            raise MediaTooLarge()
        if found.duration is None and cut.duration is not None:
            # Direct files tell their length only to ffmpeg: remember it for later windows.
            found = dataclasses.replace(found, duration=cut.duration)
            self._probes.put(link.canonical_url, found)
            self._check_caps(found.duration, None)
            plan = dataclasses.replace(plan, final=plan_window(
                window, found.duration, self.window_seconds, self.lead_seconds).final)
        return AudioClip(await asyncio.to_thread(cut.path.read_bytes), cut.container, window,
                         plan.start, found.duration, found.title, found.hint, plan.final)

    async def _probe(self, link: Link, url: str, tmp: Path, proxy: GuardProxy,
                     cookie: int | None) -> Probe:
        cached = self._probes.get(link.canonical_url)
        if cached is not None:
            return cached
        cookiefile = self.cookies.copy_to(cookie, tmp) if cookie is not None else None
        try:
            found = await asyncio.to_thread(
                probe, url, link.platform, proxy=proxy.url, cookiefile=cookiefile,
                socket_timeout=self.socket_timeout, extractors=self._extractors)
        except (yt_dlp.utils.YoutubeDLError, OSError):
            raise  # the failures yt-dlp means to report, told apart in _job
        except Exception:
            # A fault in an extractor (an AttributeError on a SMIL manifest was seen): logged
            # here once with its traceback, told to the person as an unreadable video.
            log.exception("the %s extractor failed unexpectedly", link.platform.value)
            raise MediaUnavailable(UNREADABLE) from None
        self._probes.put(link.canonical_url, found)
        return found

    def _check_caps(self, duration: float | None, filesize: float | None) -> None:
        if duration is not None and duration > self.max_duration:
            raise MediaTooLong(say("media.too_long_for", minutes=f"{self.max_duration / 60:g}"))
        if filesize is not None and filesize > self.max_bytes:
            raise MediaTooLarge()
