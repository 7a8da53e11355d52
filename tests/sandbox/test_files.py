"""Files on the stand-ins, through the real client libraries: Telegram's getFile and downloads
(python-telegram-bot), Discord's attachments and CDN (discord.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
import yarl
from discord.gateway import DiscordWebSocket
from discord.http import Route
from telegram import Bot, Update
from telegram.error import BadRequest

from sandbox.discord import DiscordStandIn
from sandbox.discord.attachments import GONE, Upload
from sandbox.telegram import TelegramStandIn
from tests.sandbox.worlds import collect_messages, make_client, next_from, running

TOKEN = "123456:TEST-TOKEN"
MIB = 1024 * 1024


@pytest.fixture
async def tg() -> AsyncIterator[TelegramStandIn]:
    async with TelegramStandIn(TOKEN) as stand_in:
        stand_in.add_user(1001, "Alice")
        stand_in.add_user(1002, "Bob")
        yield stand_in


def bot_of(tg: TelegramStandIn) -> Bot:
    return Bot(TOKEN, base_url=tg.base_url, base_file_url=tg.base_file_url)


async def test_each_kind_of_file_arrives_as_ptb_reads_it(tg: TelegramStandIn) -> None:
    sent = {kind: tg.user_sends_file(1001, kind, b"x" * 10, mime_type=mime, duration=7,
                                     file_name=name)
            for kind, mime, name in (("video", "video/mp4", None), ("video_note", None, None),
                                     ("audio", "audio/mpeg", "a.mp3"),
                                     ("voice", "audio/ogg", None),
                                     ("document", "video/mp4", "clip.mp4"))}
    async with bot_of(tg) as bot:
        messages = {kind: Update.de_json({"update_id": 1, "message": data}, bot).message
                    for kind, data in sent.items()}
    video, note = messages["video"].video, messages["video_note"].video_note
    assert video is not None and (video.mime_type, video.file_size) == ("video/mp4", 10)
    assert note is not None and note.length == 384
    assert messages["voice"].voice is not None and messages["voice"].voice.mime_type == "audio/ogg"
    document = messages["document"].document
    assert document is not None and document.file_name == "clip.mp4"
    ids = {m.effective_attachment.file_unique_id for m in messages.values()}  # type: ignore[union-attr]
    assert len(ids) == 5  # every upload is a new file


async def test_get_file_then_download_through_ptb(tg: TelegramStandIn) -> None:
    sent = tg.user_sends_file(1001, "voice", b"OggS-voice", mime_type="audio/ogg", duration=3)
    async with bot_of(tg) as bot:
        found = await bot.get_file(sent["voice"]["file_id"])
        data = await found.download_as_bytearray()
    unique = sent["voice"]["file_unique_id"]
    assert found.file_path == f"{tg.base_file_url}{TOKEN}/voice/file_{unique[4:]}.oga"
    assert (bytes(data), found.file_size) == (b"OggS-voice", 10)
    assert tg.file_downloads(sent["voice"]["file_unique_id"]) == 1


async def test_a_forwarded_file_is_the_same_file(tg: TelegramStandIn) -> None:
    sent = tg.user_sends_file(1001, "video", b"same bytes", mime_type="video/mp4")
    forwarded = tg.user_forwards(1002, sent)
    again = tg.user_sends_file(1002, "video", b"same bytes", mime_type="video/mp4")
    assert forwarded["video"] == sent["video"] and forwarded["forward_origin"]["type"] == "user"
    assert again["video"]["file_unique_id"] != sent["video"]["file_unique_id"]


async def test_files_over_20_mb_and_unknown_ids_are_refused_as_telegram_words_it(
        tg: TelegramStandIn) -> None:
    big = tg.user_sends_file(1001, "document", bytes(20 * MIB + 1), mime_type="video/mp4")
    async with bot_of(tg) as bot:
        with pytest.raises(BadRequest, match="File is too big"):
            await bot.get_file(big["document"]["file_id"])
        with pytest.raises(BadRequest, match="Invalid file_id"):
            await bot.get_file("nope")
    async with aiohttp.ClientSession() as session, session.get(
            f"{tg.base_file_url}{TOKEN}/documents/never-named.mp4") as response:
        assert response.status == 404


@pytest.fixture
async def dc(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[DiscordStandIn]:
    async with DiscordStandIn() as server:
        monkeypatch.setattr(Route, "BASE", server.base_url)
        monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(server.gateway_url))
        yield server


async def test_attachments_arrive_as_discord_py_reads_them(dc: DiscordStandIn) -> None:
    client = make_client()
    queue = collect_messages(client)
    async with running(client):
        await dc.send_message(dc.alice_id, "", files=[
            Upload("clip.mp4", b"video", "video/mp4"),
            Upload("voice-message.ogg", b"voice", "audio/ogg", voice=True, duration_secs=4.5)])
        message = await next_from(queue, dc.alice_id)
        video, voice = message.attachments
        assert (video.filename, video.size, video.content_type) == ("clip.mp4", 5, "video/mp4")
        assert video.url.startswith(dc.cdn_base_url + "/attachments/")
        assert not video.is_voice_message() and voice.is_voice_message()
        assert voice.duration == 4.5 and message.flags.voice
        assert await video.read() == b"video"  # discord.py's own CDN download
    assert dc.cdn.downloads(video.id) == 1


async def test_the_cdn_serves_signed_urls_only(dc: DiscordStandIn) -> None:
    posted = await dc.send_message(dc.alice_id, "", files=[Upload("a.mp3", b"abc", "audio/mpeg")])
    url = yarl.URL(posted["attachments"][0]["url"])
    async with aiohttp.ClientSession() as session:
        async with session.get(url) as good:
            assert (good.status, await good.read()) == (200, b"abc")
            assert good.content_type == "audio/mpeg"
        for bad in (url.with_query({}), url.update_query(hm="0" * 64),
                    url.with_name("other.mp3")):
            async with session.get(bad) as response:
                assert (response.status, await response.text()) == (404, GONE)
