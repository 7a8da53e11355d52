"""What real failures send to Sentry: the error's shape, never a code, a state, or what a person
wrote or is called.

The bot runs as `stash run` runs it (python-telegram-bot against the Telegram stand-in, spotipy
against the Spotify stand-in, the web server) with sentry-sdk reporting into a local list; the
storage fails where a code, a state and a person's update are in the stack.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from adapters.web.server import WebServer
from core.accounts import AccountStore
from tests.connecting_helpers import (
    ConnectRig,
    authorization_url,
    open_in_browser,
    spotify_connect_rig,
)
from tests.discord_helpers import running_world
from tests.sentry_helpers import KeptEnvelopes, kept_reports
from tests.telegram_helpers import World, running_bot

ZEB_ID, ZEB_NAME, ZEB_HANDLE = 4242424, "Zebulon", "zeb_handle"


@dataclass
class Rig:
    bot: World
    connect_rig: ConnectRig
    store: AccountStore
    reports: KeptEnvelopes

    async def says(self, text: str) -> None:
        """Zebulon writes to the bot privately."""
        self.bot.tg.user_sends(ZEB_ID, text)

    async def reported(self) -> dict[str, object]:
        """The one error event sent so far, once it is there."""
        await self.bot.tg.wait_for(lambda: bool(self.reports.events()))
        [event] = self.reports.events()
        return event


@pytest.fixture
def reports() -> Iterator[KeptEnvelopes]:
    with kept_reports([]) as transport:
        yield transport


@pytest.fixture
async def rig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reports: KeptEnvelopes
              ) -> AsyncIterator[Rig]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        bot = await stack.enter_async_context(running_bot(tmp_path, accounts=connect_rig.build))
        bot.tg.add_user(ZEB_ID, ZEB_NAME, ZEB_HANDLE)
        connecting = bot.front.deps.connecting
        await stack.enter_async_context(WebServer(host="127.0.0.1", port=connect_rig.port,
                                                  connecting=connecting))
        yield Rig(bot, connect_rig, connecting._connector.store, reports)  # type: ignore[union-attr]


def broken(*_: object, **__: object) -> None:
    raise RuntimeError("database disk image is malformed")


async def test_a_failure_on_a_sent_connect_code_reports_no_code_and_no_person(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(rig.bot.bot_messages(ZEB_ID))
    await rig.says("/link")
    await rig.bot.tg.wait_for(lambda: len(rig.bot.bot_messages(ZEB_ID)) > before)
    rig.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(authorization_url(rig.bot.bot_messages(ZEB_ID)[-1].text or ""))
    assert page.code is not None
    monkeypatch.setattr(rig.store, "take_held", broken)  # the code stays valid
    await rig.says(page.code)

    event = await rig.reported()
    assert "RuntimeError" in rig.reports.sent()  # the error's shape is there
    assert event["exception"]["values"][-1]["value"] == "database disk image is malformed"
    sent = rig.reports.sent()
    assert [v for v in (page.code, page.code.replace("-", ""), ZEB_NAME, ZEB_HANDLE, str(ZEB_ID))
            if v in sent] == []


async def test_a_failing_callback_reports_no_authorization_code_or_state(
        rig: Rig, monkeypatch: pytest.MonkeyPatch) -> None:
    before = len(rig.bot.bot_messages(ZEB_ID))
    await rig.says("/link")
    await rig.bot.tg.wait_for(lambda: len(rig.bot.bot_messages(ZEB_ID)) > before)
    url = authorization_url(rig.bot.bot_messages(ZEB_ID)[-1].text or "")
    rig.connect_rig.spotify.login_as("alice")
    monkeypatch.setattr(rig.store, "hold_account", broken)
    async with aiohttp.ClientSession() as browser:
        async with browser.get(url, allow_redirects=False) as consent:
            callback = consent.headers["Location"]
        async with browser.get(callback) as page:
            assert page.status == 500
    query = parse_qs(urlsplit(callback).query)

    event = await rig.reported()
    assert event["exception"]["values"][-1]["type"] == "RuntimeError"
    sent = rig.reports.sent()
    assert [v for v in (query["code"][0], query["state"][0], ZEB_NAME, ZEB_HANDLE, str(ZEB_ID))
            if v in sent] == []


async def test_a_failing_discord_command_reports_no_code_and_no_person(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reports: KeptEnvelopes) -> None:
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        world = await stack.enter_async_context(
            running_world(tmp_path, monkeypatch, accounts=connect_rig.build))
        zeb = world.dc.world.add_member(world.dc.guild_id, "zebulon_handle").id
        store: AccountStore = world.connecting._connector.store  # type: ignore[union-attr]
        monkeypatch.setattr(store, "take_held", broken)
        await world.dc.run_command(zeb, "link", {"code": "ABCDE-23456"})
        await world.dc.wait_for(lambda: bool(reports.events()))
    sent = reports.sent()
    assert "database disk image is malformed" in sent
    assert [v for v in ("ABCDE-23456", "ABCDE23456", "zebulon_handle", str(zeb)) if v in sent] == []
