"""Webhook delivery: POST each pending update to the bot's URL, in order, until it says 2xx."""

from __future__ import annotations

import time
from collections.abc import Callable

import aiohttp

from sandbox.telegram.model import JSON, Webhook
from sandbox.telegram.world import BotWorld

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


async def deliver_forever(
    world: BotWorld, session: aiohttp.ClientSession, retry_delay: Callable[[], float]
) -> None:
    """Run until the server stops; a failed delivery is retried after `retry_delay()` seconds."""
    notifier = world.notifier
    while not notifier.closed:
        hook = world.webhook
        batch = world.take_batch(1) if hook else []
        if hook is None or not batch:
            await notifier.wait(None)
            continue
        error = await _post(session, hook, batch[0])
        if error is None:
            hook.deliveries += 1
            world.acknowledge(batch[0]["update_id"] + 1)
            notifier.notify()
        else:
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            await notifier.wait(retry_delay())


async def _post(session: aiohttp.ClientSession, hook: Webhook, update: JSON) -> str | None:
    """None on success, else the error text getWebhookInfo reports."""
    headers = {SECRET_HEADER: hook.secret_token} if hook.secret_token else {}
    try:
        async with session.post(hook.url, json=update, headers=headers) as response:
            if 200 <= response.status < 300:
                return None
            return f"Wrong response from the webhook: {response.status} {response.reason}"
    except TimeoutError:
        return "Read timeout expired"
    except aiohttp.ClientConnectorError:
        return "Connection refused"
    except aiohttp.ClientError as err:
        return f"Failed to deliver the update: {err.__class__.__name__}"
