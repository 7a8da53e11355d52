"""Every page the browser sees while connecting Spotify, reached the real way (python-telegram-bot
and discord.py against their stand-ins, spotipy against the Spotify stand-in, the web server), and
drawn by a real headless Chromium at phone and desktop sizes.

The finish button comes first with one short sentence; every error page offers the way back to
the chat.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from adapters.web.pages import DONE
from adapters.web.server import WebServer
from core.accounts import AccountStore
from core.errors import ConnectFailed
from core.models import UserKey
from tests.browser_helpers import DESKTOP, PHONE, chromium, png_rows, png_size, screenshot
from tests.connecting_helpers import Browser, CallbackPage, authorization_url, spotify_connect_rig
from tests.discord_helpers import running_world
from tests.telegram_helpers import ALICE_ID, running_bot

BACK_TO_TELEGRAM = '<a class="button" href="https://t.me/stash_test_bot">'
GREEN = (0x1D, 0xB9, 0x54)


@dataclass(frozen=True)
class Pages:
    """Each page, as served, by name."""

    served: dict[str, CallbackPage]


async def telegram_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                         ) -> dict[str, CallbackPage]:
    """Alice links through Telegram, and meets every page on the way and off it."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    pages: dict[str, CallbackPage] = {}
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        bot = await stack.enter_async_context(running_bot(tmp_path, accounts=connect_rig.build))
        connecting = bot.front.deps.connecting
        await stack.enter_async_context(WebServer(host="127.0.0.1", port=connect_rig.port,
                                                  connecting=connecting))
        tab = await stack.enter_async_context(Browser())

        async def link() -> str:
            before = len(bot.bot_messages(ALICE_ID))
            bot.tg.user_sends(ALICE_ID, "/link")
            await bot.tg.wait_for(lambda: len(bot.bot_messages(ALICE_ID)) > before)
            return authorization_url(bot.bot_messages(ALICE_ID)[-1].text or "")

        connect_rig.spotify.login_as("alice", consent=False)
        pages["denied"] = await tab.open(await link())
        connect_rig.spotify.login_as("alice")
        pages["held"] = held = await tab.open(await link())
        async with Browser() as other:  # the same address, without the page's ticket
            pages["reused"] = await other.open(held.url)
        callback = held.url.split("?")[0]
        pages["forged"] = await tab.open(f"{callback}?code=made-up")
        store: AccountStore = connecting._connector.store  # type: ignore[union-attr]
        await store.save_state("old-state", UserKey("telegram", str(ALICE_ID)), "v",
                               time.time() - 1)
        pages["expired"] = await tab.open(f"{callback}?code=x&state=old-state")
        code = held.button.rsplit("=", 1)[1] if held.button else ""
        before = len(bot.bot_messages(ALICE_ID))
        bot.tg.user_sends(ALICE_ID, f"/start {code}")
        await bot.tg.wait_for(lambda: len(bot.bot_messages(ALICE_ID)) > before)
        pages["done"] = await tab.open(held.url)
    return pages


async def discord_held_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CallbackPage:
    """The page a Discord user finishes from: the code first (Discord has no start link)."""
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        world = await stack.enter_async_context(
            running_world(tmp_path / "discord", monkeypatch, accounts=connect_rig.build))
        await stack.enter_async_context(WebServer(host="127.0.0.1", port=connect_rig.port,
                                                  connecting=world.connecting))
        asked = await world.dc.run_command(world.dc.alice_id, "link", None)
        answer = (await world.answered(asked))["original"]
        connect_rig.spotify.login_as("alice")
        async with Browser() as tab:
            return await tab.open(authorization_url(str(answer["content"])))


@pytest.fixture
async def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Pages]:
    served = await telegram_pages(tmp_path, monkeypatch)
    served["held_discord"] = await discord_held_page(tmp_path, monkeypatch)
    yield Pages(served)


def body_of(page: CallbackPage) -> str:
    """What follows the title, tags and all."""
    return page.text.split("</h1>", 1)[1]


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


async def test_every_connecting_page_says_one_thing_and_leads_on(pages: Pages) -> None:
    served = pages.served
    held = served["held"]
    assert held.status == 200 and "<h1>One more step</h1>" in held.text
    # The button first, then one short sentence; the code only as the fallback.
    first, sentence = re.findall(r"<(a|p)[^>]*>(.*?)</\1>", body_of(held))[:2]
    assert first == ("a", "Finish in Telegram") and held.button is not None
    assert sentences(html.unescape(sentence[1])) == 1 and len(sentence[1].split()) <= 12
    assert body_of(held).index('class="button"') < body_of(held).index('class="code"')

    discord = served["held_discord"]
    assert discord.status == 200 and discord.code is not None and discord.button is None
    assert body_of(discord).lstrip().startswith(f'<p class="code">{discord.code}</p>')

    for name in ("denied", "reused", "forged", "expired"):
        page = served[name]
        assert page.status == 400 and "<h1>Not linked</h1>" in page.text, name
        assert page.code is None and BACK_TO_TELEGRAM in page.text, name
    assert "access wasn&#x27;t granted" in served["denied"].text
    assert html.escape(ConnectFailed.user_message) in served["expired"].text
    done = served["done"]
    assert done.status == 200 and html.escape(DONE) in done.text and BACK_TO_TELEGRAM in done.text


async def test_the_pages_look_right_on_a_phone_and_a_desktop(pages: Pages, tmp_path: Path
                                                             ) -> None:
    chromium()  # skips (or fails under CI) before anything is drawn
    for name in ("held", "held_discord", "expired", "done"):
        source = tmp_path / f"{name}.html"
        source.write_text(pages.served[name].text)
        for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
            png = screenshot(source, size, tmp_path / f"{name}-{size_name}.png").read_bytes()
            assert png_size(png) == size
            if size == PHONE:
                check_phone(name, png_rows(png))


def check_phone(name: str, rows: list[list[tuple[int, int, int]]]) -> None:
    """What a phone shows without scrolling: the button (or the code) near the top, nothing
    wider than the screen."""
    width = len(rows[0])
    green = [y for y, row in enumerate(rows) if sum(near(p, GREEN) for p in row) > width // 2]
    inked = [y for y, row in enumerate(rows) if any(max(p) < 90 for p in row)]
    if name == "held_discord":
        assert not green and inked and inked[0] < len(rows) // 4, name  # the code, at the top
    else:
        assert green and green[0] < len(rows) // 3, name  # a full-width button, high up
    # Nothing runs into the right edge: the last columns stay blank.
    assert all(max(255 - c for c in row[-8]) < 40 for row in rows), name


def near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(a - b) < 24 for a, b in zip(pixel, colour, strict=True))
