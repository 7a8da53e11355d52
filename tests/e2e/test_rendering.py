"""Outside text shown as written, and answers that fit: through python-telegram-bot and
discord.py against their stand-ins (the Telegram stand-in finds entities and enforces the
4,096 limit as Telegram does).

Song titles, artists and albums come from Shazam, Spotify and the platforms: anyone can publish
a song called "@alice" or "**B** [click](https://evil.example)".
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from adapters.telegram.render import TEXT_MAX
from core import texts
from core.models import HistoryEntry, UserKey
from tests.discord_helpers import World as DiscordWorld
from tests.discord_helpers import running_world
from tests.e2e.worlds import publish
from tests.telegram_helpers import ALICE_ID, GROUP_ID, World, running_bot
from tests.worlds import REEL

ALICE = UserKey("telegram", str(ALICE_ID))
NASTY = "**B** [click](https://evil.example) <@123456789012345678> @everyone `x` ||y|| #z"


@pytest.fixture
async def telegram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with running_bot(tmp_path) as world:
        world.playlists.connected.add(ALICE)
        yield world


def entities(bot: World, chat_id: int, message_id: int) -> list[dict[str, Any]]:
    """The entities Telegram (the stand-in) found in a message the bot sent."""
    data = bot.tg.world().chats[chat_id].messages[message_id].data
    return list(data.get("entities", []))


def live(bot: World, chat_id: int, message_id: int) -> list[str]:
    """What is clickable in a message, as the kind and the text it covers."""
    text = bot.tg.world().chats[chat_id].messages[message_id].data["text"]
    units = text.encode("utf-16-le")
    return [f"{e['type']}:" + units[2 * e["offset"]: 2 * (e["offset"] + e["length"])]
            .decode("utf-16-le") for e in entities(bot, chat_id, message_id)]


async def test_150_unsupported_links_get_one_answer_that_telegram_takes(telegram: World) -> None:
    links = " ".join(f"https://unsupported.example/v/{n}" for n in range(150))
    sent = telegram.tg.user_sends(ALICE_ID, links)
    answer = await telegram.reply_to(ALICE_ID, sent["message_id"], lambda text: bool(text))
    assert answer.text == texts.say("refusal.unsupported")  # said once, not 150 times


async def test_an_at_username_in_a_title_mentions_nobody(telegram: World) -> None:
    publish(telegram, "Midnight Drive @alice #fyp /forget", album="evil.example.com")
    sent = telegram.tg.user_sends(ALICE_ID, f"/stash {REEL.original}", chat_id=GROUP_ID)
    status = await telegram.settled(GROUP_ID, sent["message_id"])
    shown = (status.text or "").replace("\u2060", "")
    assert shown == ("Added to Stash ✓\nMidnight Drive @alice #fyp /forget — Luna Vale "
                     "(evil.example.com)\nhttps://open.spotify.com/track/orig")
    # Only Stash's own Spotify link is live: no mention (Alice is in the group), no hashtag,
    # no command, no link to the album's "domain".
    assert live(telegram, GROUP_ID, status.message_id) == [
        "url:https://open.spotify.com/track/orig"]


async def test_a_title_longer_than_a_message_is_clipped_not_lost(telegram: World) -> None:
    publish(telegram, "Midnight Drive " + "la" * 3000)
    sent = telegram.tg.user_sends(ALICE_ID, REEL.original)
    status = await telegram.reply_to(ALICE_ID, sent["message_id"],
                                     lambda text: text.startswith("Added to Stash"))
    text = status.text or ""
    # The title is cut, not the answer: the Spotify link after it survives.
    assert text.startswith("Added to Stash ✓\nMidnight Drive lala") and "la… — Luna Vale" in text
    assert text.endswith("\nhttps://open.spotify.com/track/orig")
    assert len(text.encode("utf-16-le")) // 2 <= TEXT_MAX


async def test_history_titles_mention_nobody(telegram: World) -> None:
    await telegram.store.record_history(ALICE, HistoryEntry(
        REEL.canonical_url, "added", 1.0, "Hey @alice", ("#tag",),
        track_url="https://open.spotify.com/track/orig"))
    telegram.tg.user_sends(ALICE_ID, "/history")
    await telegram.tg.wait_for(lambda: bool(telegram.bot_messages(ALICE_ID)))
    answer = telegram.bot_messages(ALICE_ID)[-1]
    assert "Hey @alice — #tag" in (answer.text or "").replace("\u2060", "")
    assert live(telegram, ALICE_ID, answer.message_id) == [
        "url:https://open.spotify.com/track/orig"]


# --- Discord ------------------------------------------------------------------------------------

def live_markdown(content: str) -> list[str]:
    """What a Discord client would render as markdown, a link or a mention in `content`,
    besides Stash's own Spotify links."""
    shown = re.sub(r"\\[^0-9A-Za-z\s]", " ", content)  # "\*" shows a plain "*"
    shown = shown.replace("@\u200b", "@ ")  # discord.py's escape_mentions: no mention
    patterns = (r"\*\*.+?\*\*", r"\*[^*\s][^*]*\*", r"__.+?__", r"_[^_\s][^_]*_", r"~~.+?~~",
                r"\|\|.+?\|\|", r"`[^`]+`", r"\[[^\]]*\]\([^)]*\)", r"https?://\S+",
                r"<[@#][!&]?\d+>", r"@(?:everyone|here)\b", r"(?m)^#{1,3} ", r"(?m)^> ")
    found = [m for pattern in patterns for m in re.findall(pattern, shown)]
    return [m for m in found if not m.startswith("https://open.spotify.com/")]


