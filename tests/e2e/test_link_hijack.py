"""Connecting cannot be hijacked: whoever opens someone else's authorization link links nothing.

The attack: Mallory sends /link and passes the authorization link to Alice; Alice opens it and
approves. Before the fix the web callback linked Alice's Spotify to Mallory's chat account.
Now the callback page only shows a code that must come back from the account that ran /link.
Everything is real here but the people: python-telegram-bot and discord.py against their
stand-ins, spotipy against the Spotify stand-in, the web server, a browser (aiohttp).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import aiohttp
import pytest

from adapters.spotify.errors import FEWER_PERMISSIONS, NOT_ON_APP_LIST
from adapters.spotify.tokens import SCOPES
from adapters.web.pages import DONE
from adapters.web.server import WebServer
from core import texts
from core.accounts import AccountStore
from core.connecting import (
    FOREIGN_ATTEMPT,
    NOT_YOUR_ADDRESS,
    USED_ELSEWHERE,
    WHOLE_ADDRESS,
    Connecting,
)
from core.errors import ForeignConnectCode
from core.models import UserKey
from sandbox.spotify.state import SpotifyUser
from tests.connecting_helpers import (
    Browser,
    ConnectRig,
    authorization_url,
    open_in_browser,
    spotify_connect_rig,
)
from tests.discord_helpers import World as DiscordWorld
from tests.discord_helpers import running_world
from tests.telegram_helpers import ALICE_ID, World, running_bot

MALLORY_ID = 6666


async def serve_callback(stack: AsyncExitStack, connect_rig: ConnectRig,
                         connecting: Connecting) -> None:
    """The web server of `stash run`, on the port Spotify redirects to."""
    await stack.enter_async_context(WebServer(host="127.0.0.1", port=connect_rig.port,
                                              connecting=connecting))


async def connected_to(connecting: Connecting, user: UserKey) -> str | None:
    """The Spotify account stored for `user`, straight from the database."""
    store: AccountStore = connecting._connector.store  # type: ignore[union-attr]
    account = await store.account(user)
    return account.spotify_user_id if account else None


# --- Telegram -----------------------------------------------------------------------------------

@dataclass
class Telegram:
    bot: World
    connect_rig: ConnectRig

    async def says(self, user_id: int, text: str) -> str:
        """What the bot answers in the private chat after `user_id` writes `text`."""
        before = len(self.bot.bot_messages(user_id))
        self.bot.tg.user_sends(user_id, text)
        await self.bot.tg.wait_for(lambda: len(self.bot.bot_messages(user_id)) > before)
        return self.bot.bot_messages(user_id)[-1].text or ""

    async def tap(self, user_id: int, deep_link: str) -> str:
        """Tap a t.me link and press Start, as `user_id`: Telegram sends /start <payload>."""
        parts = urlsplit(deep_link)
        assert (parts.scheme, parts.netloc, parts.path) == ("https", "t.me", "/stash_test_bot")
        return await self.says(user_id, f"/start {parse_qs(parts.query)['start'][0]}")

    def connected(self, user_id: int) -> Any:
        return connected_to(self.bot.front.deps.connecting, UserKey("telegram", str(user_id)))


@pytest.fixture
async def telegram(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Telegram]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        bot = await stack.enter_async_context(running_bot(tmp_path, accounts=connect_rig.build))
        bot.tg.add_user(MALLORY_ID, "Mallory", "mallory")
        await serve_callback(stack, connect_rig, bot.front.deps.connecting)
        yield Telegram(bot, connect_rig)


async def test_telegram_hijack_links_nothing_and_warns_who_asked(telegram: Telegram,
                                                                 caplog: pytest.LogCaptureFixture
                                                                 ) -> None:
    caplog.set_level(logging.INFO)
    url = authorization_url(await telegram.says(MALLORY_ID, "/link"))
    assert parse_qs(urlsplit(url).query)["show_dialog"] == ["true"]
    telegram.connect_rig.spotify.login_as("alice")  # Alice opens Mallory's link and approves
    page = await open_in_browser(url)
    assert page.status == 200 and "One more step" in page.text
    # Alice can see whose chat the code finishes in: not hers.
    assert page.account == {"Telegram username": "@mallory",
                            "Telegram account number": str(MALLORY_ID),
                            "Display name (anyone can choose any)": "\u201cMallory\u201d"}
    assert "Not you? Close this page" in page.text
    assert await telegram.connected(MALLORY_ID) is None  # nothing stored for Mallory yet

    assert page.button is not None and page.code is not None
    assert await telegram.tap(ALICE_ID, page.button) == ForeignConnectCode.user_message
    assert telegram.bot.bot_messages(MALLORY_ID)[-1].text == FOREIGN_ATTEMPT
    assert await telegram.connected(MALLORY_ID) is None
    assert await telegram.connected(ALICE_ID) is None
    # Mallory cannot use the code afterwards either: it worked once, and she hears why.
    assert await telegram.says(MALLORY_ID, page.code) == USED_ELSEWHERE
    assert "I don't know that code" in await telegram.says(ALICE_ID, page.code)
    assert await telegram.connected(MALLORY_ID) is None
    assert page.code not in caplog.text and page.code.replace("-", "") not in caplog.text


async def test_telegram_owner_finishes_with_the_deep_link(telegram: Telegram) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.button is not None
    assert await telegram.tap(ALICE_ID, page.button) == texts.linked_text("Alice")
    assert await telegram.connected(ALICE_ID) == "alice"


async def test_telegram_owner_can_type_the_code_and_paste_back_still_works(
        telegram: Telegram) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.code is not None
    assert await telegram.says(ALICE_ID, page.code.lower()) == texts.linked_text("Alice")
    assert await telegram.connected(ALICE_ID) == "alice"


# --- Discord ------------------------------------------------------------------------------------

@dataclass
class Discord:
    bot: DiscordWorld
    connect_rig: ConnectRig

    async def ask(self, user_id: int, name: str, options: dict[str, object] | None = None) -> str:
        """A slash command's (ephemeral) answer."""
        asked = await self.bot.dc.run_command(user_id, name, options)
        answer = (await self.bot.answered(asked))["original"]
        assert answer["ephemeral"] is True
        return str(answer["content"])

    async def dm(self, user_id: int, text: str) -> str:
        """The bot's reply to a direct message."""
        sent = await self.bot.dc.send_dm(user_id, text)
        channel = self.bot.dc.dm_channel_id(user_id)
        await self.bot.dc.wait_for(lambda: bool(self.bot.replies(sent["id"], channel)))
        return str(self.bot.replies(sent["id"], channel)[-1]["content"])

    def connected(self, user_id: int) -> Any:
        return connected_to(self.bot.connecting, self.bot.user(user_id))


