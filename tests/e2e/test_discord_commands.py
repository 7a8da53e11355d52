"""The Discord slash commands and their buttons: personal answers are ephemeral."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from core import texts
from core.accounts import PlaylistInfo
from core.connecting import REVOKE_HINT
from tests.discord_helpers import Json, World, custom_ids, running_world
from tests.fakes import FakeHosted
from tests.worlds import REEL


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A running bot; alice has linked Spotify."""
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.connected.add(world.user(world.dc.alice_id))
        yield world


async def ask(bot: World, name: str, options: dict[str, object] | None = None, *,
              user_id: int | None = None, dm: bool = False) -> Json:
    """Run a command; its first answer, once filled in."""
    asked = await bot.dc.run_command(user_id or bot.dc.alice_id, name, options, dm=dm)
    original: Json = (await bot.answered(asked))["original"]
    return original


async def test_the_commands_are_registered(bot: World) -> None:
    names = sorted(c["name"] for c in bot.dc.commands())
    assert names == ["forget", "groupplaylist", "help", "history", "language", "link", "playlist",
                     "stash", "unlink"]
    stash = next(c for c in bot.dc.commands() if c["name"] == "stash")
    assert [(o["name"], o["required"]) for o in stash["options"]] == [("link", True)]


async def test_manage_server_turns_the_group_playlist_on_others_are_refused_privately(
        bot: World) -> None:
    refused = await ask(bot, "groupplaylist", {"state": "on"}, user_id=bot.dc.bob_id)
    assert (refused["content"], refused["ephemeral"]) == (texts.say("group.admins_only"), True)
    group = f"discord:{bot.dc.guild_id}"
    assert bot.groups.on == set()
    bot.dc.grant_manage_server(bot.dc.alice_id)
    turned = await ask(bot, "groupplaylist", {"state": "on"})
    assert (turned["content"], turned["ephemeral"]) == (texts.say("group.on"), False)
    for person in (bot.dc.alice_id, bot.dc.bob_id):  # two people share one reel in the server
        shared = await bot.dc.send_message(person, REEL.original)
        await bot.settled(shared["id"])
    assert bot.groups.songs == {group: ["spotify:track:orig"]}
    shown = await ask(bot, "groupplaylist", user_id=bot.dc.bob_id)
    assert shown["ephemeral"] and "This chat's group playlist is on" in shown["content"]
    dm = await ask(bot, "groupplaylist", {"state": "off"}, dm=True)
    assert dm["ephemeral"] and bot.groups.on == {group}  # only in a server


async def test_link_answers_only_the_asker_and_a_pasted_address_links(bot: World) -> None:
    answer = await ask(bot, "link", user_id=bot.dc.bob_id)
    url = "https://accounts.test/authorize?state=state0"
    assert answer["ephemeral"] is True
    in_dm = texts.say("discord.paste_in_dm")
    assert answer["content"] == texts.say("link.start", url=url) + "\n" + in_dm
    pasted = await bot.dc.send_dm(bot.dc.bob_id, "https://stash.test/cb?code=good-code&state=state0")
    dm = bot.dc.dm_channel_id(bot.dc.bob_id)
    await bot.dc.wait_for(lambda: bool(bot.replies(pasted["id"], dm)))
    (reply,) = bot.replies(pasted["id"], dm)
    assert reply["content"] == texts.linked_text(f"Name of {bot.dc.bob_id}")
    assert [m for m in bot.bot_messages() if not m["ephemeral"]] == []  # nothing public


