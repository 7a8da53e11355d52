"""The Discord front with bad input, limits, forged buttons and a refused start."""

from __future__ import annotations

import logging
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from adapters.discord import DiscordConfig, DiscordFront, DiscordStartError
from adapters.discord.front import PORTAL_SWITCH
from core import texts
from core.errors import ChoiceExpired, TooManyShares
from core.models import AudioClip
from core.service import Policy
from sandbox.discord import FAKE_BOT_TOKEN
from sandbox.discord.actions import start_interaction
from sandbox.discord.events import message_created
from sandbox.discord.model import Interaction, snowflake
from tests.discord_helpers import Json, World, custom_ids, done, is_status, running_world
from tests.worlds import OTHER, REEL


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A running bot; nobody has linked Spotify."""
    async with running_world(tmp_path, monkeypatch, policy=Policy(links_per_minute=12)) as world:
        yield world


async def answer_in_dm(bot: World, text: str) -> str:
    """Bob writes `text` to the bot; its first answer."""
    sent = await bot.dc.send_dm(bot.dc.bob_id, text)
    dm = bot.dc.dm_channel_id(bot.dc.bob_id)
    await bot.dc.wait_for(lambda: bool(bot.replies(sent["id"], dm)))
    return str(bot.replies(sent["id"], dm)[0]["content"])


async def test_a_message_without_a_link_gets_the_welcome_in_a_dm(bot: World) -> None:
    assert await answer_in_dm(bot, "hello there") == texts.no_link()
    assert await answer_in_dm(bot, "x" * 2000) == texts.no_link()


async def test_channel_chatter_is_ignored_unless_the_bot_is_mentioned(bot: World) -> None:
    chatter = await bot.dc.send_message(bot.dc.alice_id, "what a day")
    asked = await bot.dc.send_message(bot.dc.alice_id, f"<@{bot.dc.bot_id}> hi")
    await bot.dc.wait_for(lambda: bool(bot.replies(asked["id"])))
    assert [m["content"] for m in bot.replies(asked["id"])] == [texts.no_link()]
    assert bot.replies(chatter["id"]) == []


async def test_links_that_are_not_videos_are_refused_with_reasons(bot: World) -> None:
    assert await answer_in_dm(bot, "https://example.com/some/page") == \
        texts.say("refusal.unsupported")
    assert await answer_in_dm(bot, "https://www.instagram.com/luna.vale/") == \
        texts.say("refusal.profile")
    assert bot.fetcher.fetched == []


async def test_a_long_message_with_a_link_inside_is_stashed(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, "words " * 300 + REEL.original)
    (status,) = await bot.settled(shared["id"])
    assert status["content"] == "Found it ✓ " + texts.say("link.help")


async def test_thirty_links_get_ten_status_messages_and_a_note(bot: World) -> None:
    links = [f"https://youtu.be/{n:011d}" for n in range(30)]
    for link in links:
        bot.fetcher.clips[f"https://www.youtube.com/watch?v={link[-11:]}"] = [
            AudioClip(b"silence", "m4a", final_window=True)]
    shared = await bot.dc.send_message(bot.dc.alice_id, " ".join(links))
    await bot.dc.wait_for(lambda: len([m for m in bot.replies(shared["id"])
                                       if is_status(m) and done(m)]) == 10)
    replies = bot.replies(shared["id"])
    notes = [m["content"] for m in replies if not is_status(m)]
    assert notes == [texts.skipped_text(20)]
    statuses = sorted(m["content"] for m in replies if is_status(m))
    assert [s.split("]")[0] for s in statuses] == sorted(f"[{n}/10" for n in range(1, 11))
    assert all(s.endswith("couldn't recognize a song in that clip.") for s in statuses)
    assert len(bot.fetcher.fetched) == 10


async def test_sharing_beyond_the_limit_is_answered_politely(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, policy=Policy(links_per_minute=1)) as bot:
        shared = await bot.dc.send_message(bot.dc.alice_id,
                                           f"{REEL.original} https://youtu.be/dQw4w9WgXcQ")
        await bot.settled(shared["id"])
        notes = [m["content"] for m in bot.replies(shared["id"]) if not is_status(m)]
    assert notes == [TooManyShares.user_message]
    assert len(bot.fetcher.fetched) == 1


async def test_a_link_held_back_by_the_limit_is_not_called_no_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, policy=Policy(links_per_minute=1)) as bot:
        first = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
        await bot.settled(first["id"])
        held = await bot.dc.send_message(bot.dc.alice_id, "https://youtu.be/dQw4w9WgXcQ")
        await bot.dc.wait_for(lambda: bool(bot.replies(held["id"])))
        assert [m["content"] for m in bot.replies(held["id"])] == [TooManyShares.user_message]
        assert len(bot.fetcher.fetched) == 1


async def test_a_message_delivered_twice_is_handled_once(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
    await bot.settled(shared["id"])
    await message_created(bot.dc.world, bot.dc.world.messages[shared["id"]])  # again
    later = await bot.dc.send_message(bot.dc.alice_id, f"<@{bot.dc.bot_id}> hi")
    await bot.dc.wait_for(lambda: bool(bot.replies(later["id"])))
    assert len(bot.replies(shared["id"])) == 1
    assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]


async def test_discord_rate_limits_are_waited_out(bot: World) -> None:
    bot.dc.rate_limit_next(4, retry_after=0.01)
    shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
    (status,) = await bot.settled(shared["id"])
    assert status["content"] == "Found it ✓ " + texts.say("link.help")
    assert len(bot.dc.limits.limited) == 4


async def forge_press(bot: World, message: Json, custom_id: str) -> int:
    """A press of a button no message carries, as a tampering client could send it."""
    forged = Interaction(id=snowflake(), token=f"fake-{secrets.token_hex(8)}", type=3,
                         user_id=bot.dc.alice_id, channel_id=message["channel_id"],
                         guild_id=bot.dc.guild_id,
                         data={"custom_id": custom_id, "component_type": 2},
                         message_id=message["id"])
    await start_interaction(bot.dc.world, forged)
    return forged.id


async def test_forged_buttons_get_a_polite_ephemeral_answer(bot: World) -> None:
    asked = await bot.dc.send_message(bot.dc.alice_id, f"<@{bot.dc.bot_id}> hi")
    await bot.dc.wait_for(lambda: bool(bot.replies(asked["id"])))
    (reply,) = bot.replies(asked["id"])
    choice = await forge_press(bot, reply, "stash:c:AAAAAAAAAAAA:0")
    garbage = await forge_press(bot, reply, "x" * 100)
    for forged in (choice, garbage):
        answer = (await bot.dc.wait_for_response(forged))["response"]
        assert (answer["content"], answer["ephemeral"]) == (texts.say("unknown_button"), True)
    assert bot.message(reply["id"])["content"] == texts.no_link()  # the message was left alone


async def test_an_expired_choice_says_so_and_loses_its_buttons(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, policy=Policy(choice_ttl=0)) as bot:
        shared = await bot.dc.send_message(bot.dc.alice_id, OTHER.original)
        (question,) = await bot.settled(shared["id"])
        pressed = await bot.press(bot.dc.alice_id, question["id"], custom_ids(question)[0])
        await bot.dc.wait_for(lambda: bot.message(question["id"])["components"] == [])
        (expired,) = bot.dc.interaction(pressed["id"])["followups"]
    assert (expired["content"], expired["ephemeral"]) == (ChoiceExpired.user_message, True)
    assert bot.message(question["id"])["content"] == question["content"]
    assert bot.playlists.added == []


async def test_a_rejected_token_stops_start_up_without_showing_it(bot: World) -> None:
    config = DiscordConfig("NOT-A-KNOWN-TOKEN", bot.dc.base_url, guild_ready_timeout=0.05)
    with pytest.raises(DiscordStartError) as caught:
        await DiscordFront(bot.stash, bot.connecting, config).start()
    assert str(caught.value) == "Discord rejected the bot token: check DISCORD_BOT_TOKEN"
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert "NOT-A-KNOWN-TOKEN" not in repr(config)


async def test_the_token_never_reaches_the_logs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_world(tmp_path, monkeypatch) as bot:
        shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
        await bot.settled(shared["id"])
        await bot.answered(await bot.dc.run_command(bot.dc.alice_id, "link"))
    assert "PATCH" in caplog.text and "/interactions/" in caplog.text  # requests were logged
    assert FAKE_BOT_TOKEN not in caplog.text


async def test_with_the_content_intent_off_in_the_portal_the_bot_runs_without_it(
        bot: World, caplog: pytest.LogCaptureFixture) -> None:
    assert bot.front is not None and bot.front.reads_channels
    await bot.front.stop()
    bot.dc.set_portal_intents(message_content=False)
    async with bot.new_front(sync_commands=False) as front:
        assert not front.reads_channels
        asked = await bot.dc.send_message(bot.dc.alice_id, f"<@{bot.dc.bot_id}> {REEL.original}")
        (status,) = await bot.settled(asked["id"])
    assert status["content"] == "Found it ✓ " + texts.say("link.help")
    assert PORTAL_SWITCH in caplog.text
    assert [i["intents"] & (1 << 15) for i in bot.dc.identifies] == [1 << 15, 0]
