"""The Discord front wired as `stash run` wires it, on real SQLite, real discord.py and the
Discord stand-in, with the hand-written fakes of tests/fakes.py for the outside ports."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import discord
import pytest
from discord.gateway import DiscordWebSocket
from discord.http import Route

from adapters.discord import DiscordConfig, DiscordFront, EditPacing
from adapters.discord.status import ChannelPacer, Shown, StatusMessage
from adapters.storage import Database, SqlStore
from adapters.storage.shares import SqlShareBook
from core import texts
from core.accounts import AccountConnector
from core.connecting import Connecting
from core.models import AudioClip, UserKey
from core.service import Policy, Stash
from sandbox.discord import FAKE_BOT_TOKEN, DiscordStandIn
from sandbox.discord.views import message_view
from tests.fakes import (
    FakeCatalog,
    FakeConnector,
    FakeFetcher,
    FakeGroups,
    FakeHosted,
    FakePlaylists,
    FakeRecognizer,
    Sleeps,
)
from tests.worlds import DRIVE, ORIGINAL, OTHER, REEL, REMIX, TIDE, TIDE_A, TIDE_B

Json = dict[str, Any]
COVER = "https://i.scdn.co/image/midnight-drive"


@dataclass
class World:
    """Everything a Discord test drives or inspects."""

    dc: DiscordStandIn
    stash: Stash
    connecting: Connecting
    fetcher: FakeFetcher
    recognizer: FakeRecognizer
    catalog: FakeCatalog
    playlists: FakePlaylists
    connector: FakeConnector
    store: SqlStore
    sleeps: Sleeps
    front: DiscordFront | None = None
    groups: FakeGroups = field(default_factory=FakeGroups)
    book: SqlShareBook | None = None  # shares on record (running_world(kept=True))

    def user(self, user_id: int) -> UserKey:
        """The Stash identity of a stand-in member."""
        return UserKey("discord", str(user_id))

    def new_front(self, stash: Stash | None = None, **config: Any) -> DiscordFront:
        """A front on the same storage and service, or `stash` (as after a restart)."""
        # The channel's pace on a clock that moves only when paced (no real waiting), unless
        # the test paces in real time as a busy channel does (`pacing=EditPacing()`).
        config.setdefault("pacing", EditPacing(1.0, clock=self.sleeps.clock, sleep=self.sleeps))
        settings = DiscordConfig(FAKE_BOT_TOKEN, self.dc.base_url, guild_ready_timeout=0.05,
                                 **config)
        return DiscordFront(stash or self.stash, self.connecting, settings)

    def next_process(self) -> Stash:
        """The service of the process after a restart: the same stand-ins and storage."""
        return Stash(fetcher=self.fetcher, recognizer=self.recognizer, catalog=self.catalog,
                     playlists=self.playlists, store=self.store, policy=self.stash.policy,
                     groups=self.groups, shares=self.book)

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
    """Whether a bot message is a status message: it started as "Got it…", or (posted once a
    busy channel had room, showing what its share had come to) with its link's place "[2/3]"."""
    first = message["edits"][0]["content"] if message["edits"] else message["content"]
    return bool(first.endswith(texts.say("received"))
                or re.search(r"^\[\d+/\d+\] ", first, re.MULTILINE))


def done(message: Json) -> bool:
    """Whether a status message shows an outcome rather than a stage."""
    return not message["content"].endswith("…")


def custom_ids(message: Json) -> list[str]:
    """The custom_ids of a message's buttons, in order."""
    return [c["custom_id"] for row in message["components"] for c in row["components"]]


@asynccontextmanager
async def running_world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *,
                        policy: Policy | None = None,
                        accounts: Callable[[Database], AccountConnector] | None = None,
                        route_limits: dict[str, tuple[int, float]] | None = None,
                        kept: bool = False, hosted: FakeHosted | None = None,
                        **config: Any) -> AsyncIterator[World]:
    """The stand-in, storage, service and a started front; everything stopped on the way out.
    `accounts` builds a real account connector on the database instead of the fake one;
    `route_limits` gives the stand-in some of Discord's own limits (sandbox/discord/limits.py);
    `kept` keeps shares on record until answered (World.book), as `stash run` does; `hosted`
    keeps playlists for people without an account of their own."""
    # The front points discord.py at the stand-in; put the library back afterwards.
    monkeypatch.setattr(Route, "BASE", Route.BASE)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", DiscordWebSocket.DEFAULT_GATEWAY)
    async with DiscordStandIn(route_limits=route_limits) as dc:
        database = await Database.open(str(tmp_path / "stash.db"))
        store = SqlStore(database)
        fetcher = FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a", final_window=True)],
                               OTHER.canonical_url: [AudioClip(b"tide", "m4a", final_window=True)]})
        catalog = FakeCatalog([replace(ORIGINAL, cover_url=COVER), REMIX, TIDE_A, TIDE_B])
        playlists, connector = FakePlaylists(), FakeConnector()
        recognizer = FakeRecognizer({b"drive": DRIVE, b"tide": TIDE})
        groups = FakeGroups()
        book = SqlShareBook(database) if kept else None
        stash = Stash(fetcher=fetcher, recognizer=recognizer, catalog=catalog,
                      playlists=playlists, store=store, policy=policy, groups=groups,
                      shares=book)
        connecting = Connecting(accounts(database) if accounts else connector, store, hosted,
                                groups=groups)
        world = World(dc, stash, connecting, fetcher, recognizer, catalog, playlists,
                      connector, store, Sleeps(), groups=groups, book=book)
        try:
            async with world.new_front(**config) as front:
                world.front = front
                yield world
        finally:
            await database.close()


@dataclass
class HeldSleeps:
    """A pacing clock whose sleeps wait until the test lets time pass."""

    now: float = 0.0
    asked: list[float] = field(default_factory=list)
    passing: asyncio.Event = field(default_factory=asyncio.Event)

    def clock(self) -> float:
        """The time the pacer reads."""
        return self.now

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        await self.passing.wait()
        self.now += seconds


@dataclass
class Screen:
    """Records every edit (and resend) of a message; `fail` makes edits raise."""

    edits: list[str] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    fail: discord.HTTPException | None = None

    async def edit(self, shown: Shown) -> None:
        """The Edit callable."""
        if self.fail is not None:
            raise self.fail
        self.edits.append(shown.text)

    async def resend(self, shown: Shown) -> None:
        """The resend callable."""
        self.sent.append(shown.text)


def status(screen: Screen, pacer: ChannelPacer, prefix: str = "") -> StatusMessage:
    """A status message in channel 7 that started as "Got it"."""
    return StatusMessage(screen.edit, 7, pacer, shown=prefix + "Got it", prefix=prefix,
                         resend=screen.resend)
