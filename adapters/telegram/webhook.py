"""Webhook mode: an aiohttp handler for the web server, checked with Telegram's secret token."""

from __future__ import annotations

import hmac
import json
import logging

from aiohttp import web
from telegram import Update
from telegram.ext import Application

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
MAX_BODY = 1 << 20  # updates are small; anything larger is not from Telegram


class WebhookReceiver:
    """Takes Telegram's POSTs and queues the updates for the application."""

    def __init__(self, application: Application, secret: str) -> None:  # type: ignore[type-arg]
        self._application = application
        self._secret = secret.encode()
        self.refusing = False  # stopping: Telegram delivers again later, to a live replica

    async def handle(self, request: web.Request) -> web.Response:
        """The aiohttp handler: 403 without the right secret, 400 for a body that is no update."""
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self._secret):
            return web.Response(status=403)
        if self.refusing:
            return web.Response(status=503)
        if (request.content_length or 0) > MAX_BODY:
            return web.Response(status=413)
        try:
            data = json.loads(await request.read())
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self._application.bot)
        except (ValueError, TypeError, KeyError, AttributeError):
            log.warning("the webhook got a body that is not an update")
            return web.Response(status=400)
        await self._application.update_queue.put(update)
        return web.Response()