@pytest.fixture
async def discord(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Discord]:
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        bot = await stack.enter_async_context(
            running_world(tmp_path, monkeypatch, accounts=connect_rig.build))
        await serve_callback(stack, connect_rig, bot.connecting)
        yield Discord(bot, connect_rig)


async def test_discord_hijack_links_nothing_and_warns_who_asked(discord: Discord) -> None:
    dc = discord.bot.dc
    mallory, alice = dc.bob_id, dc.alice_id
    url = authorization_url(await discord.ask(mallory, "link"))
    discord.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.status == 200 and page.button is None and page.code is not None
    assert page.account == {"Discord username": "@bob", "Discord account number": str(mallory)}
    assert f"/link code:{page.code}" in page.text
    assert await discord.dm(alice, page.code) == ForeignConnectCode.user_message
    await dc.wait_for(lambda: bool(dc.dm_transcript(mallory)))
    assert [m["content"] for m in dc.dm_transcript(mallory)] == [FOREIGN_ATTEMPT]
    assert await discord.connected(mallory) is None
    assert await discord.connected(alice) is None
    # The owner's own /link code: says what happened, not "I don't know that code".
    assert await discord.ask(mallory, "link", {"code": page.code}) == USED_ELSEWHERE
    assert await discord.connected(mallory) is None


