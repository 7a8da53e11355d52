"""Files sent in chats, read with real ffmpeg: windows, bad files, and where downloads may go."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path

import imageio_ffmpeg
import pytest
import pytest_asyncio
from telegram import Bot

from adapters.discord.downloads import DiscordFiles
from adapters.media.files import FileFetcher
from adapters.telegram.config import TelegramConfig
from adapters.telegram.downloads import GONE, FileAccess, TelegramFiles
from core import files
from core.errors import LinkError, MediaTooLarge, MediaUnavailable
from core.models import FileKind, Link, MediaFile
from sandbox.media.encoder import ClipCache
from sandbox.telegram import TelegramStandIn
from tests.file_helpers import leftovers, media_file

pytestmark = pytest.mark.asyncio(loop_scope="module")
MIB = 1024 * 1024
TOKEN = "123456:TEST-TOKEN"


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> ClipCache:
    return ClipCache(tmp_path_factory.mktemp("clips"))


class OnDisk:
    """A FileSource that copies bytes we give it, as a front's download would."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.reads = 0

    async def fetch(self, file: MediaFile, into: Path) -> Path:
        self.reads += 1
        target = into / "file"
        target.write_bytes(self.data)
        return target


def sent(kind: FileKind = FileKind.VIDEO) -> Link:
    return files.file_link("test-file:1", MediaFile("test", "h", kind))


@pytest.fixture
def jobs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "jobs"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    return directory


def fetcher_of(data: bytes) -> tuple[FileFetcher, OnDisk]:
    fetcher, source = FileFetcher(), OnDisk(data)
    fetcher.add_source("test", source)
    return fetcher, source


def seconds_of(wav: bytes) -> float:
    return (len(wav) - 44) / 2 / 16_000


async def test_a_minute_long_video_gives_three_windows_from_one_read(
        clips: ClipCache, jobs: Path) -> None:
    fetcher, source = fetcher_of(await media_file(clips, "40000001", "mp4", seconds=60))
    first = await fetcher.fetch(sent(), 0)
    later = [await fetcher.fetch(sent(), n) for n in (1, 2)]
    assert [c.start_seconds for c in (first, *later)] == [2.0, 25.0, 50.0]
    assert all(abs(seconds_of(c.data) - 10) < 0.1 for c in (first, *later))
    assert [c.final_window for c in (first, *later)] == [False, False, True]
    assert first.media_duration is not None and abs(first.media_duration - 60) < 0.1
    assert source.reads == 1  # the later windows were cut in the same run, kept in memory
    assert leftovers(jobs) == []


async def test_a_short_voice_message_is_one_window(clips: ClipCache, jobs: Path) -> None:
    fetcher, _ = fetcher_of(await media_file(clips, "40000001", "ogg", seconds=15))
    clip = await fetcher.fetch(sent(FileKind.VOICE), 0)
    # 15 s hold one 10 s window with nothing new after it: recognition will not ask again.
    assert (clip.container, clip.start_seconds, clip.final_window) == ("wav", 2.0, True)
    assert abs(seconds_of(clip.data) - 10) < 0.1


@pytest.fixture
def silent_video(tmp_path: Path) -> bytes:
    """Three seconds of moving picture and no audio track."""
    silent = tmp_path / "silent.mp4"
    subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                    "testsrc2=s=64x64:d=3", "-pix_fmt", "yuv420p", str(silent)], check=True)
    return silent.read_bytes()


async def test_a_video_without_sound_is_told_apart_from_a_broken_file(
        silent_video: bytes, jobs: Path) -> None:
    fetcher, _ = fetcher_of(silent_video)
    with pytest.raises(MediaUnavailable) as caught:
        await fetcher.fetch(sent(), 0)
    assert caught.value.user_message == files.SILENT
    assert leftovers(jobs) == []


