"""The media host, driven by real yt-dlp and aiohttp: formats, ranges, faults and byte counts."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import aiohttp
import imageio_ffmpeg
import numpy as np
import pytest
import yt_dlp
from yt_dlp.utils import DownloadError, download_range_func

from sandbox.media import MediaHost
from tests.fakes import until

MIB = 1024 * 1024


class YtdlpLog:
    """A yt-dlp logger that keeps every line, so errors do not go to stderr."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def debug(self, msg: str) -> None:
        self.lines.append(msg)

    info = warning = error = debug


def ytdlp_info(url: str, into: Path, **options: Any) -> dict[str, Any]:
    """Download `url` with real yt-dlp the way Stash does; yt-dlp's info dict."""
    params = {
        "quiet": True,
        "noprogress": True,
        "logger": YtdlpLog(),
        "format": "bestaudio/best",
        "outtmpl": str(into / "%(id)s.%(ext)s"),
        "retries": 0,
        "socket_timeout": 5,
        **options,
    }
    with yt_dlp.YoutubeDL(params) as ydl:
        return ydl.extract_info(url, download=True)  # type: ignore[no-any-return]


def ytdlp_download(url: str, into: Path, **options: Any) -> Path:
    """Download `url` with real yt-dlp; the downloaded file."""
    return Path(ytdlp_info(url, into, **options)["requested_downloads"][0]["filepath"])


def decode(path: Path) -> np.ndarray:
    """The file's audio as mono 8 kHz samples; fails the test if ffmpeg reports any error."""
    result = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-i", str(path), "-map", "0:a:0",
         "-f", "s16le", "-ac", "1", "-ar", "8000", "-"],
        capture_output=True, check=False,
    )
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""
    return np.frombuffer(result.stdout, dtype=np.int16).astype(np.float32) / 32768


def sizes(directory: Path) -> dict[str, int]:
    """Name -> size of every file in a directory."""
    return {path.name: path.stat().st_size for path in directory.iterdir()}


