"""The platforms' own error texts, music tags and the cookie pool, through real yt-dlp.

A stand-in extractor registered in yt-dlp answers for instagram.com / tiktok.com exactly as the
real extractor does (same calls, same texts), so no test reaches a platform.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from yt_dlp.extractor.common import InfoExtractor
from yt_dlp.utils import ExtractorError

from adapters.media import CookiePool, CookieState
from adapters.media.classify import IP_BLOCKED, NO_VIDEO, PRIVATE, REMOVED, UNREADABLE
from core import texts
from core.errors import (
    LinkError,
    LoginWall,
    MediaTooLong,
    MediaUnavailable,
    PlatformBusy,
    StashError,
)
from core.links import parse_links
from core.models import MusicHint, UserKey
from core.outcomes import ShareFailed
from core.service import Stash
from sandbox.media import MediaHost
from tests.adapters.worlds import REEL, fetcher, platform
from tests.fakes import (
    FakeCatalog,
    FakePlaylists,
    FakeRecognizer,
    MemoryStore,
    RecordingReporter,
    until,
)

pytestmark = pytest.mark.asyncio(loop_scope="module")
TIKTOK = "https://www.tiktok.com/@luna/video/7300000000000000001"
NETSCAPE = "# Netscape HTTP Cookie File\n.instagram.com\tTRUE\t/\tTRUE\t0\tsessionid\t{}\n"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def host() -> AsyncIterator[MediaHost]:
    """The platforms' CDN, for the media the stand-in extractor points at."""
    async with MediaHost() as media:
        yield media


def failing(call: str, message: str) -> type[InfoExtractor]:
    """A stand-in extractor failing the way the real one does: `call` is how it raises."""

    def answer(ie: InfoExtractor) -> dict[str, Any]:
        if call == "login":
            ie.raise_login_required(message)
        if call == "no_formats":
            ie.raise_no_formats(message, expected=True)
        raise ExtractorError(message, expected=call == "expected")

    return platform(answer)


@pytest.mark.parametrize(("call", "text", "error", "message"), [
    ("login", "This content is only available for registered users who follow this account",
     MediaUnavailable, PRIVATE),
    ("login", "You do not have permission to view this post. Log into an account that has "
              "access", MediaUnavailable, PRIVATE),
    ("login", "The webpage request was redirected to the login page. You have exceeded the "
              "rate-limit for accessing posts anonymously", LoginWall, LoginWall.user_message),
    ("expected", "Your IP address is blocked from accessing this post", PlatformBusy,
     IP_BLOCKED),
    ("no_formats", "There is no video in this post", MediaUnavailable, NO_VIDEO),
    ("plain", "Video not available, status code 10231", MediaUnavailable, REMOVED),
])
async def test_platform_messages_become_errors_a_person_understands(
    call: str, text: str, error: type[StashError], message: str
) -> None:
    [reel] = parse_links(REEL)

    with pytest.raises(error) as caught:
        await fetcher(failing(call, text)).fetch(reel)

    assert caught.value.user_message == message
    assert text in str(caught.value.__cause__)


def serving(host: MediaHost, **info: Any) -> type[InfoExtractor]:
    """A stand-in extractor whose media is a 60 s m4a on the media host."""
    url = host.url("40000001", "m4a", seconds=60)
    return platform(lambda ie: {"id": "7300000000000000001", "title": "a dance", "duration": 60,
                                "url": url, "ext": "m4a", "vcodec": "none", **info})


async def test_audio_alone_is_fetched_when_the_platform_offers_it(host: MediaHost) -> None:
    video = host.url("40000001", "mp4", seconds=60)
    audio = host.url("40000001", "m4a", seconds=60)
    formats = [{"format_id": "dash-audio", "url": audio, "ext": "m4a", "vcodec": "none",
                "acodec": "mp4a.40.2", "abr": 96, "protocol": "https"},
               {"format_id": "720p", "url": video, "ext": "mp4", "vcodec": "avc1",
                "acodec": "mp4a.40.2", "tbr": 900, "protocol": "https"}]
    extractor = platform(lambda ie: {"id": "7300000000000000001", "title": "a dance",
                                     "duration": 60, "formats": formats})
    media = fetcher(extractor, extra_hosts=[f"127.0.0.1:{host.port}"])
    host.reset_bytes()

    clip = await media.fetch(parse_links(TIKTOK)[0])

    assert clip.container == "m4a"
    assert host.bytes_served(video) == 0
    assert 0 < host.bytes_served(audio) < 0.3 * await host.size(audio)


@pytest.mark.parametrize(("tags", "hint"), [
    ({"track": "Midnight Drive", "artists": ["Luna Vale"]},
     MusicHint("Midnight Drive", ("Luna Vale",))),
    ({"track": "original sound - luna.dances", "artists": ["luna.dances"]}, None),
    ({}, None),
])
async def test_the_platforms_music_tag_travels_with_the_clip(
    host: MediaHost, tags: dict[str, Any], hint: MusicHint | None
) -> None:
    media = fetcher(serving(host, **tags), extra_hosts=[f"127.0.0.1:{host.port}"])

    clip = await media.fetch(parse_links(TIKTOK)[0])

    assert (clip.hint, clip.media_title, clip.media_duration) == (hint, "a dance", 60)


async def test_duration_from_the_platform_is_checked_before_any_download(
    host: MediaHost
) -> None:
    media = fetcher(serving(host, duration=11 * 60), extra_hosts=[f"127.0.0.1:{host.port}"])
    host.reset_bytes()

    with pytest.raises(MediaTooLong):
        await media.fetch(parse_links(TIKTOK)[0])

    assert host.requests == []