def test_the_judge_sees_what_discord_renders() -> None:
    assert live_markdown(NASTY) != []
    assert live_markdown("plain https://open.spotify.com/track/x") == []


@pytest.fixture
async def discord(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                  ) -> AsyncIterator[DiscordWorld]:
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.connected.add(world.user(world.dc.alice_id))
        yield world


async def test_history_escapes_every_copy_of_a_title(discord: DiscordWorld) -> None:
    alice = discord.user(discord.dc.alice_id)
    for _ in range(2):
        await discord.store.record_history(alice, HistoryEntry(
            REEL.canonical_url, "added", 1.0, NASTY, (NASTY,),
            track_url="https://open.spotify.com/track/orig"))
    asked = await discord.dc.run_command(discord.dc.alice_id, "history")
    content = (await discord.answered(asked))["original"]["content"]
    assert content.count("https://open.spotify.com/track/orig") == 2
    assert live_markdown(content) == []


async def test_embed_title_description_and_fields_are_inert(discord: DiscordWorld) -> None:
    publish(discord, f"Midnight Drive {NASTY}", NASTY, album=NASTY)
    shared = await discord.dc.send_message(discord.dc.alice_id, REEL.original)
    (status,) = await discord.settled(shared["id"])
    (embed,) = status["embeds"]
    assert embed["url"] == "https://open.spotify.com/track/orig"
    shown = [embed["title"], embed["description"], *(f["value"] for f in embed["fields"])]
    assert all(NASTY.split()[0][0] in text for text in shown)  # the words are all still there
    assert [live_markdown(text) for text in shown] == [[], [], []]
    assert live_markdown(status["content"]) == []


async def test_only_what_would_render_or_ping_is_escaped(discord: DiscordWorld) -> None:
    """Issue 27: every punctuation mark got a backslash ("Don't Look Back \\(feat\\. Kaito\\)",
    "https\\://…"), which notifications and other raw views show as written."""
    publish(discord, "Don't Look Back (feat. Kaito)", "Kaito & Co.", "A-ha!",
            album="Vol. 2: https://evil.example/x?y=1 #1 <3")
    shared = await discord.dc.send_message(discord.dc.alice_id, REEL.original)
    (status,) = await discord.settled(shared["id"])
    (embed,) = status["embeds"]
    assert embed["title"] == "Don't Look Back (feat. Kaito)"
    assert embed["description"] == "Kaito & Co., A-ha!"
    [album] = embed["fields"]
    assert "\\" not in album["value"] and album["value"].startswith("Vol. 2: https:")
    assert live_markdown(album["value"]) == []  # the address shown, not a link
