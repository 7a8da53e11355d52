"""Attachments posted to the bot on Discord: real discord.py, the Discord stand-in's CDN,
real ffmpeg and shazamio against the Shazam stand-in."""

from __future__ import annotations

import asyncio
import os
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordConfig, DiscordFront, EditPacing
from adapters.discord.files import MENU
from adapters.storage import Database, SqlStore
from core import files, texts
from core.connecting import Connecting
from core.errors import MediaUnavailable
from core.models import UserKey
from sandbox.discord import FAKE_BOT_TOKEN, DiscordStandIn
from sandbox.discord.attachments import Upload
from sandbox.media.encoder import ClipCache
from sandbox.shazam import ShazamStandIn
from tests.fakes import FakeConnector
from tests.file_helpers import NOTHING, Pipeline, leftovers, media_file, pipeline
from tests.worlds import REEL

pytestmark = pytest.mark.asyncio(loop_scope="module")
Json = dict[str, Any]
MIB = 1024 * 1024
LIMIT = 2 * MIB  # MEDIA_MAX_BYTES of these tests, so that "too large" needs no huge file


@dataclass
class Bot:
    dc: DiscordStandIn
    store: SqlStore
    pipe: Pipeline
    jobs: Path

    def user(self, user_id: int) -> UserKey:
        return UserKey("discord", str(user_id))

    async def settled(self, message: Json) -> Json:
        """The one status message answering `message`, once it shows an outcome."""
        def statuses() -> list[Json]:
            return [m for m in self.dc.transcript(message["channel_id"])
                    if m["author"]["id"] == self.dc.bot_id and m["reply_to"] == message["id"]]

        await self.dc.wait_for(lambda: bool(statuses()) and all(
            not s["content"].endswith("…") for s in statuses()), 30)
        (status,) = statuses()
        return status


@pytest_asyncio.fixture(loop_scope="module")
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
              shazam: ShazamStandIn) -> AsyncIterator[Bot]:
    monkeypatch.setattr(Route, "BASE", Route.BASE)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", DiscordWebSocket.DEFAULT_GATEWAY)
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(jobs))
    async with DiscordStandIn() as dc:
        database = await Database.open(str(tmp_path / "stash.db"))
        store = SqlStore(database)
        pipe = pipeline(store, shazam)
        pipe.playlists.connected.add(UserKey("discord", str(dc.alice_id)))
        config = DiscordConfig(FAKE_BOT_TOKEN, dc.base_url, cdn_base_url=dc.cdn_base_url,
                               pacing=EditPacing(0.0), guild_ready_timeout=0.05)
        front = DiscordFront(pipe.stash, Connecting(FakeConnector(), store), config, pipe.files,
                             file_max_bytes=LIMIT)
        try:
            async with front:
                yield Bot(dc, store, pipe, jobs)
        finally:
            await pipe.recognizer.close()
            await database.close()


KINDS = [  # format, upload, what history says
    ("mp4", Upload("clip.mp4", b"", "video/mp4"), "a video you sent"),
    ("mp3", Upload("song.mp3", b"", "audio/mpeg"), "an audio file you sent"),
    ("ogg", Upload("voice-message.ogg", b"", "audio/ogg", voice=True, duration_secs=20.0),
     "a voice message you sent"),
]


@pytest.mark.parametrize(("fmt", "upload", "kept_as"), KINDS, ids=[k[0] for k in KINDS])
async def test_each_kind_of_attachment_is_stashed_like_a_link(
        bot: Bot, clips: ClipCache, fmt: str, upload: Upload, kept_as: str) -> None:
    data = await media_file(clips, "40000001", fmt, seconds=15)
    assert len(data) < LIMIT
    posted = await bot.dc.send_message(bot.dc.alice_id, "", files=[
        Upload(upload.filename, data, upload.content_type, upload.voice, upload.duration_secs)])
    status = await bot.settled(posted)
    assert status["content"] == "Added to Stash ✓"
    assert [e["title"] for e in status["embeds"]] == ["Midnight Drive"]
    assert status["edits"][0]["content"] == texts.say("received")
    [entry] = await bot.store.history(bot.user(bot.dc.alice_id), 10)
    assert (entry.url, entry.outcome) == (kept_as, "added")
    assert leftovers(bot.jobs) == []


async def test_an_attachment_with_no_song_says_so(bot: Bot, clips: ClipCache) -> None:
    data = await media_file(clips, "speech", "ogg", seconds=15)
    posted = await bot.dc.send_dm(bot.dc.bob_id, "", files=[
        Upload("voice-message.ogg", data, "audio/ogg", voice=True, duration_secs=15.0)])
    assert (await bot.settled(posted))["content"] == NOTHING
    assert leftovers(bot.jobs) == []


async def test_an_attachment_over_the_limit_is_refused_unread(bot: Bot) -> None:
    posted = await bot.dc.send_message(bot.dc.alice_id, "", files=[
        Upload("long.mp4", bytes(LIMIT + 1), "video/mp4")])
    status = await bot.settled(posted)
    assert status["content"] == files.too_big(LIMIT)
    assert "link" in status["content"]
    assert bot.dc.cdn.downloads(posted["attachments"][0]["id"]) == 0
    assert leftovers(bot.jobs) == []


async def test_a_corrupt_attachment_is_answered_plainly(bot: Bot) -> None:
    posted = await bot.dc.send_message(bot.dc.alice_id, "", files=[
        Upload("clip.mp4", os.urandom(100_000), "video/mp4")])
    status = await bot.settled(posted)
    assert status["content"].startswith("I couldn't read that file")
    assert leftovers(bot.jobs) == []


