"""Redis flushed, or restarted empty, while a herd waits on a job nobody has run yet: each
front notices the job is gone and enqueues it again (one job for the herd), a worker runs it,
and every status message ends in the song; nobody is asked to send it again. Each test has a
redis-server of its own (the shared one is never flushed or restarted)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from redis import asyncio as aioredis

from tests.e2e.cluster import ALICE, SONG, Cluster, connect_telegram
from tests.e2e.worlds import Services, asks_to_resend, said
from tests.jobs.redis_helpers import PrivateRedis
from tests.run_helpers import until
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]

HERD = (ALICE, ALICE + 1, ALICE + 2)  # Alice linked her Spotify, the others not
DOWN = "the job queue (Redis) is unreachable"
BACK = "the job queue (Redis) answers again"


@pytest.fixture
async def redis(tmp_path: Path) -> AsyncIterator[PrivateRedis]:
    private = PrivateRedis(tmp_path)
    await private.start()
    try:
        yield private
    finally:
        await private.stop()


@pytest.fixture
async def stash(services: Services, tmp_path: Path, postgres_url: str,
                redis: PrivateRedis) -> AsyncIterator[Cluster]:
    found = Cluster(services, tmp_path, "stash", redis.url, postgres_url)
    try:
        yield found
    finally:
        await found.stop_all()


async def herd_waiting(services: Services, stash: Cluster) -> None:
    """A front, Alice linked, and the herd's shares queued with no worker to run them."""
    telegram = services.telegram
    front = await stash.front("front", telegram=True)
    await front.ready()
    for person in HERD:
        telegram.add_user(person, f"Person {person}")
    await connect_telegram(services, ALICE, "stashdemo")
    for person in HERD:
        telegram.user_sends(person, services.media.url(SONG[0], "m4a"), chat_id=person)
    await until(lambda: all(said(services, p) for p in HERD), 30, "every share received")
    client, queued = aioredis.from_url(stash.redis_url), 0
    try:  # the herd's one job waits in the queue
        for _ in range(600):
            if (queued := await client.llen(f"saq:{stash.queue}:queued")) == 1:
                break
            await asyncio.sleep(0.05)
    finally:
        await client.aclose()
    assert queued == 1


async def all_answered(services: Services, stash: Cluster) -> float:
    """Start a worker; seconds until every person of the herd has the song."""
    started = time.monotonic()
    worker = await stash.start("worker", "worker")
    await worker.ready()
    await until(lambda: all(SONG[1] in said(services, p) for p in HERD), 60, "every answer")
    return time.monotonic() - started


def nothing_lost(services: Services, stash: Cluster) -> None:
    for person in HERD:
        transcript = services.telegram.transcript(person)
        assert not any(asks_to_resend(e.text or "") for e in transcript), transcript
        [status] = [e for e in transcript if e.from_bot and SONG[1] in (e.text or "")]
        assert "Got it" in status.history[0]  # the status message the share began with
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1
    [worker] = [m for m in stash.members if m.name == "worker"]
    assert worker.logs.count("Processing Job") == 1  # one job for the whole herd


async def test_a_flushed_redis_loses_no_share(services: Services, stash: Cluster,
                                              redis: PrivateRedis) -> None:
    await herd_waiting(services, stash)
    await redis.flushall()
    answered = await all_answered(services, stash)
    print(f"FLUSHALL: worker start to every answer {answered:.2f}s")
    nothing_lost(services, stash)
    [front] = [m for m in stash.members if m.name == "front"]
    assert "enqueued again" in front.logs


async def test_redis_restarted_empty_loses_no_share_and_is_told_once(
        services: Services, stash: Cluster, redis: PrivateRedis) -> None:
    await herd_waiting(services, stash)
    await redis.stop()
    await asyncio.sleep(5)  # longer than a front used to wait before "try again in a minute"
    await redis.start()
    answered = await all_answered(services, stash)
    print(f"restart: worker start to every answer {answered:.2f}s")
    nothing_lost(services, stash)
    [front] = [m for m in stash.members if m.name == "front"]
    logs = front.logs
    assert logs.count(DOWN) == 1 and logs.count(BACK) == 1, logs[-3000:]
    assert "Traceback" not in logs, logs[-3000:]
