"""The connecting pages speak the language of the person who ran /link, else the language the
browser asks for (Accept-Language), and say which in `<html lang>`. Real spotipy against the
Spotify stand-in, the real web server and storage; the marked catalogues say which language a
sentence was said in ("[pt-BR] One more step")."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path

import aiohttp
import pytest

from adapters.storage import Database, SqlStore
from adapters.web.server import WebServer
from core import texts
from core.connecting import Connecting
from core.models import UserKey
from tests.connecting_helpers import CallbackPage, spotify_connect_rig
from tests.translation_helpers import marked, marked_locales

__all__ = ["marked", "marked_locales"]  # fixtures

ALICE = UserKey("telegram", "42")
BRAZILIAN_BROWSER = {"Accept-Language": "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7"}


@pytest.fixture
async def connecting(tmp_path: Path, marked: Path) -> AsyncIterator[Connecting]:
    """Connecting as `stash run` wires it, its callback served where Spotify sends browsers."""
    async with AsyncExitStack() as stack:
        connect_rig = await stack.enter_async_context(spotify_connect_rig())
        database = await Database.open(str(tmp_path / "stash.db"))
        stack.push_async_callback(database.close)
        connecting = Connecting(connect_rig.build(database), SqlStore(database))
        await stack.enter_async_context(WebServer(host="127.0.0.1", port=connect_rig.port,
                                                  connecting=connecting))
        connect_rig.spotify.login_as("alice")
        yield connecting


async def browse(url: str, headers: dict[str, str] | None = None,
                 session: aiohttp.ClientSession | None = None) -> CallbackPage:
    async with AsyncExitStack() as stack:
        if session is None:
            session = await stack.enter_async_context(aiohttp.ClientSession(
                cookie_jar=aiohttp.CookieJar(unsafe=True)))
        async with session.get(url, headers=headers) as page:
            return CallbackPage(page.status, await page.text(), str(page.url))


def spoken(page: CallbackPage) -> tuple[str, str]:
    """The page's <html lang> and its heading."""
    lang = re.search(r'<html lang="([^"]+)">', page.text)
    title = re.search(r"<h1>([^<]+)</h1>", page.text)
    assert lang is not None and title is not None, page.text
    return lang[1], title[1]


async def test_a_link_nobody_said_a_language_for_follows_the_browser(
        connecting: Connecting) -> None:
    page = await browse(await connecting.start(ALICE), BRAZILIAN_BROWSER)
    assert spoken(page) == ("pt-BR", "[pt-BR] One more step")
    assert f"[pt-BR] {texts.MESSAGES['page.whose']}" in page.text
    english = await browse(await connecting.start(ALICE))
    assert spoken(english) == ("en", "One more step")
    assert texts.MESSAGES["page.whose"] in english.text and "[pt-BR]" not in english.text


async def test_the_page_speaks_the_language_of_whoever_ran_link(connecting: Connecting) -> None:
    with texts.in_language("ru"):
        url = await connecting.start(ALICE)
    async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as tab:
        page = await browse(url, BRAZILIAN_BROWSER, tab)
        assert spoken(page) == ("ru", "[ru] One more step")
        assert page.text.count("[ru] ") >= 4 and "[pt-BR]" not in page.text
        reloaded = await browse(page.url, BRAZILIAN_BROWSER, tab)  # phones reload the tab
    assert spoken(reloaded) == ("ru", "[ru] One more step")


async def test_an_error_page_follows_the_browser(connecting: Connecting) -> None:
    page = await browse(await connecting.start(ALICE), {"Accept-Language": "es-419,es;q=0.9"})
    callback = page.url.split("?")[0]
    failed = await browse(f"{callback}?state=nope&code=x", {"Accept-Language": "es-419,es;q=0.9"})
    assert failed.status == 400
    assert spoken(failed) == ("es", f"[es] {texts.MESSAGES['page.title.not_linked']}")