async def test_an_attachment_that_is_no_media_is_left_alone(bot: Bot) -> None:
    posted = await bot.dc.send_message(bot.dc.alice_id, "", files=[
        Upload("notes.pdf", b"%PDF-1.4", "application/pdf")])
    # A later message as the barrier: once it is answered, the PDF's event was handled.
    later = await bot.dc.send_dm(bot.dc.alice_id, "hello")
    await bot.dc.wait_for(lambda: any(m["reply_to"] == later["id"]
                                      for m in bot.dc.transcript(later["channel_id"])), 30)
    assert [m for m in bot.dc.transcript() if m["reply_to"] == posted["id"]] == []
    assert bot.dc.cdn.downloads(posted["attachments"][0]["id"]) == 0


async def test_the_same_video_posted_by_many_at_once_is_heard_once(
        bot: Bot, clips: ClipCache, shazam: ShazamStandIn) -> None:
    data = await media_file(clips, "40000001", "mp4", seconds=15)
    people = [bot.dc.alice_id, bot.dc.bob_id,
              *[await bot.dc.add_member(f"friend{n}") for n in range(4)]]
    heard_before = shazam.request_count
    posts = await asyncio.gather(*(bot.dc.send_message(person, "", files=[
        Upload(f"reel{n}.mp4", data, "video/mp4")]) for n, person in enumerate(people)))
    statuses = await asyncio.gather(*(bot.settled(p) for p in posts))
    assert statuses[0]["content"] == "Added to Stash ✓"
    assert all(s["embeds"][0]["title"] == "Midnight Drive" for s in statuses)
    assert shazam.request_count - heard_before == 1
    # Each copy is read once (its bytes are its identity); one of them was listened to.
    assert [bot.dc.cdn.downloads(p["attachments"][0]["id"]) for p in posts] == [1] * len(posts)
    assert leftovers(bot.jobs) == []


async def answered(bot: Bot, interaction_id: int) -> Json:
    """An interaction once its first answer shows an outcome (not a stage, not "thinking…")."""
    def shown() -> bool:
        original = bot.dc.interaction(interaction_id)["original"]
        return original is not None and not original["content"].endswith("…")

    await bot.dc.wait_for(shown, 30)
    return bot.dc.interaction(interaction_id)


async def test_stash_this_song_on_someone_elses_video(
        bot: Bot, clips: ClipCache, shazam: ShazamStandIn) -> None:
    data = await media_file(clips, "40000001", "mp4", seconds=15)
    heard_before = shazam.request_count
    posted = await bot.dc.send_message(bot.dc.bob_id, "", files=[
        Upload("clip.mp4", data, "video/mp4")])
    await bot.settled(posted)  # Bob's own share, as the bot reads the channel
    asked = await bot.dc.run_message_command(bot.dc.alice_id, MENU, posted["id"])
    original = (await answered(bot, asked))["original"]
    assert original["content"] == "Added to Stash ✓"
    assert [e["title"] for e in original["embeds"]] == ["Midnight Drive"]
    [entry] = await bot.store.history(bot.user(bot.dc.alice_id), 10)
    assert (entry.url, entry.outcome) == ("a video shared in the chat", "added")
    [bobs] = await bot.store.history(bot.user(bot.dc.bob_id), 10)
    assert bobs.url == "a video you sent"
    # Alice's share read the attachment again (its bytes are its identity) and found Bob's
    # identification cached: Shazam heard the video once.
    assert bot.dc.cdn.downloads(posted["attachments"][0]["id"]) == 2
    assert shazam.request_count - heard_before == 1


async def test_stash_this_song_on_a_message_with_nothing_to_hear(bot: Bot) -> None:
    posted = await bot.dc.send_message(bot.dc.bob_id, "just words")
    asked = await bot.dc.run_message_command(bot.dc.alice_id, MENU, posted["id"])
    response = (await bot.dc.wait_for_response(asked))["response"]
    nothing_here = texts.say("discord.nothing_here")
    assert (response["content"], response["ephemeral"]) == (nothing_here, True)


async def test_stash_this_song_on_a_message_with_a_link_shares_the_link_as_stash_does(
        bot: Bot) -> None:
    posted = await bot.dc.send_message(bot.dc.bob_id, f"listen {REEL.original}")
    asked = await bot.dc.run_message_command(bot.dc.alice_id, MENU, posted["id"])
    answer = await answered(bot, asked)
    assert answer["response"]["ephemeral"] is False  # as /stash: the share is the channel's
    original = answer["original"]
    assert original["edits"][0]["content"] == texts.say("received")
    assert original["content"] == MediaUnavailable.user_message  # the link was fetched


async def test_an_attachment_whose_address_leaves_the_cdn_folder_is_refused_unread(
        bot: Bot) -> None:
    """Issue 23: "/cdn/attachments/../../outside" passed the CDN check and was requested."""
    posted = await bot.dc.send_message(bot.dc.alice_id, "", files=[
        Upload("..%2f..%2f..%2f..%2fapi%2fv10%2fusers%2f@me", b"x" * 1000, "video/mp4")])
    status = await bot.settled(posted)
    assert status["content"] == "I only read attachments from Discord itself."
    assert bot.dc.cdn.downloads(posted["attachments"][0]["id"]) == 0
    assert leftovers(bot.jobs) == []
