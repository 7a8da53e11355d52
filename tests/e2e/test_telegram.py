"""The Telegram front end to end: people share links in private chats, as they would."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core import texts
from core.errors import MediaUnavailable
from core.models import AudioClip, Link, UserKey
from core.ports import Stage, StatusReporter
from tests.e2e.worlds import ADDED
from tests.telegram_helpers import ALICE_ID, BOB_ID, World, running_bot, until
from tests.worlds import OTHER, REEL

RECEIVED = texts.say("received")

ALICE = UserKey("telegram", str(ALICE_ID))
BOB = UserKey("telegram", str(BOB_ID))


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path) as world:
        world.playlists.connected.add(ALICE)
        yield world


async def test_a_private_share_goes_through_every_stage_to_added(bot: World) -> None:
    tg, shown = bot.tg, []

    async def showing(stage: Stage) -> None:
        # Each fake waits until the stage before it is on screen, so no stage is coalesced.
        text = texts.stage_text(stage)
        await tg.wait_for(lambda: any(e.text == text for e in bot.bot_messages(ALICE_ID)))
        shown.append(text)

    fetch, recognize, search, add = (bot.fetcher.fetch, bot.recognizer.recognize,
                                     bot.catalog.search, bot.playlists.add)

    async def fetch_shown(link: Link, window: int = 0) -> AudioClip:
        await showing(Stage.DOWNLOADING)
        return await fetch(link, window)

    async def recognize_shown(clip: AudioClip, progress: StatusReporter | None = None) -> object:
        heard = await recognize(clip, progress)  # the recognizer tells when it listens
        await showing(Stage.LISTENING)
        return heard

    async def search_shown(query: str, limit: int = 10) -> object:
        await showing(Stage.SEARCHING)
        return await search(query, limit)

    async def add_shown(user: UserKey, track: object) -> object:
        await showing(Stage.ADDING)
        return await add(user, track)  # type: ignore[arg-type]

    bot.fetcher.fetch = fetch_shown  # type: ignore[method-assign]
    bot.recognizer.recognize = recognize_shown  # type: ignore[method-assign,assignment]
    bot.catalog.search = search_shown  # type: ignore[method-assign,assignment]
    bot.playlists.add = add_shown  # type: ignore[method-assign,assignment]
    sent = tg.user_sends(ALICE_ID, f"listen to this {REEL.original}")
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.history == (RECEIVED, "Downloading audio…", "Listening…",
                              "Finding it on Spotify…", "Adding to your playlist…", ADDED)
    assert [c["command"] for c in next(iter(tg.world().commands.values()))][:2] == [
        "stash", "history"]
    [entry] = await bot.store.history(ALICE, 10)
    assert (entry.outcome, entry.track_url) == ("added", "https://open.spotify.com/track/orig")


async def test_not_linked_shows_the_match_and_how_to_link(bot: World) -> None:
    bot.playlists.connected.clear()
    sent = bot.tg.user_sends(ALICE_ID, REEL.original)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == ("Found it: Midnight Drive — Luna Vale (Night Roads)\n"
                           "https://open.spotify.com/track/orig\n" + texts.say("link.help"))


async def test_a_song_not_recognized_is_said_plainly(bot: World) -> None:
    bot.fetcher.clips[REEL.canonical_url] = [AudioClip(b"noise", "m4a", final_window=True)]
    sent = bot.tg.user_sends(ALICE_ID, REEL.original)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == "I listened, but couldn't recognize a song in that clip."


async def test_a_private_reel_cannot_be_opened(bot: World) -> None:
    bot.fetcher.clips[REEL.canonical_url] = [MediaUnavailable()]
    sent = bot.tg.user_sends(ALICE_ID, REEL.original)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == MediaUnavailable.user_message


async def test_two_people_sharing_one_link_at_once_cause_one_download(bot: World) -> None:
    bot.tg.set_started(BOB_ID)
    bot.playlists.connected.add(BOB)
    bot.fetcher.held.add(REEL.canonical_url)
    first = bot.tg.user_sends(ALICE_ID, REEL.original)
    await bot.tg.wait_for(lambda: bot.fetcher.waiting == 1)
    second = bot.tg.user_sends(BOB_ID, REEL.original)
    # Bob joins the download under way: his status shows its stage before it ends.
    await bot.reply_to(BOB_ID, second["message_id"], lambda t: t == "Downloading audio…")
    bot.fetcher.gate.set()
    assert (await bot.settled(ALICE_ID, first["message_id"])).text == ADDED
    assert (await bot.settled(BOB_ID, second["message_id"])).text == ADDED
    assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]


async def test_a_slow_identification_does_not_hold_up_anyone_else(bot: World) -> None:
    bot.tg.set_started(BOB_ID)
    bot.fetcher.held.add(REEL.canonical_url)
    slow = bot.tg.user_sends(ALICE_ID, REEL.original)
    await bot.tg.wait_for(lambda: bot.fetcher.waiting == 1)
    quick = bot.tg.user_sends(BOB_ID, OTHER.original)
    assert "Which one is it?" in ((await bot.settled(BOB_ID, quick["message_id"])).text or "")
    assert bot.bot_messages(ALICE_ID)[-1].text == "Downloading audio…"
    bot.fetcher.gate.set()
    assert (await bot.settled(ALICE_ID, slow["message_id"])).text == ADDED


async def test_flood_control_on_an_edit_is_waited_out(bot: World) -> None:
    bot.tg.force_retry_after(2, retry_after=7)
    sent = bot.tg.user_sends(ALICE_ID, REEL.original)
    status = await bot.settled(ALICE_ID, sent["message_id"])
    assert status.text == ADDED
    assert bot.sleeps.asked == [7.0, 7.0]  # each 429 waited out in full, then the edit again


async def test_an_update_delivered_twice_is_handled_once(
        bot: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="core.service")
    sent = bot.tg.user_sends(ALICE_ID, REEL.original)
    await bot.settled(ALICE_ID, sent["message_id"])
    world = bot.tg.world()
    bot.tg.replay(bot.update_id_of("message", "message_id", sent["message_id"]))
    await bot.tg.wait_for(lambda: not world.pending)
    await until(lambda: "telegram message delivered again was not handled twice" in caplog.text)
    assert len(bot.bot_messages(ALICE_ID)) == 1
    assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]
    assert len(await bot.store.history(ALICE, 10)) == 1

