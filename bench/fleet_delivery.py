"""Webhook delivery as Telegram makes it: up to the webhook's max_connections updates in flight
at once (setWebhook's default is 40), each confirmed by its own 2xx, a failed one sent again.

The Telegram stand-in delivers one update at a time, each after the last was answered. A Stash
replica answers an update once its share is on record, which includes up to 0.25 s for the
first message to go out, so one at a time holds a crowd to a few updates a second however fast
the replicas are. `install` puts this deliverer in the stand-in's place in the bench's world
process (bench_fleet --connections)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from sandbox.telegram import standin
from sandbox.telegram.webhook import _post
from sandbox.telegram.world import BotWorld


async def deliver_in_parallel(world: BotWorld, session: aiohttp.ClientSession,
                              retry_delay: Callable[[], float]) -> None:
    """Until the server stops: the pending updates, up to max_connections at once."""
    notifier, flying = world.notifier, set[asyncio.Task[None]]()
    done, again, cursor = set[int](), list[Any](), 0

    async def deliver(entry: Any) -> None:
        hook = world.webhook
        assert hook is not None
        error = await _post(session, hook, entry.update)
        if error is None:
            hook.deliveries += 1
            done.add(id(entry))
        else:
            hook.last_error_date, hook.last_error_message = int(time.time()), error
            await asyncio.sleep(retry_delay())
            again.append(entry)
        notifier.notify()

    while not notifier.closed:
        hook, pending = world.webhook, world.pending
        if not flying and not again and done:  # all confirmed so far: let them go
            world.pending = pending = [p for p in pending if id(p) not in done]
            done.clear()
            cursor = 0
        while cursor < len(pending) and pending[cursor].delivered:
            cursor += 1
        if hook is None or len(flying) >= hook.max_connections or \
                (not again and cursor >= len(pending)):
            await notifier.wait(None)
            continue
        entry = again.pop(0) if again else pending[cursor]
        entry.delivered = True
        task = asyncio.create_task(deliver(entry))
        flying.add(task)
        task.add_done_callback(flying.discard)


def install() -> None:
    """Use deliver_in_parallel for every Telegram stand-in started in this process after."""
    standin.deliver_forever = deliver_in_parallel  # type: ignore[attr-defined]
