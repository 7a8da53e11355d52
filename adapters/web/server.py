"""One aiohttp server for everything Stash serves over HTTP."""

from __future__ import annotations

import html
import logging
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import Self

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from core.errors import LinkFailed, StashError
from core.models import LinkedAccount
from core.ports import AccountLinker

log = logging.getLogger(__name__)

OnLinked = Callable[[LinkedAccount], Awaitable[None]]
Readiness = Callable[[], Awaitable[dict[str, bool]]]

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stash</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}}
</style></head><body><h1>{title}</h1><p>{text}</p></body></html>"""


def page(title: str, text: str, status: int = 200) -> web.Response:
    """A small HTML page; both strings are escaped."""
    body = _PAGE.format(title=html.escape(title), text=html.escape(text))
    return web.Response(text=body, status=status, content_type="text/html",
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


class WebServer:
    """Serves /healthz and the Spotify callback on HTTP_HOST:HTTP_PORT."""

    def __init__(self, *, host: str, port: int, linker: AccountLinker | None = None,
                 callback_path: str = "/spotify/callback", on_linked: OnLinked | None = None,
                 registry: CollectorRegistry | None = None, readiness: Readiness | None = None
                 ) -> None:
        self.host = host
        self.port = port
        self.app = web.Application()
        self._linker = linker
        self._on_linked = on_linked
        self._registry = registry
        self._readiness = readiness
        self._runner: web.AppRunner | None = None
        self.app.router.add_get("/healthz", self._healthz)
        self.app.router.add_get("/readyz", self._readyz)
        self.app.router.add_get("/metrics", self._metrics)
        self.app.router.add_get(callback_path, self._callback)

    async def _readyz(self, _: web.Request) -> web.Response:
        checks = await self._readiness() if self._readiness else {}
        ready = all(checks.values())
        return web.json_response({"ready": ready, "checks": checks}, status=200 if ready else 503)

    async def _metrics(self, _: web.Request) -> web.Response:
        if self._registry is None:
            raise web.HTTPNotFound()
        body = generate_latest(self._registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _healthz(self, _: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _callback(self, request: web.Request) -> web.Response:
        if self._linker is None:
            return page("Not set up", "Linking Spotify isn't set up on this Stash.", 404)
        query = request.query
        if query.get("error"):
            return page("Not linked", "Spotify says access wasn't granted. Go back to the chat "
                        "and use /link to try again.", 400)
        state, code = query.get("state", ""), query.get("code", "")
        if not state or not code:
            return page("Not linked", LinkFailed.user_message, 400)
        try:
            account = await self._linker.finish(state, code)
        except StashError as err:
            return page("Not linked", err.user_message, 400)
        if self._on_linked is not None:
            try:
                await self._on_linked(account)
            except Exception:  # the page must still say linking worked
                log.exception("could not confirm the link in the chat")
        who = f"{account.user.platform.capitalize()} user {account.user.user_id}"
        return page(f"Linked as {account.display_name}",
                    f"Your Spotify account is linked to Stash for {who}. You can close this "
                    "page and go back to the chat: songs you share now go to your playlist. "
                    "If you did not ask for this link yourself (someone sent it to you), "
                    "remove Stash at https://www.spotify.com/account/apps/ now.")

    async def start(self) -> None:
        """Listen; port 0 picks a free port."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        if self.port == 0 and self._runner.addresses:
            self.port = self._runner.addresses[0][1]

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()