async def test_linking_offers_the_kept_songs_and_its_button_copies_them(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    hosted = FakeHosted()
    async with running_world(tmp_path, monkeypatch, hosted=hosted) as bot:
        bob, dm = bot.user(bot.dc.bob_id), bot.dc.dm_channel_id(bot.dc.bob_id)
        hosted.songs[bob] = ["spotify:track:a", "spotify:track:b"]
        await ask(bot, "link", user_id=bot.dc.bob_id)
        await bot.dc.send_dm(bot.dc.bob_id, "https://stash.test/cb?code=good-code&state=state0")
        await bot.dc.wait_for(lambda: any(custom_ids(m) for m in bot.bot_messages(dm)))
        (offer,) = [m for m in bot.bot_messages(dm) if custom_ids(m)]
        assert offer["content"] == texts.say_n("hosted.copy_offer", 2, name="Songs from Stash")
        assert custom_ids(offer) == ["stash:hc:yes", "stash:hc:no"]
        await bot.press(bot.dc.bob_id, offer["id"], "stash:hc:yes")
        answered = await bot.changed(offer)
    assert (answered["content"], answered["components"]) == (texts.copied_text(2, 0), [])
    assert hosted.copied[bob] == ["spotify:track:a", "spotify:track:b"]


async def test_history_is_ephemeral_and_paged_with_buttons(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, history_page=1) as bot:
        assert (await ask(bot, "history"))["content"] == "Nothing stashed yet."
        bot.playlists.connected.add(bot.user(bot.dc.alice_id))
        for _ in range(2):
            shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
            await bot.settled(shared["id"])
        first = await ask(bot, "history")
        assert first["ephemeral"] is True
        assert first["content"].startswith("Your stash, page 1:\n")
        assert first["content"].endswith("(already in your playlist) https://open.spotify.com/track/orig")
        assert custom_ids(first) == ["stash:h:1"]
        await bot.press(bot.dc.alice_id, first["id"], "stash:h:1")
        second = bot.message(first["id"])
        assert second["content"].startswith("Your stash, page 2:\n")
        assert second["content"].endswith("(added to your playlist) https://open.spotify.com/track/orig")
        assert custom_ids(second) == ["stash:h:0"]
        assert (await ask(bot, "history", user_id=bot.dc.bob_id))["content"] == \
            "Nothing stashed yet."


async def test_forget_asks_first_and_then_deletes_everything(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
    await bot.settled(shared["id"])
    kept = await ask(bot, "forget")
    assert (kept["content"], kept["ephemeral"]) == (texts.say("forget.confirm"), True)
    await bot.press(bot.dc.alice_id, kept["id"], "stash:f:no")
    answered = bot.message(kept["id"])
    assert (answered["content"], answered["components"]) == (texts.say("forget.kept"), [])
    question = await ask(bot, "forget")
    marks = "SELECT COUNT(*) FROM inbox WHERE platform = 'discord' AND sender = ?"
    alice = str(bot.dc.alice_id)
    assert (await bot.store.database.fetchall(marks, (alice,)))[0][0] > 0
    await bot.press(bot.dc.alice_id, question["id"], "stash:f:yes")
    assert bot.message(question["id"])["content"] == texts.forgotten_text(1, REVOKE_HINT)
    assert await bot.store.history(bot.user(bot.dc.alice_id), 10) == []
    # The marks of every message, command and press of hers went too (issue 23).
    assert (await bot.store.database.fetchall(marks, (alice,)))[0][0] == 0


async def test_unlink_and_playlists_answer_privately(bot: World) -> None:
    alice = bot.user(bot.dc.alice_id)
    assert (await ask(bot, "unlink"))["content"] == texts.not_linked()
    assert (await ask(bot, "playlist"))["content"] == \
        "Link your Spotify account with /link and I'll add songs to your playlist."
    bot.connector.connected[alice] = "Alice"
    bot.connector.lists[alice] = [PlaylistInfo("pl1", "Road trip"), PlaylistInfo("pl2", "Calm")]
    listed = await ask(bot, "playlist")
    head = texts.say("discord.playlists_head")
    assert (listed["content"], listed["ephemeral"]) == (head, True)
    assert custom_ids(listed) == ["stash:p:pl1", "stash:p:pl2"]
    await bot.press(bot.dc.alice_id, listed["id"], "stash:p:pl2")
    await bot.dc.wait_for(lambda: bot.message(listed["id"])["content"] != head)
    assert bot.message(listed["id"])["content"] == texts.playlist_text("Calm")
    made = await ask(bot, "playlist", {"new": "  Night   drives "})
    assert made["content"] == texts.playlist_text("Night drives")
    assert (await ask(bot, "unlink"))["content"] == texts.say("link.unlinked")


async def test_help_works_in_a_direct_message(bot: World) -> None:
    answer = await ask(bot, "help", dm=True)
    said = texts.say("discord.help", welcome=texts.say("welcome"))
    shown = texts.with_hosting(said, False, groups=True)  # the harness has group playlists
    assert (answer["content"], answer["ephemeral"]) == (shown, True)


async def test_connect_code_option_is_registered_and_a_bad_code_is_explained(bot: World) -> None:
    link = next(c for c in bot.dc.commands() if c["name"] == "link")
    assert [(o["name"], o["required"]) for o in link["options"]] == [("code", False)]
    refused = await ask(bot, "link", {"code": "nonsense"})
    assert refused["content"] == texts.say("discord.not_a_code")
    assert "I don't know that code" in (await ask(bot, "link", {"code": "ABCDE23456"}))["content"]
