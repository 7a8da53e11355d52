"""Webhook mode: an aiohttp handler for the web server, checked with Telegram's secret token.

An update is answered 200 (never to be sent again) only once it is safe: its handlers are done,
or the shares they start are on record. While stopping, and when an update could not be taken
(its inbox claim failed), the answer is 503: Telegram delivers it again, to a live replica."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from core import receipts

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
        app = self._application
        if not app.running:
            return web.Response(status=503)
        receipt = receipts.Receipt()
        token = receipts.receipt.set(receipt)
        try:
            await app.update_processor.process_update(update, app.process_update(update))
        finally:
            receipts.receipt.reset(token)
        await receipt.settled()
        return web.Response(status=503 if receipt.refused else 200)


class ReceiptApplication(Application):  # type: ignore[type-arg]
    """python-telegram-bot's Application, whose handler tasks carry their update's receipt."""

    def create_task(self, coroutine: Any, update: object | None = None, *,
                    name: str | None = None) -> asyncio.Task[Any]:
        receipt = receipts.receipt.get()
        if receipt is None:  # polling, or a task of the bot's own
            return super().create_task(coroutine, update, name=name)
        slot = receipt.slot()
        token = receipts.slot.set(slot)  # the task's context is a copy of this one
        try:
            task = super().create_task(coroutine, update, name=name)
        finally:
            receipts.slot.reset(token)
        task.add_done_callback(lambda _: slot.close())
        return task


def derived_secret(token: str) -> str:
    """A webhook secret every replica of one bot computes alike, and nobody without the token."""
    digest = hmac.new(token.encode(), b"stash telegram webhook", hashlib.sha256).hexdigest()
    return digest  # 64 characters of [0-9a-f]: what Telegram's secret_token allows
