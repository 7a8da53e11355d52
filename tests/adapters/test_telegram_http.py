"""Bot API calls over aiohttp go through the proxy the environment names, as PTB's own
httpx took it, and past it for the hosts NO_PROXY names."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from adapters.telegram.http import AiohttpRequest


@pytest.fixture
async def proxy() -> AsyncIterator[tuple[TestServer, list[str]]]:
    """A forward proxy stand-in: it answers every request itself, noting what was asked."""
    asked: list[str] = []

    async def forward(request: web.Request) -> web.Response:
        asked.append(str(request.url))
        return web.json_response({"ok": True, "result": True})

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", forward)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield server, asked
    await server.close()


async def test_calls_go_through_the_proxy_the_environment_names(
        proxy: tuple[TestServer, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    server, asked = proxy
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{server.port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    request = AiohttpRequest()
    await request.initialize()
    try:
        for method in ("getMe", "sendMessage"):  # the environment is read once, for both
            status, _ = await request.do_request(f"http://api.telegram.test/botT/{method}",
                                                 "POST")
            assert status == 200
    finally:
        await request.shutdown()
    assert asked == ["http://api.telegram.test/botT/getMe",
                     "http://api.telegram.test/botT/sendMessage"]


async def test_hosts_no_proxy_names_are_called_directly(
        proxy: tuple[TestServer, list[str]], monkeypatch: pytest.MonkeyPatch) -> None:
    server, asked = proxy
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    request = AiohttpRequest()
    await request.initialize()
    try:
        status, _ = await request.do_request(f"http://127.0.0.1:{server.port}/botT/getMe",
                                             "POST")
    finally:
        await request.shutdown()
    assert status == 200 and asked == [f"http://127.0.0.1:{server.port}/botT/getMe"]