async def test_discord_owner_finishes_with_connect_code(discord: Discord) -> None:
    alice = discord.bot.dc.alice_id
    url = authorization_url(await discord.ask(alice, "link"))
    discord.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.code is not None
    answer = await discord.ask(alice, "link", {"code": page.code})
    assert answer == texts.linked_text("Alice")
    assert await discord.connected(alice) == "alice"


async def test_discord_owner_can_send_the_code_in_a_direct_message(discord: Discord) -> None:
    alice = discord.bot.dc.alice_id
    url = authorization_url(await discord.ask(alice, "link"))
    discord.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.code is not None
    assert await discord.dm(alice, page.code) == texts.linked_text("Alice")
    assert await discord.connected(alice) == "alice"


async def test_a_spotify_display_name_mentions_nobody(telegram: Telegram) -> None:
    store = telegram.connect_rig.spotify.store
    store.users["eve"] = SpotifyUser("eve", "@mallory #free /forget")
    telegram.connect_rig.spotify.login_as("eve")
    page = await open_in_browser(authorization_url(await telegram.says(ALICE_ID, "/link")))
    assert page.button is not None and "@mallory #free /forget" in page.text
    answer = await telegram.tap(ALICE_ID, page.button)
    assert answer.replace("\u2060", "") == texts.linked_text("@mallory #free /forget")
    last = telegram.bot.bot_messages(ALICE_ID)[-1].message_id
    data = telegram.bot.tg.world().chats[ALICE_ID].messages[last].data
    assert data.get("entities", []) == []


# --- Spotify refuses the account (the app is in Development Mode) -------------------------------

async def test_telegram_development_mode_refusal_is_told_in_the_chat_too(telegram: Telegram
                                                                        ) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("outsider")  # not on the app's Development Mode list
    before = len(telegram.bot.bot_messages(ALICE_ID))
    page = await open_in_browser(url)
    assert page.status == 400 and "Development Mode" in page.text
    await telegram.bot.tg.wait_for(lambda: len(telegram.bot.bot_messages(ALICE_ID)) > before)
    assert telegram.bot.bot_messages(ALICE_ID)[-1].text == NOT_ON_APP_LIST
    assert await telegram.connected(ALICE_ID) is None


async def test_discord_development_mode_refusal_is_told_in_the_chat_too(discord: Discord
                                                                       ) -> None:
    dc = discord.bot.dc
    url = authorization_url(await discord.ask(dc.alice_id, "link"))
    discord.connect_rig.spotify.login_as("outsider")
    page = await open_in_browser(url)
    assert page.status == 400 and "Development Mode" in page.text
    await dc.wait_for(lambda: bool(dc.dm_transcript(dc.alice_id)))
    assert [m["content"] for m in dc.dm_transcript(dc.alice_id)] == [NOT_ON_APP_LIST]
    assert await discord.connected(dc.alice_id) is None


# --- Login CSRF: the attacker's own authorization code, pasted by someone with a pending /link --

async def attackers_callback(connect_rig: ConnectRig, state: str | None = None) -> str:
    """Mallory's own login for Stash's client id and redirect URI, without PKCE: the address
    Spotify sends her browser to, which she keeps instead of opening."""
    connect_rig.spotify.login_as("mallory")
    query = {"client_id": connect_rig.spotify.client_id, "response_type": "code",
             "redirect_uri": connect_rig.redirect_uri, "scope": SCOPES}
    if state is not None:
        query["state"] = state
    async with aiohttp.ClientSession() as browser, browser.get(
            f"{connect_rig.spotify.accounts_base_url}/authorize", params=query,
            allow_redirects=False) as answer:
        assert answer.status in (302, 303), await answer.text()
        return answer.headers["Location"]


def pastes_of(callback: str) -> list[str]:
    """What Mallory may persuade someone to paste: the bare code, and the address without its
    state."""
    code = parse_qs(urlsplit(callback).query)["code"][0]
    return [code, callback.split("?")[0] + f"?code={code}"]


