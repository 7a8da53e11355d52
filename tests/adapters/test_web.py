"""The web server: health check and the Spotify callback page, as a browser sees them."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest

from adapters.web.server import WebServer
from core.models import LinkedAccount, UserKey
from tests.fakes import FakeLinker

ALICE = UserKey("telegram", "1")


@pytest.fixture
async def served() -> AsyncIterator[tuple[str, FakeLinker, list[LinkedAccount]]]:
    linker = FakeLinker()
    confirmed: list[LinkedAccount] = []

    async def on_linked(account: LinkedAccount) -> None:
        confirmed.append(account)

    async with WebServer(host="127.0.0.1", port=0, linker=linker, on_linked=on_linked) as server:
        yield f"http://127.0.0.1:{server.port}", linker, confirmed


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url) as response:
        return response.status, await response.text()


async def test_healthz_answers(served: tuple) -> None:
    base, _, _ = served
    assert await get(base + "/healthz") == (200, "ok\n")


async def test_the_callback_links_once_and_confirms_in_the_chat(served: tuple) -> None:
    base, linker, confirmed = served
    state = (await linker.authorize_url(ALICE)).rsplit("=", 1)[1]
    status, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert status == 200 and "Linked as Name of 1" in body
    # Someone tricked into opening another person's link learns whose account it went to.
    assert "for Telegram user 1" in body and "spotify.com/account/apps" in body
    assert [a.user for a in confirmed] == [ALICE]
    status, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert status == 400 and "may have expired" in body


@pytest.mark.parametrize(("query", "text"), [
    ("error=access_denied&state=x", "access wasn&#x27;t granted"),
    ("code=good-code&state=unknown", "may have expired"),
    ("", "may have expired"),
])
async def test_a_failed_callback_explains_why(served: tuple, query: str, text: str) -> None:
    base, _, confirmed = served
    status, body = await get(f"{base}/spotify/callback?{query}")
    assert status == 400 and text in body
    assert confirmed == []


async def test_names_are_escaped_in_the_page(served: tuple) -> None:
    base, linker, _ = served
    evil = UserKey("telegram", "<script>alert(1)</script>")
    state = (await linker.authorize_url(evil)).rsplit("=", 1)[1]
    _, body = await get(f"{base}/spotify/callback?code=good-code&state={state}")
    assert "<script>" not in body and "&lt;script&gt;" in body
