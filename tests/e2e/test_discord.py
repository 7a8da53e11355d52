"""The Discord front end to end: shares, choices, restarts and /stash without the intent."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest

from core import texts
from core.errors import NotYourChoice
from core.ports import Stage
from tests.discord_helpers import (
    COVER,
    World,
    custom_ids,
    done,
    running_world,
)
from tests.worlds import OTHER, REEL


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A running bot; alice has linked Spotify, bob has not."""
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.connected.add(world.user(world.dc.alice_id))
        yield world


def waiting_for_each_stage(bot: World) -> None:
    """Make each fake wait until its stage is on screen, so that no stage is coalesced away."""
    async def showing(stage: Stage) -> None:
        text = texts.stage_text(stage)
        await bot.dc.wait_for(lambda: any(m["content"] == text for m in bot.bot_messages()))

    def gated(stage: Stage, call: Callable[..., Any]) -> Callable[..., Any]:
        async def run(*args: Any) -> Any:
            await showing(stage)
            return await call(*args)
        return run

    bot.fetcher.fetch = gated(Stage.DOWNLOADING, bot.fetcher.fetch)  # type: ignore[method-assign]
    recognize = bot.recognizer.recognize

    async def recognize_shown(*args: Any) -> Any:
        heard = await recognize(*args)  # the recognizer tells when it listens
        await showing(Stage.LISTENING)
        return heard

    bot.recognizer.recognize = recognize_shown  # type: ignore[method-assign]
    bot.catalog.search = gated(Stage.SEARCHING, bot.catalog.search)  # type: ignore[method-assign]
    bot.playlists.add = gated(Stage.ADDING, bot.playlists.add)  # type: ignore[method-assign]


async def test_a_shared_reel_goes_through_every_stage_to_added_with_an_embed(bot: World) -> None:
    waiting_for_each_stage(bot)
    shared = await bot.dc.send_message(bot.dc.alice_id, f"this one! {REEL.original}")
    (status,) = await bot.settled(shared["id"])
    assert [e["content"] for e in status["edits"]] == [
        texts.say("received"), "Downloading audio…", "Listening…", "Finding it on Spotify…",
        "Adding to your playlist…"]
    assert status["content"] == "Added to Stash ✓"
    (embed,) = status["embeds"]
    assert (embed["title"], embed["url"], embed["description"]) == (
        "Midnight Drive", "https://open.spotify.com/track/orig", "Luna Vale")
    assert embed["fields"] == [{"name": "Album", "value": "Night Roads", "inline": True}]
    assert embed["thumbnail"]["url"] == COVER
    [entry] = await bot.store.history(bot.user(bot.dc.alice_id), 10)
    assert (entry.outcome, entry.track_url) == ("added", "https://open.spotify.com/track/orig")
    # Five edits fit in the channel's allowance (5 per 5 s): nothing waited, nor the result.
    assert bot.sleeps.asked == []


async def test_a_direct_message_share_without_spotify_shows_the_match_and_how_to_link(
        bot: World) -> None:
    shared = await bot.dc.send_dm(bot.dc.bob_id, REEL.original)
    dm = bot.dc.dm_channel_id(bot.dc.bob_id)
    (status,) = await bot.settled(shared["id"], dm)
    assert status["content"] == "Found it ✓ " + texts.say("link.help")
    assert [e["title"] for e in status["embeds"]] == ["Midnight Drive"]
    assert bot.playlists.added == []


async def test_an_ambiguous_match_is_chosen_by_its_owner_only(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, OTHER.original)
    (question,) = await bot.settled(shared["id"])
    assert question["content"].startswith("I heard a song (Slow Tide — Coral Bay)")
    buttons = custom_ids(question)
    assert [b.rsplit(":", 1)[1] for b in buttons] == ["0", "1", "x"]
    labels = [c["label"] for row in question["components"] for c in row["components"]]
    assert labels[-1] == "None of these" and labels[0] == "Shoreline · 3:46 · Slow Tide — Coral Bay"
    refused = await bot.press(bot.dc.bob_id, question["id"], buttons[0])
    await bot.dc.wait_for(lambda: bool(bot.dc.interaction(refused["id"])["followups"]))
    (refusal,) = bot.dc.interaction(refused["id"])["followups"]
    assert (refusal["content"], refusal["ephemeral"]) == (NotYourChoice.user_message, True)
    chosen = await bot.press(bot.dc.alice_id, question["id"], buttons[1])
    assert chosen["callbacks"][0]["type"] == 6  # deferred: adding may take a while
    answered = await bot.changed(question)
    assert answered["content"] == "Added to Stash ✓"
    assert [e["title"] for e in answered["embeds"]] == ["Slow Tide"]
    assert answered["components"] == []
    assert bot.playlists.added == [(bot.user(bot.dc.alice_id), "spotify:track:tideB")]


async def test_a_choice_button_still_works_after_a_restart(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, OTHER.original)
    (question,) = await bot.settled(shared["id"])
    assert bot.front is not None
    await bot.front.stop()
    async with bot.new_front(sync_commands=False):
        await bot.press(bot.dc.alice_id, question["id"], custom_ids(question)[0])
        answered = await bot.changed(question)
    assert answered["content"] == "Added to Stash ✓"
    assert len(bot.dc.identifies) == 2  # a new gateway session, not a resumed one
    assert bot.playlists.added == [(bot.user(bot.dc.alice_id), "spotify:track:tideA")]


async def test_stash_command_works_without_the_message_content_intent(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async with running_world(tmp_path, monkeypatch, message_content=False) as bot:
        bot.dc.set_portal_intents(message_content=False)
        ignored = await bot.dc.send_message(bot.dc.alice_id, REEL.original)
        asked = await bot.dc.run_command(bot.dc.alice_id, "stash", {"link": REEL.original})
        await bot.dc.wait_for(lambda: done(bot.dc.interaction(asked)["original"] or
                                           {"content": "…"}))
        answer = bot.dc.interaction(asked)
    assert answer["response"]["ephemeral"] is False  # the share is there for the channel
    assert answer["original"]["content"] == "Found it ✓ " + texts.say("link.help")
    assert [e["title"] for e in answer["original"]["embeds"]] == ["Midnight Drive"]
    assert bot.replies(ignored["id"]) == []  # a channel message arrived with no text
    assert bot.fetcher.fetched == [(REEL.canonical_url, 0)]


async def test_several_links_in_stash_get_one_status_each(bot: World) -> None:
    asked = await bot.dc.run_command(bot.dc.alice_id, "stash",
                                     {"link": f"{REEL.original} {OTHER.original}"})
    await bot.dc.wait_for(lambda: len(bot.dc.interaction(asked)["followups"]) == 1)
    answer = bot.dc.interaction(asked)
    statuses = [answer["original"]["id"], answer["followups"][0]["id"]]

    def shown() -> list[str]:
        return [m["content"] for m in bot.bot_messages() if m["id"] in statuses]

    await bot.dc.wait_for(lambda: all(done({"content": c}) for c in shown()))
    first, second = shown()
    assert first == "[1/2] Added to Stash ✓"
    assert second.startswith("[2/2] I heard a song (Slow Tide — Coral Bay)")
    question = bot.message(statuses[1])
    await bot.press(bot.dc.alice_id, question["id"], custom_ids(question)[2])
    assert (await bot.changed(question))["content"] == "[2/2] OK, I didn't add anything."