async def test_telegram_a_pasted_code_without_the_persons_own_state_links_nothing(
        telegram: Telegram) -> None:
    telegram.connect_rig.spotify.store.users["mallory"] = SpotifyUser("mallory", "Mallory")
    await telegram.says(ALICE_ID, "/link")  # Alice's /link is pending
    for pasted in pastes_of(await attackers_callback(telegram.connect_rig)):
        assert await telegram.says(ALICE_ID, pasted) == WHOLE_ADDRESS
        assert await telegram.connected(ALICE_ID) is None
    # Mallory's own /link state with her own login: not Alice's, so nothing either.
    mallorys_state = parse_qs(urlsplit(authorization_url(
        await telegram.says(MALLORY_ID, "/link"))).query)["state"][0]
    callback = await attackers_callback(telegram.connect_rig, mallorys_state)
    assert await telegram.says(ALICE_ID, callback) == NOT_YOUR_ADDRESS
    assert await telegram.connected(ALICE_ID) is None
    assert await telegram.connected(MALLORY_ID) is None


async def test_discord_a_pasted_code_without_the_persons_own_state_links_nothing(
        discord: Discord) -> None:
    discord.connect_rig.spotify.store.users["mallory"] = SpotifyUser("mallory", "Mallory")
    dc = discord.bot.dc
    await discord.ask(dc.alice_id, "link")
    for pasted in pastes_of(await attackers_callback(discord.connect_rig)):
        assert await discord.dm(dc.alice_id, pasted) == WHOLE_ADDRESS
        assert await discord.connected(dc.alice_id) is None
    mallorys_state = parse_qs(urlsplit(authorization_url(
        await discord.ask(dc.bob_id, "link"))).query)["state"][0]
    callback = await attackers_callback(discord.connect_rig, mallorys_state)
    assert await discord.dm(dc.alice_id, callback) == NOT_YOUR_ADDRESS
    assert await discord.connected(dc.alice_id) is None
    assert await discord.connected(dc.bob_id) is None


async def test_telegram_a_pasted_address_with_the_persons_own_state_still_links(
        telegram: Telegram) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("alice")
    async with aiohttp.ClientSession() as browser, browser.get(
            url, allow_redirects=False) as answer:
        callback = answer.headers["Location"]
    assert await telegram.says(ALICE_ID, callback) == texts.linked_text("Alice")
    assert await telegram.connected(ALICE_ID) == "alice"


async def test_a_display_name_cannot_pass_for_another_account(telegram: Telegram) -> None:
    telegram.bot.tg.add_user(7777, "Alice (@alice)\u202e\u200b", "mallory2")
    url = authorization_url(await telegram.says(7777, "/link"))
    telegram.connect_rig.spotify.store.users["eve"] = SpotifyUser("eve", "Alice\u2066\u202e")
    telegram.connect_rig.spotify.login_as("eve")
    page = await open_in_browser(url)
    assert page.account == {"Telegram username": "@mallory2",
                            "Telegram account number": "7777",
                            "Display name (anyone can choose any)": "\u201cAlice (@alice)\u201d"}
    assert not set("\u202e\u200b\u2066") & set(page.text)


# --- A narrower scope than Stash asks for -------------------------------------------------------

def narrowed(url: str) -> str:
    """The authorization link with write permissions taken out (an edited link)."""
    parts = urlsplit(url)
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    query["scope"] = "playlist-read-private"
    return parts._replace(query=urlencode(query)).geturl()


async def test_telegram_a_pasted_address_with_fewer_permissions_is_answered(
        telegram: Telegram) -> None:
    url = narrowed(authorization_url(await telegram.says(ALICE_ID, "/link")))
    telegram.connect_rig.spotify.login_as("alice")
    async with aiohttp.ClientSession() as browser, browser.get(
            url, allow_redirects=False) as answer:
        callback = answer.headers["Location"]
    assert await telegram.says(ALICE_ID, callback) == FEWER_PERMISSIONS
    assert await telegram.connected(ALICE_ID) is None


