"""The web server: health check and the Spotify callback page, as a browser sees them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.web.server import WebServer
from core.connect_codes import ChatAccount, ConfirmStep
from core.connecting import Connecting
from core.models import UserKey
from tests.fakes import FakeConnector, MemoryStore

ALICE = UserKey("telegram", "1")


@pytest.fixture
async def served() -> AsyncIterator[tuple[str, FakeConnector, Connecting]]:
    connector = FakeConnector()
    connecting = Connecting(connector, MemoryStore())
    async with WebServer(host="127.0.0.1", port=0, connecting=connecting) as server:
        yield f"http://127.0.0.1:{server.port}", connector, connecting


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_healthz_answers(served: tuple) -> None:
    base, _, _ = served
    assert await get(base + "/healthz") == (200, "ok\n")


async def test_the_callback_links_nothing_and_shows_a_code_for_the_chat(served: tuple) -> None:
    base, connector, _ = served
    state = (await connector.authorize_url(ALICE)).rsplit("=", 1)[1]
    status, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert status == 200 and "One more step" in body
    assert connector.connected == {}  # whoever opened the link is not known to be Alice
    assert '<p class="code">HELD0-00000</p>' in body
    assert "Not you? Close this page and don&#x27;t pass the code on." in body
    status, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert status == 400 and "may have expired" in body


async def test_the_page_says_how_the_asker_s_chat_takes_the_code(served: tuple) -> None:
    base, connector, connecting = served

    async def tell(user: UserKey, text: str) -> None:
        raise AssertionError("nobody is told anything")

    connecting.reach("telegram", tell, lambda code: ConfirmStep(
        "Press Start.", f"https://t.me/stash_bot?start={code}"))
    state = (await connector.authorize_url(ALICE)).rsplit("=", 1)[1]
    _, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert 'href="https://t.me/stash_bot?start=HELD000000"' in body and "Press Start." in body


@pytest.mark.parametrize(("query", "text"), [
    ("error=access_denied&state=x", "access wasn&#x27;t granted"),
    ("code=good-code&state=unknown", "may have expired"),
    ("", "may have expired"),
])
async def test_a_failed_callback_explains_why(served: tuple, query: str, text: str) -> None:
    base, connector, _ = served
    status, body = await get(f"{base}/spotify/callback?{query}")
    assert status == 400 and text in body
    assert connector.held == {} and connector.connected == {}


async def test_names_are_escaped_in_the_page(served: tuple) -> None:
    base, connector, _ = served
    evil = UserKey("telegram", "<script>alert(1)</script>")
    state = (await connector.authorize_url(evil)).rsplit("=", 1)[1]
    _, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    # The display name comes from Spotify: whatever it holds stays text.
    assert "<script>" not in body and "&lt;script&gt;" in body


async def test_the_page_names_the_chat_account_the_code_links_to(served: tuple) -> None:
    base, connector, connecting = served

    async def tell(user: UserKey, text: str) -> None:
        raise AssertionError("nobody is told anything")

    async def name_of(user: UserKey) -> ChatAccount | None:
        return ChatAccount(user.platform, user.user_id, "mallory",
                           "Alice\u202e <b>(@alice)</b>\u200b")

    connecting.reach("telegram", tell, lambda code: ConfirmStep("Press Start."), name_of)
    state = (await connector.authorize_url(ALICE)).rsplit("=", 1)[1]
    _, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    # The handle and number stand apart from the display name, which is marked as one.
    assert ('<dt>Telegram username</dt><dd class="handle">@mallory</dd>'
            '<dt>Telegram account number</dt><dd class="">1</dd>'
            '<dt>Display name (anyone can choose any)</dt>'
            '<dd class="chosen">\u201cAlice &lt;b&gt;(@alice)&lt;/b&gt;\u201d</dd>') in body
    assert not {"\u202e", "\u200b"} & set(body)


async def test_a_chat_app_that_does_not_answer_still_shows_the_code_and_the_number(
        served: tuple) -> None:
    base, connector, connecting = served

    async def tell(user: UserKey, text: str) -> None:
        raise AssertionError("nobody is told anything")

    async def name_of(user: UserKey) -> ChatAccount | None:
        raise OSError("Telegram is unreachable")

    connecting.reach("telegram", tell, lambda code: ConfirmStep("Press Start."), name_of)
    state = (await connector.authorize_url(ALICE)).rsplit("=", 1)[1]
    status, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert status == 200 and '<p class="code">HELD0-00000</p>' in body
    assert '<dt>Telegram account number</dt><dd class="">1</dd></dl>' in body
