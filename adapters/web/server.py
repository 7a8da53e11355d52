"""One aiohttp server for everything Stash serves over HTTP."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from adapters.running import Running
from core.accounts import HeldLink
from core.errors import LinkFailed, StashError
from core.linking import ConfirmStep, Linking, shown_code

Readiness = Callable[[], Awaitable[dict[str, bool]]]

_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Stash</title>
<style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem}}
.code{{font:bold 2rem monospace;letter-spacing:.1em}}
a.button{{display:inline-block;padding:.6rem 1rem;background:#1db954;color:#fff;
border-radius:.4rem;text-decoration:none}}</style></head><body><h1>{title}</h1>{body}
</body></html>"""
HELD_TITLE = "One more step"
NOT_YOURS = ("Did someone else send you the link that brought you here? Then stop: close this "
             "page and don't pass the code on. Nothing is linked, and Stash forgets this "
             "authorization in 10 minutes.")


def page(title: str, text: str, status: int = 200, *, code: str | None = None,
         action: tuple[str, str] | None = None, more: tuple[str, ...] = ()) -> web.Response:
    """A small HTML page; every string is escaped. `action` is a (label, https URL) button."""
    parts = [f"<p>{html.escape(text)}</p>"]
    if action is not None and action[1].startswith("https://"):
        parts.append(f'<p><a class="button" href="{html.escape(action[1])}">'
                     f"{html.escape(action[0])}</a></p>")
    if code is not None:
        parts.append(f'<p class="code">{html.escape(code)}</p>')
    parts += [f"<p>{html.escape(paragraph)}</p>" for paragraph in more]
    body = _PAGE.format(title=html.escape(title), body="\n".join(parts))
    return web.Response(text=body, status=status, content_type="text/html",
                        headers={"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"})


def held_page(held: HeldLink, step: ConfirmStep) -> web.Response:
    """What the browser shows once Spotify said yes: the code, and how to send it back."""
    text = f"Spotify account \u201c{held.display_name}\u201d is ready, but not linked yet. "
    if step.account:  # whose chat the code finishes in: a victim can see it is not theirs
        text += f"The code links it to {step.account}, who asked with /link. "
    text += step.text
    action = ("Finish in the chat", step.url) if step.url else None
    return page(HELD_TITLE, text, code=shown_code(held.code), action=action,
                more=("The code works once, for 10 minutes, and only from the chat account "
                      "that asked for the link.", NOT_YOURS))


class WebServer(Running):
    """Serves /healthz and the Spotify callback on HTTP_HOST:HTTP_PORT."""

    def __init__(self, *, host: str, port: int, linking: Linking | None = None,
                 callback_path: str = "/spotify/callback",
                 registry: CollectorRegistry | None = None, readiness: Readiness | None = None
                 ) -> None:
        self.host = host
        self.port = port
        self.app = web.Application()
        self._linking = linking
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
        # Whoever opened the link is not known to be who asked for it: hold the account until
        # the code shown here comes back from the chat account that ran /link.
        if self._linking is None or not self._linking.available:
            return page("Not set up", "Linking Spotify isn't set up on this Stash.", 404)
        query = request.query
        if query.get("error"):
            return page("Not linked", "Spotify says access wasn't granted. Go back to the chat "
                        "and use /link to try again.", 400)
        state, code = query.get("state", ""), query.get("code", "")
        if not state or not code:
            return page("Not linked", LinkFailed.user_message, 400)
        try:
            held, step = await self._linking.hold(state, code)
        except StashError as err:
            return page("Not linked", err.user_message, 400)
        return held_page(held, step)

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
