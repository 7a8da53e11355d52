"""The media host's public routes: clips, the huge file, the redirect and the login wall."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from aiohttp import web

from sandbox.media import pages
from sandbox.media.body import Body, Delivery, send
from sandbox.media.clips import parse_clip, parse_huge

if TYPE_CHECKING:
    from sandbox.media.standin import MediaHost

LOGIN_PATH = "/accounts/login/"
REDIRECT_STATUSES = (301, 302, 303, 307, 308)


class MediaRoutes:
    """Handlers for one MediaHost; they read its faults, cache and ledger."""

    def __init__(self, host: MediaHost) -> None:
        self.host = host
        self._streams: set[asyncio.Task[Any]] = set()
        router = host.app.router
        router.add_get("/{kind:clip|long}/{name}", self.clip)
        router.add_get("/huge/{name}", self.huge)
        router.add_get("/redirect", self.redirect)
        router.add_get(LOGIN_PATH, self.login)

    @property
    def streaming(self) -> int:
        """How many bodies are still being sent."""
        return len(self._streams)

    def cut_streams(self) -> None:
        """Cancel bodies still streaming, e.g. to a client that stopped reading."""
        for task in self._streams:
            task.cancel()

    async def clip(self, request: web.Request) -> web.StreamResponse:
        """GET|HEAD /clip/<key>.<fmt> and /long/<key>.<fmt>."""
        fault = request.query.get("fault", self.host.faults.mode)
        if fault:
            return self._fault(request, fault)
        try:
            spec = parse_clip(request.match_info["kind"], request.match_info["name"], request.query)
        except LookupError:
            return self._page(request, 404, pages.NOT_FOUND_TEXT)
        except ValueError as err:
            return self._page(request, 400, str(err))
        data = await asyncio.to_thread((await self.host.cache.path(spec)).read_bytes)
        return await self._send(request, Body.of_bytes(data, spec.content_type))

    async def huge(self, request: web.Request) -> web.StreamResponse:
        """GET|HEAD /huge/<name>.<fmt>?mb=N: generated as it is sent."""
        try:
            size, content_type = parse_huge(request.match_info["name"], request.query)
        except LookupError:
            return self._page(request, 404, pages.NOT_FOUND_TEXT)
        except ValueError as err:
            return self._page(request, 400, str(err))
        return await self._send(request, Body.generated(size, content_type))

    async def redirect(self, request: web.Request) -> web.StreamResponse:
        """GET /redirect?to=<url>&status=302."""
        target = request.query.get("to")
        status = request.query.get("status", "302")
        if not target or not status.isdigit() or int(status) not in REDIRECT_STATUSES:
            return self._page(request, 400, "redirect needs ?to=<url> and a 3xx status")
        return web.Response(status=int(status), headers={"Location": target})

    async def login(self, request: web.Request) -> web.StreamResponse:
        """GET /accounts/login/: the login wall."""
        return self._page(request, 200, pages.LOGIN_PAGE, "text/html")

    def _fault(self, request: web.Request, fault: str) -> web.StreamResponse:
        if fault == "403":
            return self._page(request, 403, pages.FORBIDDEN_TEXT)
        if fault == "404":
            return self._page(request, 404, pages.NOT_FOUND_TEXT)
        if fault == "login":
            return self._page(request, 200, pages.LOGIN_PAGE, "text/html")
        if fault == "login-redirect":
            location = f"{self.host.origin}{LOGIN_PATH}?next={quote(request.path)}"
            return web.Response(status=302, headers={"Location": location})
        return self._page(request, 400, "fault must be 403, 404, login or login-redirect")

    def _page(
        self, request: web.Request, status: int, text: str, content_type: str = "text/plain"
    ) -> web.Response:
        if request.method != "HEAD":
            self.host.ledger.count_page(request.path, len(text.encode()))
        return web.Response(status=status, text=text, content_type=content_type)

    async def _send(self, request: web.Request, body: Body) -> web.StreamResponse:
        faults = self.host.faults
        rate = request.query.get("rate", faults.rate)
        if rate is not None and not str(rate).isdigit():
            return self._page(request, 400, "rate must be a whole number of bytes per second")
        record = self.host.ledger.open(request.method, request.path, request.headers.get("Range"))
        delivery = Delivery(
            rate=int(rate or 0) or None,
            length=request.query.get("length", "1" if faults.length else "0") != "0",
            counted=partial(self.host.ledger.count, record),
            answered=partial(setattr, record, "status"),
        )
        task = asyncio.current_task()
        if task is not None:
            self._streams.add(task)
        try:
            response = await send(request, body, delivery)
        finally:
            self._streams.discard(task)
        record.status = response.status  # a 416 never reaches `answered`
        return response