def rms(samples: np.ndarray) -> float:
    """Loudness of a stretch of samples."""
    return float(np.sqrt(np.mean(samples**2)))


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the module: each distinct clip is encoded once."""
    return tmp_path_factory.mktemp("media-cache")


@pytest.fixture
def ffmpeg_on_path(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """imageio-ffmpeg's binary as `ffmpeg` on PATH: yt-dlp's download_ranges looks only there."""
    bin_dir = tmp_path_factory.mktemp("bin")
    (bin_dir / "ffmpeg").symlink_to(imageio_ffmpeg.get_ffmpeg_exe())
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")


@pytest.fixture
async def host(cache_dir: Path) -> Any:
    """A running media host."""
    async with MediaHost(cache_dir=cache_dir) as media:
        yield media


@pytest.mark.parametrize("fmt", ["mp4", "m4a", "webm", "mp3"])
async def test_ytdlp_downloads_each_format_as_audio_of_the_asked_length(
    host: MediaHost, tmp_path: Path, fmt: str
) -> None:
    url = host.url("40000001", fmt, seconds=15)

    downloaded = await asyncio.to_thread(ytdlp_download, url, tmp_path)

    assert downloaded.suffix == f".{fmt}"
    assert downloaded.read_bytes() == (await host.file(url)).read_bytes()
    assert len(decode(downloaded)) / 8000 == pytest.approx(15, abs=0.1)


@pytest.mark.usefixtures("ffmpeg_on_path")
async def test_ytdlp_download_ranges_stop_reading_after_the_window(
    host: MediaHost, tmp_path: Path
) -> None:
    url = host.url("40000001", "mp4", seconds=60)
    size = await host.size(url)
    window = download_range_func(None, [(5, 15)])

    cut = await asyncio.to_thread(ytdlp_download, url, tmp_path, download_ranges=window)

    assert len(decode(cut)) / 8000 == pytest.approx(10, abs=0.1)
    sniff, download = host.requests  # yt-dlp's look at the headers, then ffmpeg's read
    assert (sniff.range, download.range, download.status) == (None, "bytes=0-", 206)
    assert download.bytes < 0.8 * size  # ffmpeg hung up once it had the window


async def test_mp4_has_video_and_its_index_up_front(host: MediaHost) -> None:
    data = (await host.file(host.url("40000001", "mp4", seconds=15))).read_bytes()

    assert data.index(b"moov") < data.index(b"mdat")  # faststart
    assert b"avc1" in data and b"mp4a" in data


async def test_default_clip_is_a_minute_and_talk_comes_before_the_music(
    host: MediaHost, tmp_path: Path
) -> None:
    url = host.url("silence", "m4a", talk=4)
    assert url.endswith("/clip/silence.m4a?seconds=60&talk=4")

    samples = decode(await asyncio.to_thread(ytdlp_download, url, tmp_path))

    assert len(samples) / 8000 == pytest.approx(60, abs=0.1)
    assert rms(samples[: 3 * 8000]) > 0.05  # the talk
    assert rms(samples[5 * 8000 :]) < 0.001  # then "silence", the sound asked for


async def test_start_offset_gives_a_different_part_of_the_song(host: MediaHost) -> None:
    first = await host.file(host.url("40000001", "mp3", seconds=15))
    later = await host.file(host.url("40000001", "mp3", seconds=15, start=45))

    assert first != later
    assert first.read_bytes() != later.read_bytes()


async def test_ranges_and_head_are_answered_like_a_cdn(host: MediaHost) -> None:
    url = host.url("40000001", "m4a", seconds=15)
    data = (await host.file(url)).read_bytes()
    size = await host.size(url)
    async with aiohttp.ClientSession() as session:
        async with session.head(url) as head:
            assert (head.status, head.headers["Accept-Ranges"]) == (200, "bytes")
            assert int(head.headers["Content-Length"]) == size == len(data)
        for asked, status, expected, content_range in [
            ("bytes=0-99", 206, data[:100], f"bytes 0-99/{size}"),
            ("bytes=-10", 206, data[-10:], f"bytes {size - 10}-{size - 1}/{size}"),
            ("bytes=100-", 206, data[100:], f"bytes 100-{size - 1}/{size}"),
            (f"bytes={size}-", 416, b"", f"bytes */{size}"),
            ("bytes=50-10", 200, data, None),  # not a range: ignored
        ]:
            async with session.get(url, headers={"Range": asked}) as response:
                assert response.status == status
                assert response.headers.get("Content-Range") == content_range
                assert await response.read() == expected

    assert host.bytes_served(url) == 100 + 10 + (size - 100) + size
    assert [r.status for r in host.requests] == [200, 206, 206, 206, 416, 200]


async def test_bad_parameters_and_unknown_media(host: MediaHost) -> None:
    async with aiohttp.ClientSession() as session:
        for url, status in [
            (host.url("40000001", "mp3", seconds=5), 400),
            (host.url("40000001", "mp3", seconds=60, talk=60), 400),
            (host.url("40000001", "flac"), 404),
            (host.url("99999999", "mp3"), 404),
            (host.url("40000001", "mp3", rate="fast"), 400),
            (host.url("40000001", "mp3", fault="500"), 400),
        ]:
            async with session.get(url) as response:
                assert response.status == status, url


async def test_forbidden_and_missing_media_make_ytdlp_raise(
    host: MediaHost, tmp_path: Path
) -> None:
    for url, message in [
        (host.url("40000001", "mp4", fault="403"), "HTTP Error 403: Forbidden"),
        (host.url("40000001", "mp4", fault="404"), "HTTP Error 404: Not Found"),
        (host.url("99999999", "mp4"), "HTTP Error 404: Not Found"),
    ]:
        with pytest.raises(DownloadError, match=message):
            await asyncio.to_thread(ytdlp_download, url, tmp_path)
    assert sizes(tmp_path) == {}


async def test_login_wall_is_an_html_page_ytdlp_cannot_use(
    host: MediaHost, tmp_path: Path
) -> None:
    url = host.url("40000001", "mp4", fault="login")
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        assert (response.status, response.content_type) == (200, "text/html")
        assert "<title>Login • Instagram</title>" in await response.text()

    with pytest.raises(DownloadError, match="Unsupported URL"):
        await asyncio.to_thread(ytdlp_download, url, tmp_path)
    redirected = host.url("40000001", "mp4", fault="login-redirect")
    with pytest.raises(DownloadError, match=r"Unsupported URL: .*/accounts/login/\?next="):
        await asyncio.to_thread(ytdlp_download, redirected, tmp_path)


async def test_a_throttled_host_really_is_slow(host: MediaHost) -> None:
    fast = host.url("40000001", "mp3", seconds=15)
    slow = host.url("40000001", "mp3", seconds=15, rate=100_000)
    await host.size(fast)  # encoded before the clock starts
    async with aiohttp.ClientSession() as session:
        timings = []
        for url in (fast, slow):
            began = time.monotonic()
            async with session.get(url, headers={"Range": "bytes=0-49999"}) as response:
                assert len(await response.read()) == 50_000
            timings.append(time.monotonic() - began)

    assert timings[1] >= 0.45  # 50 kB at 100 kB/s
    assert timings[0] < 0.25


async def test_no_content_length_streams_chunked_and_ytdlp_still_downloads(
    host: MediaHost, tmp_path: Path
) -> None:
    url = host.url("40000001", "webm", seconds=15, length=False)
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, headers={"Range": "bytes=0-9"}) as response,
    ):
        assert response.status == 200  # the range is ignored
        assert "Content-Length" not in response.headers
        assert response.headers["Transfer-Encoding"] == "chunked"
        body = await response.read()

    downloaded = await asyncio.to_thread(ytdlp_download, url, tmp_path)

    assert downloaded.read_bytes() == body == (await host.file(url)).read_bytes()


async def test_a_huge_file_can_be_cut_off_and_is_never_stored(
    host: MediaHost, cache_dir: Path
) -> None:
    stored_before = sizes(cache_dir)
    url = host.huge_url("mp4", mb=300)
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as response:
            assert int(response.headers["Content-Length"]) == 300 * MIB
            await response.content.readexactly(MIB)
        response.close()
        async with session.get(host.huge_url("mp4", mb=300, length=False)) as response:
            assert "Content-Length" not in response.headers
            await response.content.readexactly(MIB)
        response.close()
    await until(lambda: host.streaming == 0)  # the host noticed the hang-ups

    assert MIB <= host.bytes_served(url) < 32 * MIB
    assert await host.size(url) == 300 * MIB
    assert sizes(cache_dir) == stored_before


async def test_ytdlp_skips_or_aborts_a_huge_file(host: MediaHost, tmp_path: Path) -> None:
    with_length = host.huge_url("mp4", mb=300)
    info = await asyncio.to_thread(ytdlp_info, with_length, tmp_path, max_filesize=10 * MIB)
    assert "filepath" not in info["requested_downloads"][0]  # skipped, silently
    assert sizes(tmp_path) == {}

    def cap(progress: dict[str, Any]) -> None:
        if progress.get("downloaded_bytes", 0) > 2 * MIB:
            raise ValueError("over the cap")

    without_length = host.huge_url("mp4", mb=300, length=False)
    with pytest.raises(ValueError, match="over the cap"):  # a hook's error is not wrapped
        await asyncio.to_thread(ytdlp_download, without_length, tmp_path, progress_hooks=[cap])
    await until(lambda: host.streaming == 0)  # the host noticed the hang-ups

    assert host.bytes_served(with_length) < 32 * MIB
    assert 2 * MIB < host.bytes_served(without_length) < 32 * MIB
    assert max(sizes(tmp_path).values()) < 10 * MIB  # only the aborted .part file


async def test_redirects_to_another_host(host: MediaHost, cache_dir: Path, tmp_path: Path) -> None:
    async with MediaHost(cache_dir=cache_dir) as other:
        target = other.url("40000001", "mp3", seconds=15)
        downloaded = await asyncio.to_thread(ytdlp_download, host.redirect_url(target), tmp_path)

        assert downloaded.read_bytes() == (await other.file(target)).read_bytes()
        assert other.bytes_served(target) >= len(downloaded.read_bytes())
    async with aiohttp.ClientSession() as session:
        outside = host.redirect_url("http://10.0.0.1/x.mp4", status=307)
        async with session.get(outside, allow_redirects=False) as response:
            assert (response.status, response.headers["Location"]) == (307, "http://10.0.0.1/x.mp4")


async def test_too_long_clip_lasts_fifteen_minutes(host: MediaHost, tmp_path: Path) -> None:
    url = host.long_url("40000007")

    downloaded = await asyncio.to_thread(ytdlp_download, url, tmp_path)

    assert len(decode(downloaded)) / 8000 == pytest.approx(900, abs=0.5)
    assert downloaded.stat().st_size < 2 * MIB


async def test_concurrent_first_requests_encode_once(tmp_path: Path) -> None:
    async with MediaHost(cache_dir=tmp_path) as media, aiohttp.ClientSession() as session:
        url = media.url("40000008", "mp3", seconds=15)

        async def fetch() -> bytes:
            async with session.get(url) as response:
                return await response.read()

        bodies = await asyncio.gather(*(fetch() for _ in range(5)))
        assert media.encodes == 1
        assert len(set(bodies)) == 1 and len(bodies[0]) == await media.size(url)
    async with MediaHost(cache_dir=tmp_path) as again:
        assert await again.size(url.replace(media.origin, again.origin)) == len(bodies[0])
        assert again.encodes == 0  # served from the disk cache
    assert [Path(name).suffix for name in sizes(tmp_path)] == [".mp3"]


async def test_python_faults_apply_to_every_clip(host: MediaHost, tmp_path: Path) -> None:
    host.set_faults("login")
    with pytest.raises(DownloadError, match="Unsupported URL"):
        await asyncio.to_thread(ytdlp_download, host.url("40000001", "mp3", seconds=15), tmp_path)
    with pytest.raises(ValueError, match="fault mode"):
        host.set_faults("500")


async def test_runs_from_the_command_line() -> None:
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "sandbox", "media", "--port", "0",
        stdout=asyncio.subprocess.PIPE, cwd=Path(__file__).parents[2],
    )
    try:
        assert process.stdout is not None
        line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        base_url = line.split(" at ")[1].strip()
        async with (
            aiohttp.ClientSession() as session,
            session.head(f"{base_url}/clip/40000001.mp3?seconds=15") as response,
        ):
            assert response.status == 200 and int(response.headers["Content-Length"]) > 0
    finally:
        process.terminate()
        await process.wait()
