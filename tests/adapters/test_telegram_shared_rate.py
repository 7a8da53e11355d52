"""Telegram send rates shared by replicas on the real Redis: two bots (two replicas of one bot,
each with its own limiter and connection) sending into one group draw on one budget, so the
stand-in's flood control (which counts per bot, as Telegram does) never answers 429."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import Counter
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import redis.asyncio as redis
from limits import parse
from telegram import Bot
from telegram.error import RetryAfter
from telegram.ext import ExtBot

from adapters.telegram import MessagePacing
from adapters.telegram.budget import PAYABLE
from adapters.telegram.shared_rate import SharedRateLimiter, redis_windows
from core.models import UserKey
from sandbox.processes import free_port
from sandbox.telegram import FloodLimits, TelegramStandIn
from tests.e2e.worlds import FIRST_ID, answered, herd_shares
from tests.services import missing
from tests.telegram_helpers import running_bot

TOKEN = "4242:SHARED-RATE"
GROUP = -100777
REDIS = "redis://127.0.0.1:6379/15"
KEY = "stash-test:{}"
# The group: 4 messages at once, then one a second. The limiter: 3 in any 3 seconds, which keeps
# under it with a second to spare for a late request (the machine may be busy); two replicas
# each keeping to it alone send 6 at once.
FLOOD = FloodLimits(group_burst=4, group_per_second=1.0, global_per_second=1000.0)
WINDOW = parse("3 per 3 seconds")


@pytest.fixture(autouse=True)
def timedelta_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # PTB's coming RetryAfter, without its warning


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    client = redis.from_url(REDIS)
    try:
        await client.ping()
    except (redis.ConnectionError, OSError):
        missing("Redis", "start a Redis server on 127.0.0.1:6379")
    finally:
        await client.aclose()
    yield REDIS


def replica(tg: TelegramStandIn, limiter: SharedRateLimiter | None) -> Bot:
    """One replica's bot: PTB's own, with the limiter on every call."""
    return ExtBot(TOKEN, base_url=tg.base_url, rate_limiter=limiter)


async def send_from_two_replicas(tg: TelegramStandIn, limiters: list[SharedRateLimiter | None],
                                 each: int) -> tuple[list[float], int]:
    """Both replicas send `each` messages to the group at once; (send times, 429s)."""
    sent: list[float] = []
    floods = 0

    async def send(bot: Bot, n: int) -> None:
        nonlocal floods
        try:
            await bot.send_message(GROUP, f"message {n}")
            sent.append(time.monotonic())
        except RetryAfter:
            floods += 1

    bots = [replica(tg, limiter) for limiter in limiters]
    for bot in bots:
        await bot.initialize()
    try:
        await asyncio.gather(*(send(bot, n) for bot in bots for n in range(each)))
    finally:
        for bot in bots:
            await bot.shutdown()
    return sent, floods


async def test_two_replicas_sending_to_one_group_stay_under_its_limit_together(
        redis_url: str) -> None:
    bot = KEY.format(secrets.token_hex(6))  # one bot: one budget, each replica its connection
    limiters: list[SharedRateLimiter | None] = [
        SharedRateLimiter(redis_windows(redis_url), bot, group=WINDOW) for _ in range(2)]
    async with TelegramStandIn(TOKEN, flood=FLOOD) as tg:
        tg.add_group(GROUP, "Crowd")
        sent, floods = await send_from_two_replicas(tg, limiters, each=3)
    assert floods == 0 and len(sent) == 6


async def test_without_a_shared_rate_the_same_burst_is_refused(redis_url: str) -> None:
    # The control case: two replicas, each pacing itself alone, overrun the group together.
    limiters: list[SharedRateLimiter | None] = [
        SharedRateLimiter(redis_windows(redis_url), KEY.format(secrets.token_hex(6)),
                          group=WINDOW)
        for _ in range(2)]  # one budget each: what a per-process limiter amounts to
    async with TelegramStandIn(TOKEN, flood=FLOOD) as tg:
        tg.add_group(GROUP, "Crowd")
        _, floods = await send_from_two_replicas(tg, limiters, each=3)
    assert floods > 0


async def test_with_redis_unreachable_messages_still_go_out(caplog: pytest.LogCaptureFixture
                                                            ) -> None:
    gone = f"redis://127.0.0.1:{free_port()}/0"  # nothing listens there
    limiter = SharedRateLimiter(redis_windows(gone), "stash-test:gone")
    async with TelegramStandIn(TOKEN, flood=FloodLimits(enabled=False)) as tg:
        tg.add_group(GROUP, "Crowd")
        sent, floods = await send_from_two_replicas(tg, [limiter], each=3)
    assert (len(sent), floods) == (3, 0)
    warned = [r for r in caplog.records if "send rate is unreachable" in r.getMessage()]
    assert len(warned) == 1  # said once, not at every message


@pytest.mark.parametrize(("marked", "free"), [
    # Marked paid by the caller: held to the paid window, never the free one.
    pytest.param({"allow_paid_broadcast": True}, 0, id="paid-held-to-the-paid-window"),
    # Four replicas each think they have Telegram's free rate to themselves; the window they
    # share is what runs out. A new message worth paying for then goes paid, without waiting.
    pytest.param({"rate_limit_args": PAYABLE}, 2, id="payable-past-the-free-window-goes-paid"),
])
async def test_messages_worth_paying_for_go_out_at_once_within_the_paid_window(
        redis_url: str, marked: dict[str, object], free: int) -> None:
    bot, slept = KEY.format(secrets.token_hex(6)), []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(seconds)

    limiters = [SharedRateLimiter(redis_windows(redis_url), bot, overall=parse("2 per 10 seconds"),
                                  paid=parse("8 per 10 seconds"), sleep=sleep) for _ in range(2)]
    people = range(6001, 6009)
    async with TelegramStandIn(TOKEN, flood=FloodLimits(global_per_second=2)) as tg:
        bots = [replica(tg, limiter) for limiter in limiters]
        for user_id in people:
            tg.add_user(user_id, f"P{user_id}")
        for replica_bot in bots:
            await replica_bot.initialize()
        try:
            await asyncio.gather(*(bots[n % 2].send_message(user_id, "Got it", **marked)
                                   for n, user_id in enumerate(people)))
        finally:
            for replica_bot in bots:
                await replica_bot.shutdown()
        # Four times the free window, at once, from two replicas: the free window's messages
        # went free, the others paid; nobody waited or was refused.
        assert (slept, tg.world().flood.paid, tg.flood_waits) == ([], len(people) - free, 0)


async def test_a_replica_pays_for_first_messages_when_the_replicas_spent_the_free_rate(
        tmp_path: Path, redis_url: str) -> None:
    # This replica's own budget has room (it cannot see the others'); the shared window is
    # spent by the other replicas. With a paid rate set, the herd's first messages go paid
    # at once; the results are edits, which wait for the free window, and nobody is refused.
    bot_key, free = KEY.format(secrets.token_hex(6)), parse("2 per 1 second")
    windows = redis_windows(redis_url)
    limiter = SharedRateLimiter(windows, bot_key, overall=free, paid=parse("100 per 1 second"))
    pacing = MessagePacing(bot_per_second=100, paid_per_second=100)
    async with running_bot(tmp_path, flood=FloodLimits(global_per_second=4), pacing=pacing,
                           rate_limiter=limiter) as bot:
        people = range(FIRST_ID, FIRST_ID + 10)
        for _ in range(2):
            await windows.hit(free, bot_key)  # the other replicas' messages
        sent = await herd_shares(bot, people, first_messages=len(people))
        await bot.tg.wait_for(lambda: all(answered(bot, u, sent[u]) for u in people), timeout=60)

        flagged = [c.method for c in bot.tg.calls if c.params.get("allow_paid_broadcast")]
        assert flagged == ["sendmessage"] * len(people)
        assert bot.tg.flood_waits == 0
        added = Counter(user for user, _ in bot.playlists.added)
        assert added == Counter({UserKey("telegram", str(u)): 1 for u in people})