@pytest.mark.parametrize("data", [
    b"\x00\x00\x00\x18ftypmp42" + bytes(5000),  # an mp4 header and nothing else
    b"#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n",  # a playlist, not media
    b"ffconcat version 1.0\nfile /etc/passwd\n",
], ids=["truncated", "hls-playlist", "concat-list"])
async def test_what_does_not_decode_is_unreadable_and_names_no_other_file(
        data: bytes, jobs: Path) -> None:
    fetcher, _ = fetcher_of(data)
    with pytest.raises(MediaUnavailable) as caught:
        await fetcher.fetch(sent(), 0)
    assert caught.value.user_message == files.UNREADABLE
    assert leftovers(jobs) == []


@pytest_asyncio.fixture(loop_scope="module")
async def tg() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn(TOKEN) as stand_in:
        stand_in.add_user(1001, "Alice")
        yield stand_in


async def test_telegram_files_are_downloaded_from_the_configured_base(
        tg: TelegramStandIn, tmp_path: Path) -> None:
    message = tg.user_sends_file(1001, "voice", b"OggS" + bytes(100), mime_type="audio/ogg")
    voice = message["voice"]
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
        source = TelegramFiles(bot, TelegramConfig(TOKEN, tg.base_url), FileAccess())
        path = await source.fetch(MediaFile("telegram", voice["file_id"], FileKind.VOICE),
                                  tmp_path)
    assert path.read_bytes() == b"OggS" + bytes(100)
    assert path.parent == tmp_path and path.suffix == ".oga"
    assert tg.file_downloads(voice["file_unique_id"]) == 1


async def test_a_file_path_outside_the_base_is_never_read(
        tg: TelegramStandIn, tmp_path: Path) -> None:
    message = tg.user_sends_file(1001, "video", b"data", mime_type="video/mp4")
    stored = tg.world().files[message["video"]["file_id"]]
    stored.path = "/etc/hostname"  # what a --local Bot API server answers: a path on its disk
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
        source = TelegramFiles(bot, TelegramConfig(TOKEN, tg.base_url), FileAccess())
        with pytest.raises(MediaUnavailable) as caught:
            await source.fetch(MediaFile("telegram", stored.file_id), tmp_path)
    assert caught.value.user_message == GONE
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("path", [
    f"%2e%2e/%2e%2e/bot{TOKEN}/getMe",  # the one seen: the Bot API answered getMe
    f"videos/%2E%2E/%2e%2E/%2e%2e/bot{TOKEN}/getMe",
    f".%2e/.%2e/bot{TOKEN}/getMe",
    f"videos/../../../bot{TOKEN}/getMe",
    f"..%2f..%2fbot{TOKEN}/getMe",
    f"..%5c..%5cbot{TOKEN}/getMe",
    f"..\\..\\bot{TOKEN}/getMe",
    f"%252e%252e/%252e%252e/bot{TOKEN}/getMe",  # a second layer, for a server that decodes twice
    "videos/%00.mp4",
    "videos/%ff.mp4",
    "videos/file_1.mp4#../../getMe",
], ids=["seen", "case", "half-encoded", "plain-dots", "encoded-slash", "encoded-backslash",
        "backslash", "double-encoded", "nul", "not-utf8", "fragment"])
async def test_a_file_path_that_leaves_the_file_folder_is_refused_unrequested(
        tg: TelegramStandIn, tmp_path: Path, path: str) -> None:
    message = tg.user_sends_file(1001, "video", b"data", mime_type="video/mp4")
    stored = tg.world().files[message["video"]["file_id"]]
    stored.path = path
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
        source = TelegramFiles(bot, TelegramConfig(TOKEN, tg.base_url), FileAccess())
        asked = len(tg.calls)
        with pytest.raises(MediaUnavailable) as caught:
            await source.fetch(MediaFile("telegram", stored.file_id), tmp_path)
        assert [call.method for call in tg.calls[asked:]] == ["getfile"]  # and no getMe
    assert caught.value.user_message == GONE
    assert leftovers(tmp_path) == []


