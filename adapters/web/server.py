"""One aiohttp server for everything Stash serves over HTTP."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from adapters.running import Running
from adapters.web.pages import DONE, held_page, message_page
from core.connect_codes import CODE_LIFETIME
from core.connecting import Connecting
from core.errors import ConnectFailed, StashError
from core.texts import accepted, in_language, say, speaking

Readiness = Callable[[], Awaitable[dict[str, bool]]]
# The cookie that lets a reload show the callback page again, one per state (two pending links
# in one browser keep their own): this, then the start of the state's SHA-256.
TICKET = "stash_link_"


def ticket_cookie(state: str) -> str:
    """The name of the reload cookie of `state`'s callback page."""
    return TICKET + hashlib.sha256(state.encode()).hexdigest()[:16]


def _behind_https(request: web.Request) -> bool:
    """True when the browser reached us over https (directly, or through a TLS proxy)."""
    return request.secure or request.headers.get("X-Forwarded-Proto", "") == "https"

class WebServer(Running):
    """Serves /healthz and the Spotify callback on HTTP_HOST:HTTP_PORT."""

    def __init__(self, *, host: str, port: int, connecting: Connecting | None = None,
                 callback_path: str = "/spotify/callback",
                 registry: CollectorRegistry | None = None, readiness: Readiness | None = None
                 ) -> None:
        self.host = host
        self.port = port
        self.app = web.Application()
        self._connecting = connecting
        self._registry = registry
        self._readiness = readiness
        self._runner: web.AppRunner | None = None
        self.app.router.add_get("/healthz", self._healthz)
        self.app.router.add_get("/readyz", self._readyz)
        self.app.router.add_get("/metrics", self._metrics)
        self._callback_path = callback_path
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
        # The browser's language until the held link says whose /link this was.
        with in_language(accepted(request.headers.get("Accept-Language"))):
            return await self._answer(request)

    async def _answer(self, request: web.Request) -> web.Response:
        # Whoever opened the link is not known to be who asked for it: hold the account until
        # the code shown here comes back from the chat account that ran /link.
        connecting = self._connecting
        if connecting is None or not connecting.available:
            return message_page(say("page.title.not_set_up"), say("page.not_set_up"), [], 404)
        query = request.query
        if query.get("error"):
            return message_page(say("page.title.not_linked"), say("page.denied"), connecting.homes,
                                400)
        state, code = query.get("state", ""), query.get("code", "")
        if not state or not code:
            return message_page(say("page.title.not_linked"), ConnectFailed.user_message,
                                connecting.homes, 400)
        ticket = request.cookies.get(ticket_cookie(state))
        # A reload (phones reload a tab when you switch apps): the same page, from the sealed
        # ticket only the browser that saw it holds, for this state's callback only.
        reopened = await connecting.reopen(ticket, state) if ticket else None
        if reopened is not None:
            held, step = reopened
            with in_language(held.lang or speaking.get()):
                return (message_page(say("page.title.done"), DONE, connecting.homes) if held.used
                        else held_page(held, step))
        try:
            held, step = await connecting.hold(state, code)
        except StashError as err:
            return message_page(say("page.title.not_linked"), err.user_message, connecting.homes,
                                400)
        with in_language(held.lang or speaking.get()):
            response = held_page(held, step)
        if held.ticket:
            response.set_cookie(ticket_cookie(state), held.ticket, max_age=int(CODE_LIFETIME),
                                path=self._callback_path, httponly=True, samesite="Lax",
                                secure=_behind_https(request))
        return response

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