async def test_the_callback_page_with_fewer_permissions_says_so(telegram: Telegram) -> None:
    url = narrowed(authorization_url(await telegram.says(ALICE_ID, "/link")))
    telegram.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.status == 400 and html.escape(FEWER_PERMISSIONS) in page.text
    assert await telegram.connected(ALICE_ID) is None


# --- Reloading the page (phones reload a tab when you switch apps) ------------------------------

async def test_telegram_a_reloaded_page_shows_the_same_code_then_done(telegram: Telegram) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("alice")
    async with Browser() as tab:
        page = await tab.open(url)
        assert page.code is not None
        again = await tab.open(page.url)
        assert (again.status, again.code, again.button) == (200, page.code, page.button)
        # The address alone shows nothing: only the browser that saw the page reloads it.
        async with Browser() as elsewhere:
            copied = await elsewhere.open(page.url)
        assert copied.status == 400 and copied.code is None
        assert await telegram.tap(ALICE_ID, page.button or "") == texts.linked_text("Alice")
        done = await tab.open(page.url)
    assert done.status == 200 and done.code is None and html.escape(DONE) in done.text
    assert await telegram.connected(ALICE_ID) == "alice"


async def test_discord_a_reloaded_page_after_someone_else_sent_the_code_shows_done(
        discord: Discord) -> None:
    dc = discord.bot.dc
    url = authorization_url(await discord.ask(dc.bob_id, "link"))
    discord.connect_rig.spotify.login_as("alice")
    async with Browser() as tab:
        page = await tab.open(url)
        assert page.code is not None and (await tab.open(page.url)).code == page.code
        assert await discord.dm(dc.alice_id, page.code) == ForeignConnectCode.user_message
        done = await tab.open(page.url)
    assert done.code is None and html.escape(DONE) in done.text


async def test_a_reload_names_the_chat_account_from_its_ticket_without_asking_telegram(
        telegram: Telegram) -> None:
    url = authorization_url(await telegram.says(ALICE_ID, "/link"))
    telegram.connect_rig.spotify.login_as("alice")
    tg = telegram.bot.tg
    async with Browser() as tab:
        page = await tab.open(url)
        asked = sum(call.method.lower() == "getchat" for call in tg.calls)
        again = await tab.open(page.url)
        assert sum(call.method.lower() == "getchat" for call in tg.calls) == asked == 1
    who = re.compile(r'<section class="who">.*</section>', re.S)
    assert (again.code, who.findall(again.text)) == (page.code, who.findall(page.text))
    assert str(ALICE_ID) in who.findall(again.text)[0]


async def test_two_pending_links_in_one_browser_each_reload_their_own_page(
        telegram: Telegram) -> None:
    telegram.connect_rig.spotify.login_as("alice")
    async with Browser() as tab:
        first = await tab.open(authorization_url(await telegram.says(ALICE_ID, "/link")))
        second = await tab.open(authorization_url(await telegram.says(ALICE_ID, "/link")))
        assert first.code is not None and second.code not in (None, first.code)
        reloaded = [await tab.open(first.url), await tab.open(second.url)]
    assert [(p.status, p.code) for p in reloaded] == [(200, first.code), (200, second.code)]


async def test_the_callback_pages_load_nothing_and_cannot_be_framed(telegram: Telegram) -> None:
    telegram.connect_rig.spotify.login_as("alice")
    async with Browser() as tab:
        held = await tab.open(authorization_url(await telegram.says(ALICE_ID, "/link")))
        forged = await tab.open(held.url.split("?")[0] + "?code=made-up")
    for page in (held, forged):
        assert page.headers["Content-Security-Policy"] == (
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'")
        assert page.headers["X-Content-Type-Options"] == "nosniff"


async def test_a_legacy_discord_account_is_named_with_its_tag(discord: Discord) -> None:
    dc = discord.bot.dc
    dc.world.users[dc.bob_id].discriminator = "1234"  # an account from before the 2023 names
    url = authorization_url(await discord.ask(dc.bob_id, "link"))
    discord.connect_rig.spotify.login_as("alice")
    page = await open_in_browser(url)
    assert page.account == {"Discord username": "@bob#1234",
                            "Discord account number": str(dc.bob_id)}
