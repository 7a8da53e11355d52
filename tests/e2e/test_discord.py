"""The Discord front end to end: real discord.py and SQLite, the stand-in, the port fakes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordConfig, DiscordFront, Pacing
from adapters.discord.render import RECEIVED
from adapters.storage import Database, SqliteStore
from core import texts
from core.errors import NotYourChoice
from core.linking import Linking
from core.models import AudioClip, UserKey
from core.ports import Stage
from core.service import Policy, Stash
from sandbox.discord import FAKE_BOT_TOKEN, DiscordStandIn
from sandbox.discord.views import message_view
from tests.fakes import FakeCatalog, FakeFetcher, FakeLinker, FakePlaylists, FakeRecognizer
from tests.unit.test_service import DRIVE, ORIGINAL, OTHER, REEL, REMIX, TIDE, TIDE_A, TIDE_B

Json = dict[str, Any]
COVER = "https://i.scdn.co/image/midnight-drive"


@dataclass
class Sleeps:
    """The pacing's clock and sleep: a sleep records how long, moves the clock, and returns."""

    asked: list[float] = field(default_factory=list)
    now: float = 1000.0

    def clock(self) -> float:
        """The time the pacing reads."""
        return self.now

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


@dataclass
class World:
    """Everything a Discord test drives or inspects."""

    dc: DiscordStandIn
    stash: Stash
    linking: Linking
    fetcher: FakeFetcher
    recognizer: FakeRecognizer
    catalog: FakeCatalog
    playlists: FakePlaylists
    linker: FakeLinker
    store: SqliteStore
    sleeps: Sleeps
    front: DiscordFront | None = None

    def user(self, user_id: int) -> UserKey:
        """The Stash identity of a stand-in member."""
        return UserKey("discord", str(user_id))

    def new_front(self, **config: Any) -> DiscordFront:
        """A front on the same service and storage (as after a restart)."""
        pacing = Pacing(1.0, clock=self.sleeps.clock, sleep=self.sleeps)
        settings = DiscordConfig(FAKE_BOT_TOKEN, self.dc.base_url, pacing=pacing,
                                 guild_ready_timeout=0.05, **config)
        return DiscordFront(self.stash, self.linking, settings)

    def bot_messages(self, channel_id: int | None = None) -> list[Json]:
        """What the bot wrote in a channel (the guild's #general by default)."""
        return [m for m in self.dc.transcript(channel_id) if m["author"]["id"] == self.dc.bot_id]

    def replies(self, message_id: int, channel_id: int | None = None) -> list[Json]:
        """The bot's replies to one message."""
        return [m for m in self.bot_messages(channel_id) if m["reply_to"] == message_id]

    async def settled(self, message_id: int, channel_id: int | None = None) -> list[Json]:
        """The status messages answering `message_id`, once all of them show an outcome."""
        def statuses() -> list[Json]:
            return [m for m in self.replies(message_id, channel_id) if is_status(m)]

        await self.dc.wait_for(lambda: bool(statuses()) and all(done(m) for m in statuses()))
        return statuses()

    async def answered(self, interaction_id: int) -> Json:
        """An interaction once its first answer is filled in (not "thinking…")."""
        def filled() -> bool:
            original = self.dc.interaction(interaction_id)["original"]
            return original is not None and not original["loading"]

        await self.dc.wait_for(filled)
        return self.dc.interaction(interaction_id)

    def message(self, message_id: int) -> Json:
        """A message as it reads now."""
        return message_view(self.dc.world, self.dc.world.messages[message_id])

    async def changed(self, message: Json) -> Json:
        """`message` once it shows another outcome than it did."""
        def moved_on() -> bool:
            now = self.message(message["id"])
            return now["content"] != message["content"] and done(now)

        await self.dc.wait_for(moved_on)
        return self.message(message["id"])

    async def press(self, user_id: int, message_id: int, custom_id: str) -> Json:
        """Press a button; the interaction once the bot acknowledged it."""
        pressed = await self.dc.click_button(user_id, message_id, custom_id)
        return await self.dc.wait_for_response(pressed)


def is_status(message: Json) -> bool:
    """Whether a bot message is a status message (it started as "Got it…")."""
    first = message["edits"][0]["content"] if message["edits"] else message["content"]
    return bool(first.endswith(RECEIVED))


def done(message: Json) -> bool:
    """Whether a status message shows an outcome rather than a stage."""
    return not message["content"].endswith("…")


