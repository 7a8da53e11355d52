"""The Telegram front wired as `stash run` wires it, on real SQLite, the real PTB and the
Telegram stand-in, with the hand-written fakes of tests/fakes.py for the outside ports."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from adapters.storage import Database, SqlStore
from adapters.telegram import MessagePacing, TelegramConfig, TelegramFront
from adapters.telegram.pacing import ChatPacer
from adapters.telegram.sending import Sender
from adapters.telegram.status import StatusMessage, View
from core.accounts import AccountConnector
from core.connecting import Connecting
from core.models import AudioClip, Link
from core.ports import Recognizer
from core.service import Policy, Stash
from core.texts import say
from sandbox.telegram import FloodLimits, TelegramStandIn, TranscriptEntry
from sandbox.telegram.model import CallbackQueryState
from tests.fakes import (
    FakeCatalog,
    FakeConnector,
    FakeFetcher,
    FakePlaylists,
    FakeRecognizer,
    Sleeps,
)
from tests.worlds import DRIVE, ORIGINAL, OTHER, REEL, REMIX, TIDE, TIDE_A, TIDE_B

RECEIVED = say("received")

TOKEN = "123456:TEST-TOKEN"
ALICE_ID, BOB_ID = 1001, 1002
GROUP_ID = -100777


@dataclass
class GatedFetcher(FakeFetcher):
    """A FakeFetcher whose fetches of `held` links wait until `gate` is set."""

    held: set[str] = field(default_factory=set)
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    waiting: int = 0

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        if link.canonical_url in self.held:
            self.waiting += 1
            await self.gate.wait()
        return await super().fetch(link, window)


@dataclass
class World:
    """Everything a test drives or inspects."""

    tg: TelegramStandIn
    front: TelegramFront
    fetcher: GatedFetcher
    recognizer: FakeRecognizer
    catalog: FakeCatalog
    playlists: FakePlaylists
    connector: FakeConnector
    store: SqlStore
    sleeps: Sleeps

    def chat(self, chat_id: int) -> list[TranscriptEntry]:
        """A chat's transcript."""
        return self.tg.transcript(chat_id)

    def bot_messages(self, chat_id: int) -> list[TranscriptEntry]:
        """What the bot wrote in a chat."""
        return [entry for entry in self.tg.transcript(chat_id) if entry.from_bot]

    async def reply_to(self, chat_id: int, message_id: int, ending: Callable[[str], bool]
                       ) -> TranscriptEntry:
        """The bot's answer to a message, once its text satisfies `ending`."""
        def found() -> TranscriptEntry | None:
            return next((e for e in self.bot_messages(chat_id)
                         if e.reply_to == message_id and ending(e.text or "")), None)

        await self.tg.wait_for(found)
        entry = found()
        assert entry is not None
        return entry

    async def settled(self, chat_id: int, message_id: int) -> TranscriptEntry:
        """The status message answering `message_id` once it shows an outcome."""
        def status(entry: TranscriptEntry) -> bool:
            return entry.history[0].endswith(RECEIVED) and not (entry.text or "").endswith("…")

        await self.tg.wait_for(lambda: any(status(e) for e in self.answers(chat_id, message_id)))
        return next(e for e in self.answers(chat_id, message_id) if status(e))

    def answers(self, chat_id: int, message_id: int) -> list[TranscriptEntry]:
        """The bot's messages replying to `message_id`."""
        return [e for e in self.bot_messages(chat_id) if e.reply_to == message_id]

    def update_id_of(self, kind: str, key: str, value: object) -> int:
        """The update_id of the update of `kind` whose payload has `key` == `value`."""
        return next(uid for uid, update in self.tg.world().updates_by_id.items()
                    if update.get(kind, {}).get(key) == value)

    def forge_press(self, user_id: int, chat_id: int, message_id: int, data: str) -> str:
        """A button press with data no button carries, as a tampering client could send."""
        world = self.tg.world()
        message = world.chats[chat_id].messages[message_id].data
        query_id = f"9{next(_forged):09d}"
        query = {"id": query_id, "from": world.people[user_id].user.to_api(),
                 "message": message, "chat_instance": "1", "data": data}
        world.queries[query_id] = CallbackQueryState(query)
        world.push_update("callback_query", query)
        return query_id


_forged = itertools.count(1)


async def until(predicate: Callable[[], object], rounds: int = 500) -> None:
    """Let the loop run until `predicate()` holds (for state the stand-in is not told about)."""
    for _ in range(rounds):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition never held")


def fetcher_with_clips() -> GatedFetcher:
    """Clips for the two links of the service tests."""
    return GatedFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a", final_window=True)],
                         OTHER.canonical_url: [AudioClip(b"tide", "m4a", final_window=True)]})


