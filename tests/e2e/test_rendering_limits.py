"""Outside text that is too long or turns text around, through python-telegram-bot and
discord.py against their stand-ins (which refuse what Discord and Telegram refuse).

Issue 23: a 5,000-character title made Discord refuse the edit (2,000 limit), and the status
stayed on "Got it, one moment…" forever; U+202E from a title reached Telegram answers, turning
Stash's own words after it around on screen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path

import pytest

from adapters.discord import render
from core import texts
from core.models import UserKey
from tests.discord_helpers import World as DiscordWorld
from tests.discord_helpers import running_world
from tests.e2e.worlds import publish
from tests.telegram_helpers import ALICE_ID, World, running_bot
from tests.worlds import DRIVE, OTHER, REEL, TIDE, TIDE_A, TIDE_B

LONG = "Midnight Drive " + "la" * 2500  # 5,015 characters
# Each bidirectional control: overrides, embeddings, isolates and marks.
BIDI = "\u202e\u202d\u202a\u202b\u202c\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
TURNED = f"Midnight {BIDI[0]}evird{BIDI[5]} Drive{BIDI[10]}"


def no_bidi(*texts: str) -> bool:
    return not any(char in text for text in texts for char in BIDI)


# --- Discord ------------------------------------------------------------------------------------

@pytest.fixture
async def discord(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                  ) -> AsyncIterator[DiscordWorld]:
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.connected.add(world.user(world.dc.alice_id))
        yield world


async def test_a_5000_character_title_still_reaches_its_answer_on_discord(
        discord: DiscordWorld) -> None:
    discord.recognizer.songs[b"drive"] = replace(DRIVE, title=LONG, artists=("Luna " * 1000,))
    discord.catalog.tracks.clear()  # "I heard <the title>, but Spotify doesn't have a match."
    shared = await discord.dc.send_message(discord.dc.alice_id, REEL.original)
    (status,) = await discord.settled(shared["id"])
    content = status["content"]
    assert content.startswith("I heard Midnight Drive lala") and "la… — Luna Luna" in content
    assert content.endswith("…, but Spotify doesn't have a match.")
    assert len(content) <= render.CONTENT_MAX
    assert status["edits"][0]["content"] == texts.say("received")


async def test_a_track_with_huge_names_gets_an_embed_within_every_limit(
        discord: DiscordWorld) -> None:
    publish(discord, LONG, "Luna " * 1000, album="Night Roads " * 500)
    shared = await discord.dc.send_message(discord.dc.alice_id, REEL.original)
    (status,) = await discord.settled(shared["id"])
    assert status["content"] == "Added to Stash ✓"
    (embed,) = status["embeds"]
    assert embed["title"].startswith("Midnight Drive lala") and len(embed["title"]) <= 256
    assert embed["description"].startswith("Luna Luna") and len(embed["description"]) <= 4096
    [album] = embed["fields"]
    assert album["value"].startswith("Night Roads") and len(album["value"]) <= 1024
    total = sum(len(part) for part in (embed["title"], embed["description"], album["name"],
                                       album["value"]))
    assert total <= 6000


async def test_bidirectional_controls_never_reach_discord(discord: DiscordWorld) -> None:
    publish(discord, TURNED, TURNED, album=TURNED)
    shared = await discord.dc.send_message(discord.dc.alice_id, REEL.original)
    (status,) = await discord.settled(shared["id"])
    (embed,) = status["embeds"]
    assert embed["title"] == "Midnight evird Drive"
    assert no_bidi(status["content"], embed["title"], embed["description"],
                   *(field["value"] for field in embed["fields"]))


# --- Telegram -----------------------------------------------------------------------------------

@pytest.fixture
async def telegram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path) as world:
        world.playlists.connected.add(UserKey("telegram", str(ALICE_ID)))
        yield world


async def test_bidirectional_controls_never_reach_telegram_answers(telegram: World) -> None:
    publish(telegram, TURNED, TURNED, album=TURNED)
    sent = telegram.tg.user_sends(ALICE_ID, REEL.original)
    status = await telegram.settled(ALICE_ID, sent["message_id"])
    assert (status.text or "").startswith("Added to Stash ✓\nMidnight evird Drive")
    assert no_bidi(status.text or "")


async def test_bidirectional_controls_never_reach_telegram_buttons(telegram: World) -> None:
    artists = (f"Coral Bay {TURNED}",)
    telegram.recognizer.songs[b"tide"] = replace(TIDE, artists=artists)
    telegram.catalog.tracks[:] = [replace(TIDE_A, artists=artists),
                                  replace(TIDE_B, artists=artists)]
    sent = telegram.tg.user_sends(ALICE_ID, OTHER.original)
    status = await telegram.settled(ALICE_ID, sent["message_id"])
    labels = [str(button["text"]) for button in status.buttons]
    assert len(labels) == 3 and labels[-1] == "None of these"
    assert no_bidi(status.text or "", *labels)