async def test_a_local_servers_disk_is_read_inside_its_directory_only(
        tg: TelegramStandIn, tmp_path: Path) -> None:
    server_dir = tmp_path / "telegram-bot-api"
    (server_dir / TOKEN / "videos").mkdir(parents=True)
    inside = server_dir / TOKEN / "videos" / "file_7.mp4"
    inside.write_bytes(b"video bytes")
    message = tg.user_sends_file(1001, "video", b"video bytes", mime_type="video/mp4")
    stored = tg.world().files[message["video"]["file_id"]]
    access = FileAccess(local_dir=server_dir)
    async with Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url) as bot:
        source = TelegramFiles(bot, TelegramConfig(TOKEN, tg.base_url), access)
        stored.path = str(inside)  # what a --local server answers: a path on its disk
        read = await source.fetch(MediaFile("telegram", stored.file_id), tmp_path / "job")
        stored.path = str(server_dir / TOKEN / ".." / ".." / "outside.mp4")
        (tmp_path / "outside.mp4").write_bytes(b"not the server's")
        with pytest.raises(MediaUnavailable):
            await source.fetch(MediaFile("telegram", stored.file_id), tmp_path / "job")
    assert read == inside and inside.read_bytes() == b"video bytes"  # read in place, kept
    assert tg.file_downloads(message["video"]["file_unique_id"]) == 0


async def test_on_telegrams_own_api_a_big_file_is_refused_before_any_request(
        tmp_path: Path) -> None:
    # api.telegram.org is never reached: the network guard of conftest would fail the test.
    bot = Bot(TOKEN)
    source = TelegramFiles(bot, TelegramConfig(TOKEN), FileAccess())
    assert source.limit == 20 * MIB
    with pytest.raises(MediaTooLarge) as caught:
        await source.fetch(MediaFile("telegram", "id", FileKind.VIDEO, 25 * MIB), tmp_path)
    assert caught.value.user_message == files.TOO_BIG_TELEGRAM


async def test_on_telegrams_own_api_a_lower_media_limit_is_the_one_named(tmp_path: Path) -> None:
    source = TelegramFiles(Bot(TOKEN), TelegramConfig(TOKEN), FileAccess(max_bytes=10 * MIB))
    assert source.limit == 10 * MIB
    with pytest.raises(MediaTooLarge) as caught:
        await source.fetch(MediaFile("telegram", "id", FileKind.VIDEO, 15 * MIB), tmp_path)
    assert caught.value.user_message == files.too_big(10 * MIB)
    assert "10 MB" in caught.value.user_message and "20 MB" not in caught.value.user_message


@pytest.mark.parametrize("url", [
    "https://example.com/attachments/1/2/a.mp4",
    "http://cdn.discordapp.com/attachments/1/2/a.mp4",
    "https://cdn.discordapp.com/avatars/1/2.png",
    "https://cdn.discordapp.com.evil.test/attachments/1/2/a.mp4",
    "https://cdn.discordapp.com/attachments/../../outside",  # the one seen
    "https://cdn.discordapp.com/attachments/1/2/../../../outside",
    "https://cdn.discordapp.com/attachments/%2e%2e/%2E%2E/outside",
    "https://cdn.discordapp.com/attachments/1/2/..%2f..%2f..%2foutside",
    "https://cdn.discordapp.com/attachments/1/2/..\\..\\..\\outside",
    "https://cdn.discordapp.com/attachments/1/2/..%5c..%5c..%5coutside",
    "https://cdn.discordapp.com/attachments/1/2/%252e%252e/outside",
    "https://cdn.discordapp.com/attachments/",
])
async def test_discord_attachments_are_read_from_the_configured_cdn_only(url: str) -> None:
    source = DiscordFiles("https://cdn.discordapp.com", 50 * MIB)
    with pytest.raises(LinkError):
        source.on_cdn(url)
    assert source.on_cdn("https://cdn.discordapp.com/attachments/1/2/a.mp4?ex=1&hm=2")