def custom_ids(message: Json) -> list[str]:
    """The custom_ids of a message's buttons, in order."""
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


@asynccontextmanager
async def running_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
                        policy: Policy | None = None, **config: Any) -> AsyncIterator[World]:
    """The stand-in, storage, service and a started front; everything stopped on the way out."""
    # The front points discord.py at the stand-in; put the library back afterwards.
    monkeypatch.setattr(Route, "BASE", Route.BASE)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", DiscordWebSocket.DEFAULT_GATEWAY)
    async with DiscordStandIn() as dc:
        database = await Database.open(str(tmp_path / "stash.db"))
        store = SqliteStore(database)
        fetcher = FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a", final_window=True)],
                               OTHER.canonical_url: [AudioClip(b"tide", "m4a", final_window=True)]})
        catalog = FakeCatalog([replace(ORIGINAL, cover_url=COVER), REMIX, TIDE_A, TIDE_B])
        playlists, linker = FakePlaylists(), FakeLinker()
        recognizer = FakeRecognizer({b"drive": DRIVE, b"tide": TIDE})
        stash = Stash(fetcher=fetcher, recognizer=recognizer, catalog=catalog,
                      playlists=playlists, store=store, policy=policy)
        world = World(dc, stash, Linking(linker, store), fetcher, recognizer, catalog, playlists,
                      linker, store, Sleeps())
        try:
            async with world.new_front(**config) as front:
                world.front = front
                yield world
        finally:
            await database.close()


@pytest.fixture
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[World]:
    """A running bot; alice has linked Spotify, bob has not."""
    async with running_world(tmp_path, monkeypatch) as world:
        world.playlists.linked.add(world.user(world.dc.alice_id))
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
    bot.recognizer.recognize = gated(  # type: ignore[method-assign]
        Stage.LISTENING, bot.recognizer.recognize)
    bot.catalog.search = gated(Stage.SEARCHING, bot.catalog.search)  # type: ignore[method-assign]
    bot.playlists.add = gated(Stage.ADDING, bot.playlists.add)  # type: ignore[method-assign]


async def test_a_shared_reel_goes_through_every_stage_to_added_with_an_embed(bot: World) -> None:
    waiting_for_each_stage(bot)
    shared = await bot.dc.send_message(bot.dc.alice_id, f"this one! {REEL.original}")
    (status,) = await bot.settled(shared["id"])
    assert [e["content"] for e in status["edits"]] == [
        RECEIVED, "Downloading audio…", "Listening…", "Finding it on Spotify…",
        "Adding to your playlist…"]
    assert status["content"] == "Added to Stash ✓"
    (embed,) = status["embeds"]
    assert (embed["title"], embed["url"], embed["description"]) == (
        "Midnight Drive", "https://open.spotify.com/track/orig", "Luna Vale")
    assert embed["fields"] == [{"name": "Album", "value": "Night Roads", "inline": True}]
    assert embed["thumbnail"]["url"] == COVER
    [entry] = await bot.store.history(bot.user(bot.dc.alice_id), 10)
    assert (entry.outcome, entry.track_url) == ("added", "https://open.spotify.com/track/orig")
    assert bot.sleeps.asked  # the stages of one status were spaced by the pacing


async def test_a_direct_message_share_without_spotify_shows_the_match_and_how_to_link(
        bot: World) -> None:
    shared = await bot.dc.send_dm(bot.dc.bob_id, REEL.original)
    dm = bot.dc.dm_channel_id(bot.dc.bob_id)
    (status,) = await bot.settled(shared["id"], dm)
    assert status["content"] == "Found it ✓ " + texts.LINK_HELP
    assert [e["title"] for e in status["embeds"]] == ["Midnight Drive"]
    assert bot.playlists.added == []


async def test_an_ambiguous_match_is_chosen_by_its_owner_only(bot: World) -> None:
    shared = await bot.dc.send_message(bot.dc.alice_id, OTHER.original)
    (question,) = await bot.settled(shared["id"])
    assert question["content"].startswith("I heard a song (Slow Tide — Coral Bay)")
    buttons = custom_ids(question)
    assert [b.rsplit(":", 1)[1] for b in buttons] == ["0", "1", "x"]
    labels = [c["label"] for row in question["components"] for c in row["components"]]
    assert labels[-1] == "None of these" and labels[0].startswith("Slow Tide — Coral Bay (")
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
    assert answer["original"]["content"] == "Found it ✓ " + texts.LINK_HELP
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

