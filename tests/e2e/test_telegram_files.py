"""Files sent to the bot on Telegram: real PTB, the Telegram stand-in's getFile and downloads,
real ffmpeg and shazamio against the Shazam stand-in."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.storage import Database, SqlStore
from adapters.telegram import MessagePacing, TelegramConfig, TelegramFront
from core import files, texts
from core.connecting import Connecting
from core.models import AudioClip, UserKey
from core.ports import Stage
from sandbox.media.encoder import ClipCache
from sandbox.shazam import ShazamStandIn
from sandbox.telegram import FloodLimits, TelegramStandIn, TranscriptEntry
from tests.fakes import FakeConnector
from tests.file_helpers import ADDED, NOTHING, Pipeline, leftovers, media_file, pipeline
from tests.worlds import REEL

RECEIVED = texts.say("received")

pytestmark = pytest.mark.asyncio(loop_scope="module")

TOKEN = "123456:TEST-TOKEN"
ALICE_ID, GROUP_ID = 1001, -100777
FRIENDS = range(1010, 1016)
ALICE = UserKey("telegram", str(ALICE_ID))
MIB = 1024 * 1024
STAGES = [RECEIVED, *(texts.stage_text(s) for s in
                      (Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING, Stage.ADDING))]


@dataclass
class Bot:
    tg: TelegramStandIn
    store: SqlStore
    pipe: Pipeline
    jobs: Path

    async def settled(self, chat_id: int, message_id: int) -> TranscriptEntry:
        """The status message answering `message_id`, once it shows an outcome."""
        def status() -> TranscriptEntry | None:
            return next((e for e in self.tg.transcript(chat_id) if e.from_bot
                         and e.reply_to == message_id and e.history[0] == RECEIVED
                         and not (e.text or "").endswith("…")), None)

        await self.tg.wait_for(status, timeout=30)
        found = status()
        assert found is not None
        return found

    def replies(self, chat_id: int, message_id: int) -> list[TranscriptEntry]:
        return [e for e in self.tg.transcript(chat_id) if e.from_bot and e.reply_to == message_id]


@pytest_asyncio.fixture(loop_scope="module")
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              shazam: ShazamStandIn) -> AsyncIterator[Bot]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(jobs))
    async with TelegramStandIn(TOKEN, flood=FloodLimits(enabled=False)) as tg:
        tg.add_user(ALICE_ID, "Alice", "alice")
        for friend in FRIENDS:
            tg.add_user(friend, f"Friend {friend}")
        tg.add_group(GROUP_ID, "Friends")
        database = await Database.open(str(tmp_path / "stash.db"))
        store = SqlStore(database)
        pipe = pipeline(store, shazam)
        pipe.playlists.connected.add(ALICE)
        config = TelegramConfig(TOKEN, tg.base_url, poll_timeout=1, pacing=MessagePacing(0.0, 0.0))
        front = TelegramFront(pipe.stash, Connecting(FakeConnector(), store), config, pipe.files)
        try:
            async with front:
                yield Bot(tg, store, pipe, jobs)
        finally:
            await pipe.recognizer.close()
            await database.close()


KINDS = [  # kind, format, declared type, file name, what history says
    ("video", "mp4", "video/mp4", None, "a video you sent"),
    ("video_note", "mp4", None, None, "a video message you sent"),
    ("audio", "mp3", "audio/mpeg", "song.mp3", "an audio file you sent"),
    ("voice", "ogg", "audio/ogg", None, "a voice message you sent"),
    ("document", "mp4", "video/mp4", "screen-recording.mp4", "a file you sent"),
]


@pytest.mark.parametrize(("kind", "fmt", "mime", "name", "kept_as"), KINDS,
                         ids=[k[0] for k in KINDS])
async def test_each_kind_of_file_is_stashed_like_a_link(
        bot: Bot, clips: ClipCache, kind: str, fmt: str, mime: str | None, name: str | None,
        kept_as: str) -> None:
    data = await media_file(clips, "40000001", fmt)
    sent = bot.tg.user_sends_file(ALICE_ID, kind, data, mime_type=mime, file_name=name,
                                  duration=20)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == ADDED
    # One status message, its stages in order (the pacing may skip one, never reorder).
    shown = list(status.history[:-1])
    assert shown == [s for s in STAGES if s in shown] and shown[0] == RECEIVED
    assert len(bot.replies(ALICE_ID, sent["message_id"])) == 1
    [entry] = await bot.store.history(ALICE, 10)
    assert (entry.url, entry.outcome, entry.title) == (kept_as, "added", "Midnight Drive")
    assert TOKEN not in repr(await bot.store.history(ALICE, 10))
    assert leftovers(bot.jobs) == []


async def test_a_file_with_no_song_says_so(bot: Bot, clips: ClipCache) -> None:
    data = await media_file(clips, "speech", "ogg")
    sent = bot.tg.user_sends_file(ALICE_ID, "voice", data, mime_type="audio/ogg", duration=20)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == NOTHING
    assert await bot.store.history(ALICE, 10) == []
    assert leftovers(bot.jobs) == []


async def test_a_file_over_20_mb_is_refused_with_the_way_to_share_it(bot: Bot) -> None:
    big = bytes(21 * MIB)
    sent = bot.tg.user_sends_file(ALICE_ID, "document", big, mime_type="video/mp4",
                                  file_name="long.mp4")
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == files.TOO_BIG_TELEGRAM
    assert "link" in status.text and "20 MB" in status.text
    assert bot.tg.file_downloads(sent["document"]["file_unique_id"]) == 0
    assert leftovers(bot.jobs) == []


async def test_a_corrupt_file_is_answered_plainly(bot: Bot) -> None:
    junk = os.urandom(200_000)
    sent = bot.tg.user_sends_file(ALICE_ID, "video", junk, mime_type="video/mp4", duration=12)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text.startswith("I couldn't read that file")
    assert leftovers(bot.jobs) == []


async def test_a_file_forwarded_by_many_at_once_is_downloaded_and_heard_once(
        bot: Bot, clips: ClipCache, shazam: ShazamStandIn) -> None:
    data = await media_file(clips, "40000001", "mp4")
    original = bot.tg.user_sends_file(ALICE_ID, "video", data, mime_type="video/mp4",
                                      duration=20, chat_id=GROUP_ID, caption="@stash_test_bot")
    heard_before = shazam.request_count
    forwards = [bot.tg.user_forwards(friend, original) for friend in FRIENDS]
    statuses = await asyncio.gather(*(bot.settled(f["chat"]["id"], f["message_id"])
                                      for f in forwards))
    assert all(s.text.startswith("Found it: Midnight Drive — Luna Vale") for s in statuses)
    assert bot.tg.file_downloads(original["video"]["file_unique_id"]) == 1
    assert shazam.request_count - heard_before == 1


async def test_stash_in_reply_to_a_video_in_a_group(bot: Bot, clips: ClipCache) -> None:
    data = await media_file(clips, "40000001", "mp4")
    video = bot.tg.user_sends_file(FRIENDS[0], "video", data, mime_type="video/mp4",
                                   duration=20, chat_id=GROUP_ID)
    assert bot.replies(GROUP_ID, video["message_id"]) == []  # privacy mode: not seen
    command = bot.tg.user_sends(ALICE_ID, "/stash", chat_id=GROUP_ID,
                                reply_to=video["message_id"])
    status = await bot.settled(GROUP_ID, command["message_id"])
    assert status.text == ADDED
    [entry] = await bot.store.history(ALICE, 10)
    assert entry.url == "a video shared in the chat"  # a friend's video, not one Alice sent


async def test_a_video_whose_caption_holds_a_link_shares_the_link(
        bot: Bot, clips: ClipCache) -> None:
    bot.pipe.links.clips[REEL.canonical_url] = [
        AudioClip(await media_file(clips, "40000001", "mp4"), "mp4", final_window=True)]
    talk = await media_file(clips, "speech", "mp4")  # what the video itself says: no song
    sent = bot.tg.user_sends_file(ALICE_ID, "video", talk, mime_type="video/mp4", duration=20,
                                  caption=f"the song is in here: {REEL.original}")
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == ADDED
    assert len(bot.replies(ALICE_ID, sent["message_id"])) == 1
    assert bot.tg.file_downloads(sent["video"]["file_unique_id"]) == 0
    [entry] = await bot.store.history(ALICE, 10)
    assert entry.url == REEL.canonical_url


async def test_stash_in_reply_to_a_video_with_a_link_in_its_caption_shares_the_link(
        bot: Bot, clips: ClipCache) -> None:
    bot.pipe.links.clips[REEL.canonical_url] = [
        AudioClip(await media_file(clips, "40000001", "mp4"), "mp4", final_window=True)]
    video = bot.tg.user_sends_file(FRIENDS[0], "video", await media_file(clips, "speech", "mp4"),
                                   mime_type="video/mp4", duration=20, chat_id=GROUP_ID,
                                   caption=f"from {REEL.original}")
    command = bot.tg.user_sends(ALICE_ID, "/stash", chat_id=GROUP_ID,
                                reply_to=video["message_id"])
    status = await bot.settled(GROUP_ID, command["message_id"])
    assert status.text == ADDED
    assert bot.tg.file_downloads(video["video"]["file_unique_id"]) == 0


async def test_a_gif_is_not_taken_for_a_song(bot: Bot, clips: ClipCache) -> None:
    gif = bot.tg.user_sends_file(ALICE_ID, "animation", await media_file(clips, "40000001", "mp4"),
                                 mime_type="video/mp4", file_name="funny.mp4", duration=3)
    bot.tg.user_sends(ALICE_ID, "/history")  # a later update: once answered, the GIF was seen
    await bot.tg.wait_for(lambda: any(e.from_bot and e.text == "Nothing stashed yet."
                                      for e in bot.tg.transcript(ALICE_ID)), timeout=10)
    assert bot.replies(ALICE_ID, gif["message_id"]) == []
    assert bot.tg.file_downloads(gif["animation"]["file_unique_id"]) == 0
