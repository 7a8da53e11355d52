"""Telegram's send limits held by every replica together (distributed mode), on Redis.

Telegram counts per bot, not per process: about 30 messages a second across all chats and about
20 a minute in one group. python-telegram-bot's own `AIORateLimiter` keeps its buckets in the
process's memory, so two webhook replicas would each allow the full rate and together draw 429s.
This is the same hook (a PTB `BaseRateLimiter`, wrapping every Bot API call), with the windows
kept in Redis by the `limits` library (moving windows, atomic in Redis), so every replica draws
on one budget. When Redis does not answer, it lets calls through: each process's own pacing
still holds, and nothing is refused because the limiter's store is down.

With a paid rate (allow_paid_broadcast), a new message its sender marks PAYABLE goes paid when
the shared free window is full: each replica's own budget grants from the free rate it thinks
it has alone, so only here is it known that the replicas together have spent it.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from limits import RateLimitItem, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import RedisStorage
from limits.aio.strategies import MovingWindowRateLimiter
from limits.errors import StorageError
from redis.exceptions import RedisError
from telegram.ext import BaseRateLimiter

from adapters.telegram.budget import PAYABLE

log = logging.getLogger(__name__)

# Bot API methods that put something in a chat: the ones Telegram's flood limits count.
_SENDING = ("send", "edit", "copy", "forward", "delete")
_UNREACHABLE = (StorageError, RedisError, ConnectionError, TimeoutError, OSError)
RETRY_REDIS = 30.0  # seconds between tries of a Redis that did not answer

Sleep = Callable[[float], Awaitable[None]]
Result = bool | dict[str, Any] | list[dict[str, Any]]


def redis_windows(redis_url: str) -> MovingWindowRateLimiter:
    """Moving windows kept in the Redis at `redis_url`."""
    storage = RedisStorage("async+" + redis_url, implementation="redispy",
                           socket_connect_timeout=2.0, socket_timeout=5.0)
    return MovingWindowRateLimiter(storage)


def is_group(chat_id: object) -> bool:
    """Groups and channels: negative ids, or @usernames."""
    text = str(chat_id)
    return text.startswith(("-", "@"))


class SharedRateLimiter(BaseRateLimiter[str]):
    """Waits, before each sending call, for a slot in the bot's window and the group's."""

    takes_payable = True  # senders may mark new messages PAYABLE (rate_limit_args)

    def __init__(self, windows: MovingWindowRateLimiter, bot_key: str, *,
                 overall: RateLimitItem | None = None, group: RateLimitItem | None = None,
                 paid: RateLimitItem | None = None, sleep: Sleep = asyncio.sleep) -> None:
        self._windows = windows
        self._key = bot_key  # e.g. "stash:telegram:<bot id>": one budget per bot
        self._overall = overall or RateLimitItemPerSecond(30)
        self._paid = paid  # the operator's cap on paid messages (allow_paid_broadcast)
        self._group = group or RateLimitItemPerMinute(20)
        self._sleep = sleep
        self._down_until = 0.0  # while Redis is down, sends do not wait on it again and again

    async def initialize(self) -> None:
        """Nothing to open: the storage connects on first use."""

    async def shutdown(self) -> None:
        """Nothing held open between calls."""

    async def process_request(self, callback: Callable[..., Coroutine[Any, Any, Result]],
                              args: Any, kwargs: dict[str, Any], endpoint: str,
                              data: dict[str, Any], rate_limit_args: str | None) -> Result:
        """Take the slots a sending call needs (waiting for them), then make the call."""
        if endpoint.lower().startswith(_SENDING):
            chat = data.get("chat_id")
            if chat is not None and is_group(chat):
                await self._slot(self._group, self._key, "chat", str(chat))
            await self._bot_slot(data, payable=rate_limit_args == PAYABLE)
        return await callback(*args, **kwargs)

    async def _bot_slot(self, data: dict[str, Any], payable: bool) -> None:
        """A slot in the free window; a paid one for a message already paid for, or for a
        payable one when the free window is full (then it is sent paid)."""
        if self._paid is None or not (payable or data.get("allow_paid_broadcast")):
            await self._slot(self._overall, self._key)
            return
        if not data.get("allow_paid_broadcast") and await self._free_now():
            return
        data["allow_paid_broadcast"] = True  # the call's parameters, read after this hook
        await self._slot(self._paid, self._key, "paid")  # past the free rate, paid for

    async def _free_now(self) -> bool:
        """Took a slot in the free window if there was one now (or Redis is not answering)."""
        if time.monotonic() < self._down_until:
            return True
        try:
            taken = await self._windows.hit(self._overall, self._key)
        except _UNREACHABLE as err:
            self._unreachable(err)
            return True  # sent unpaid, as every call is while Redis does not answer
        if taken:
            self._recovered()
        return bool(taken)

    async def _slot(self, item: RateLimitItem, *keys: str) -> None:
        if time.monotonic() < self._down_until:
            return
        while True:
            try:
                if await self._windows.hit(item, *keys):
                    self._recovered()
                    return
                stats = await self._windows.get_window_stats(item, *keys)
            except _UNREACHABLE as err:
                self._unreachable(err)
                return
            await self._sleep(max(0.01, stats.reset_time - time.time()))

    def _unreachable(self, err: BaseException) -> None:
        if not self._down_until:
            log.warning("the shared Telegram send rate is unreachable (%s): sending "
                        "with this process's own pacing only", type(err).__name__)
        self._down_until = time.monotonic() + RETRY_REDIS

    def _recovered(self) -> None:
        if self._down_until:
            log.info("the shared Telegram send rate is reachable again")
            self._down_until = 0.0