def cookie_files(tmp_path: Path, *values: str) -> dict[int, Path]:
    """Netscape cookie files YTDLP_COOKIES_1.. with a session value each."""
    files = {}
    for index, value in enumerate(values, start=1):
        files[index] = tmp_path / f"cookies{index}.txt"
        files[index].write_text(NETSCAPE.format(value))
    return files


def walled_unless(good: str) -> type[InfoExtractor]:
    """Instagram's login wall for every cookie set but the one holding `good`."""

    def answer(ie: InfoExtractor) -> dict[str, Any]:
        cookiefile = ie.get_param("cookiefile")
        if not cookiefile or good not in Path(cookiefile).read_text():
            ie.raise_login_required("The webpage request was redirected to the login page. "
                                    "You have exceeded the rate-limit for accessing posts "
                                    "anonymously")
        ie.raise_no_formats("There is no video in this post", expected=True)
        return {}

    return platform(answer)


async def test_a_login_wall_cools_the_set_down_and_the_job_goes_on_with_the_next(
    tmp_path: Path
) -> None:
    files = cookie_files(tmp_path, "walled", "fine")
    extractor = walled_unless("fine")
    now = [1000.0]
    media = fetcher(extractor, cookie_files=files, cool_down=60, clock=lambda: now[0])

    with pytest.raises(MediaUnavailable):  # it got through: the post simply has no video
        await media.fetch(parse_links(REEL)[0])

    assert [("walled" in c, "fine" in c) for c in extractor.seen_cookies] == [
        (True, False), (False, True)]
    assert media.cookies.state() == {1: CookieState("cooling", 60), 2: CookieState("ready")}
    assert files[1].read_text() == NETSCAPE.format("walled")  # jobs worked on copies
    now[0] += 61
    assert media.cookies.state()[1] == CookieState("ready")


async def test_when_every_set_is_cooling_down_the_platform_is_busy(tmp_path: Path) -> None:
    now = [0.0]
    media = fetcher(walled_unless("nobody"), cookie_files=cookie_files(tmp_path, "a", "b"),
                    cool_down=60, clock=lambda: now[0])

    with pytest.raises(PlatformBusy) as caught:
        await media.fetch(parse_links(REEL)[0])
    assert "try again later" in caught.value.user_message
    now[0] += 61
    with pytest.raises(PlatformBusy):
        await media.fetch(parse_links(REEL)[0])

    # The second wall in a row rests a set twice as long.
    assert media.cookies.state() == {1: CookieState("cooling", 120),
                                     2: CookieState("cooling", 120)}


async def test_without_cookie_files_a_login_wall_is_told_as_such() -> None:
    with pytest.raises(LoginWall):
        await fetcher(walled_unless("x")).fetch(parse_links(REEL)[0])


async def test_a_bad_cookie_file_is_reported_by_index_and_never_used(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = cookie_files(tmp_path, "good")
    files[2] = tmp_path / "secret-name.txt"
    files[2].write_text("not cookies")
    files[3] = tmp_path / "missing.txt"

    pool = CookiePool(files)

    assert pool.state() == {1: CookieState("ready"), 2: CookieState("bad"),
                            3: CookieState("bad")}
    assert [pool.take() for _ in range(3)] == [1, 1, 1]
    assert "YTDLP_COOKIES_2" in caplog.text and "YTDLP_COOKIES_3" in caplog.text
    assert "secret-name" not in caplog.text


async def test_a_fault_inside_an_extractor_is_an_unreadable_video_logged_once(
    caplog: pytest.LogCaptureFixture
) -> None:
    def smil(ie: InfoExtractor) -> dict[str, Any]:
        manifest = None  # yt-dlp's SMIL parsing met an element it did not expect
        return {"id": "1", "url": manifest.attrib["src"]}  # type: ignore[attr-defined]

    stash = Stash(fetcher=fetcher(platform(smil)), recognizer=FakeRecognizer(),
                  catalog=FakeCatalog([]), playlists=FakePlaylists(), store=MemoryStore())
    caplog.set_level(logging.DEBUG)

    outcome = await stash.share(UserKey("telegram", "42"), parse_links(REEL)[0],
                                RecordingReporter())

    assert isinstance(outcome, ShareFailed)
    assert texts.outcome_text(outcome) == UNREADABLE
    traced = [r for r in caplog.records if r.exc_info]
    assert [(r.levelno, r.exc_info[0]) for r in traced] == [  # type: ignore[index]
        (logging.ERROR, AttributeError)]


async def test_media_that_the_extractor_places_inside_the_network_is_refused() -> None:
    extractor = platform(lambda ie: {"id": "1", "title": "x", "duration": 30, "ext": "mp4",
                                     "url": "http://169.254.169.254/latest/meta-data/x.mp4"})

    with pytest.raises(LinkError):
        await fetcher(extractor).fetch(parse_links(REEL)[0])


async def test_no_more_jobs_run_at_once_than_the_concurrency_allows() -> None:
    running, most = [0], [0]
    lock = threading.Lock()
    release = threading.Event()

    def answer(ie: InfoExtractor) -> dict[str, Any]:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        release.wait(timeout=30)  # held until the test has seen who runs and who waits
        with lock:
            running[0] -= 1
        raise ExtractorError("There is no video in this post", expected=True)

    media = fetcher(platform(answer), concurrency=2)
    jobs = asyncio.gather(*(media.fetch(parse_links(REEL)[0]) for _ in range(5)),
                          return_exceptions=True)

    try:  # every job holds its thread until two run and three wait for a slot
        await until(lambda: running[0] == 2 and media._slots.waiting == 3, 30)
    finally:
        release.set()
    results = await jobs

    assert all(isinstance(r, MediaUnavailable) for r in results)
    assert most[0] == 2