@asynccontextmanager
async def running_bot(tmp_path: Path, *, webhook_url: str | None = None,
                      policy: Policy | None = None, stand_in: dict[str, Any] | None = None,
                      accounts: Callable[[Database], AccountConnector] | None = None,
                      flood: FloodLimits | None = None, pacing: MessagePacing | None = None,
                      recognizer: Recognizer | None = None,
                      rate_limiter: Any = None) -> AsyncIterator[World]:
    """The stand-in, storage, service and front, started; everything stopped on the way out.
    `accounts` builds a real account connector on the database instead of the fake one, and
    `recognizer` a real recognizer instead of the fake one (`World.recognizer` stays). Flood
    control is off and pacing instant unless `flood` and `pacing` are given; `rate_limiter` is
    a replica's send rate shared in Redis."""
    flood = flood or FloodLimits(enabled=False)
    async with TelegramStandIn(TOKEN, flood=flood, **(stand_in or {})) as tg:
        tg.add_user(ALICE_ID, "Alice", "alice")
        tg.add_user(BOB_ID, "Bob", "bob", started=False)
        tg.add_group(GROUP_ID, "Friends")
        database = await Database.open(str(tmp_path / "stash.db"))
        store = SqlStore(database)
        fetcher, fake = fetcher_with_clips(), FakeRecognizer({b"drive": DRIVE, b"tide": TIDE})
        catalog = FakeCatalog([ORIGINAL, REMIX, TIDE_A, TIDE_B])
        playlists, connector, sleeps = FakePlaylists(), FakeConnector(), Sleeps()
        stash = Stash(fetcher=fetcher, recognizer=recognizer or fake, catalog=catalog,
                      playlists=playlists, store=store, policy=policy)
        config = TelegramConfig(TOKEN, tg.base_url, webhook_url=webhook_url, poll_timeout=1,
                                pacing=pacing or MessagePacing(0.0, 0.0, clock=sleeps.clock,
                                                        sleep=sleeps))
        connecting = Connecting(accounts(database) if accounts else connector, store)
        front = TelegramFront(stash, connecting, config, rate_limiter=rate_limiter)
        world = World(tg, front, fetcher, fake, catalog, playlists, connector, store, sleeps)
        try:
            if webhook_url is None:
                async with front:
                    yield world
            else:
                yield world
        finally:
            fetcher.gate.set()
            await database.close()


@dataclass
class FakeBot:
    """Records edits (with the pacing clock's time) and sends; fails as told."""

    clock: Sleeps
    edits: list[tuple[float, str]] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    failures: list[Exception] = field(default_factory=list)
    rate_limiter: None = None  # as an ExtBot built without a limiter (the status reads it)

    async def edit_message_text(self, text: str, chat_id: int, message_id: int,
                                **_: Any) -> None:
        self.edits.append((self.clock.now, text))
        if self.failures:
            raise self.failures.pop(0)

    async def send_message(self, chat_id: int, text: str, **_: Any) -> SimpleNamespace:
        self.sent.append(text)
        return SimpleNamespace(message_id=len(self.sent))

    async def do_api_request(self, endpoint: str, api_kwargs: dict[str, Any], **_: Any) -> Any:
        """A status message's calls, answered raw as Telegram's JSON."""
        return await raw_call(self, endpoint, api_kwargs)


async def raw_call(bot: Any, endpoint: str, params: dict[str, Any]) -> Any:
    """A fake bot's send or edit, reached the way Sender.call reaches Telegram (raw JSON)."""
    if endpoint == "sendmessage":
        return vars(await bot.send_message(params["chat_id"], params["text"]))
    assert endpoint == "editmessagetext", endpoint
    await bot.edit_message_text(params["text"], params["chat_id"], params["message_id"])
    return True


def status_for(private: bool = True, interval: float = 1.0, group: float = 3.0
               ) -> tuple[StatusMessage, FakeBot, Sleeps]:
    sleeps = Sleeps()
    bot = FakeBot(sleeps)
    pacer = ChatPacer(MessagePacing(interval, group, clock=sleeps.clock, sleep=sleeps))
    sender = Sender(bot, pacer)  # type: ignore[arg-type]
    return StatusMessage(sender, 7, 1, private=private, shown=View("Got it")), bot, sleeps


async def edited(bot: FakeBot, count: int) -> None:
    """Let the status task run until `count` edits were made."""
    for _ in range(1000):
        if len(bot.edits) >= count:
            return
        await asyncio.sleep(0)
    raise AssertionError(f"only {len(bot.edits)} edits")
