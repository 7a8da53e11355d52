"""Audio windows with real yt-dlp and ffmpeg against the media host stand-in."""

from __future__ import annotations

import socket
import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import imageio_ffmpeg
import pytest
import pytest_asyncio

from adapters.media import YtdlpFetcher
from adapters.media.classify import EXPIRED, NO_VIDEO, REMOVED
from adapters.media.ytdlp import PROBE_RANGE
from core.errors import LoginWall, MediaTooLarge, MediaTooLong, MediaUnavailable, NetworkTrouble
from core.links import parse_links
from core.models import AudioClip, Link
from sandbox.media import MediaHost
from tests.fakes import until

pytestmark = pytest.mark.asyncio(loop_scope="module")
MIB = 1024 * 1024


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def host() -> AsyncIterator[MediaHost]:
    """One media host for the module; its disk cache is shared between runs."""
    async with MediaHost() as media:
        yield media


@pytest.fixture
def jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the jobs' temporary directories go, to see that none is left behind."""
    directory = tmp_path / "jobs"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def leftovers(directory: Path) -> list[Path]:
    """What the jobs left in their temporary directory."""
    return list(directory.iterdir())


def fetcher(host: MediaHost, **options: Any) -> YtdlpFetcher:
    """A fetcher that may open the media host (it is listed in MEDIA_EXTRA_HOSTS)."""
    return YtdlpFetcher(extra_hosts=[f"127.0.0.1:{host.port}"], **options)


def link(host: MediaHost, url: str) -> Link:
    """The link a person would share, parsed as the bot parses it."""
    [found] = parse_links(url, [f"127.0.0.1:{host.port}"])
    return found


def seconds_of(clip: AudioClip, tmp_path: Path) -> float:
    """How long the clip's audio plays, decoded by ffmpeg (fails on any decoding error)."""
    path = tmp_path / f"clip.{clip.container}"
    path.write_bytes(clip.data)
    result = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le",
         "-ac", "1", "-ar", "8000", "-"], capture_output=True, check=False)
    assert result.returncode == 0 and result.stderr == b"", result.stderr.decode()
    return len(result.stdout) / 2 / 8000


@pytest.mark.parametrize(("fmt", "container"),
                         [("mp4", "m4a"), ("m4a", "m4a"), ("webm", "webm"), ("mp3", "mp3")])
async def test_first_window_is_a_short_audio_file_of_the_window_length(
    host: MediaHost, jobs: Path, tmp_path: Path, fmt: str, container: str
) -> None:
    url = host.url("40000001", fmt, seconds=60)

    clip = await fetcher(host).fetch(link(host, url))

    assert (clip.container, clip.window, clip.start_seconds) == (container, 0, 0.0)
    assert seconds_of(clip, tmp_path) == pytest.approx(10, abs=0.2)
    assert clip.media_duration == pytest.approx(60, abs=0.1)
    assert not clip.final_window
    assert len(clip.data) < 0.3 * await host.size(url)
    assert leftovers(jobs) == []


async def test_later_windows_take_the_middle_then_the_end_without_probing_again(
    host: MediaHost, jobs: Path, tmp_path: Path
) -> None:
    media = fetcher(host)
    url = host.url("40000002", "m4a", seconds=60)
    host.reset_bytes()

    clips = [await media.fetch(link(host, url), window) for window in (0, 1, 2)]

    assert [c.start_seconds for c in clips] == [0.0, 25.0, 50.0]
    assert [c.final_window for c in clips] == [False, False, True]
    assert [round(seconds_of(c, tmp_path)) for c in clips] == [10, 10, 10]
    assert len({c.data for c in clips}) == 3
    # yt-dlp looks at the link once (its first KiB); ffmpeg reads the windows. Every request
    # names where it ends, so the host never pushes more of the file than was asked for.
    ranges = [r.range for r in host.requests]
    assert ranges.count(PROBE_RANGE) == 1
    assert all(r is not None and not r.endswith("-") for r in ranges), ranges
    assert leftovers(jobs) == []


async def test_a_clip_shorter_than_the_window_is_fetched_whole_and_is_the_last(
    host: MediaHost, jobs: Path, tmp_path: Path
) -> None:
    clip = await fetcher(host, window_seconds=20).fetch(
        link(host, host.url("40000003", "mp3", seconds=15)))

    assert seconds_of(clip, tmp_path) == pytest.approx(15, abs=0.2)
    assert clip.final_window and clip.start_seconds == 0


async def test_a_clip_longer_than_the_cap_is_refused_after_one_window(
    host: MediaHost, jobs: Path
) -> None:
    url = host.long_url("40000007", minutes=15)
    size = await host.size(url)
    host.reset_bytes()

    with pytest.raises(MediaTooLong) as caught:
        await fetcher(host).fetch(link(host, url))

    assert "10 minutes" in caught.value.user_message
    assert host.bytes_served(url) < size
    assert leftovers(jobs) == []


@pytest.mark.parametrize("length", [True, False])
async def test_a_huge_file_is_cut_off_at_the_byte_cap(
    host: MediaHost, jobs: Path, length: bool
) -> None:
    url = host.huge_url("mp4", mb=300, length=length)
    host.reset_bytes()

    with pytest.raises(MediaTooLarge):
        await fetcher(host, max_bytes=MIB).fetch(link(host, url))
    await until(lambda: host.streaming == 0)  # the host noticed the hang-ups

    assert host.bytes_served(url) < 4 * MIB
    assert leftovers(jobs) == []


@pytest.mark.parametrize(("fault", "error", "message"), [
    ("403", MediaUnavailable, EXPIRED),
    ("404", MediaUnavailable, REMOVED),
    ("login-redirect", LoginWall, LoginWall.user_message),
    ("login", MediaUnavailable, NO_VIDEO),  # a page where the media should be
])
async def test_faults_become_errors_a_person_understands(
    host: MediaHost, jobs: Path, fault: str, error: type[Exception], message: str
) -> None:
    with pytest.raises(error) as caught:
        await fetcher(host).fetch(link(host, host.url("40000001", "mp4", fault=fault)))

    assert getattr(caught.value, "user_message", None) == message
    assert caught.value.__cause__ is not None  # the library's detail, for the logs
    assert leftovers(jobs) == []


async def test_a_throttled_host_still_gives_its_window(
    host: MediaHost, jobs: Path, tmp_path: Path
) -> None:
    url = host.url("40000004", "m4a", seconds=15, rate=400_000)

    clip = await fetcher(host).fetch(link(host, url))

    assert seconds_of(clip, tmp_path) == pytest.approx(10, abs=0.2)


async def test_a_host_too_slow_for_the_timeout_is_network_trouble(
    host: MediaHost, jobs: Path
) -> None:
    url = host.url("40000005", "mp3", seconds=60, rate=5_000)

    with pytest.raises(NetworkTrouble):
        await fetcher(host, timeout=1.0).fetch(link(host, url))

    assert leftovers(jobs) == []


async def test_a_listed_host_that_is_down_is_network_trouble(jobs: Path) -> None:
    with socket.socket() as sock:  # a port nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/clip/40000001.mp4"
    media = YtdlpFetcher(extra_hosts=[f"127.0.0.1:{port}"])

    with pytest.raises(NetworkTrouble):
        await media.fetch(parse_links(url, [f"127.0.0.1:{port}"])[0])

    assert leftovers(jobs) == []
