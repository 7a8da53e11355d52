"""Distributed mode, a job that outlives its deadline, with a real `stash run` front and a real
`stash worker` on one PostgreSQL database and one Redis queue.

The media host is held (it sends a byte a second), so every attempt is still reading the link
when `WORKER_JOB_TIMEOUT` runs out: the job is tried once more, then the person is told it took
too long, once, and no further attempt is made. A share of the same link afterwards is a new
job, not the failed one's answer again.
"""

from __future__ import annotations

import asyncio

from core.errors import TookTooLong
from tests.e2e.cluster import ALICE, SONG, Cluster
from tests.e2e.worlds import Services, said
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures

DEADLINE = 3  # seconds: WORKER_JOB_TIMEOUT on the front, which enqueues the job


def attempts(world: Services, song: str) -> int:
    """Attempts the media host saw: each one is held on its first request for the clip."""
    return sum(1 for r in world.media.requests if f"/clip/{song}" in r.path)


async def test_a_job_past_its_deadline_is_tried_twice_and_its_waiter_told_once(
        services: Services, cluster: Cluster) -> None:
    front = await cluster.start("front-telegram", "run", DISCORD_BOT_TOKEN="",
                                WORKER_JOB_TIMEOUT=str(DEADLINE))
    worker = await cluster.start("worker", "worker")
    for member in (front, worker):
        await member.ready()
    tg, media = services.telegram, services.media
    tg.add_user(ALICE, "Alice")
    url = media.url(SONG[0], "m4a")
    media.set_faults(rate=1)  # a byte a second: no attempt gets past the link's first KiB

    sent = tg.user_sends(ALICE, url, chat_id=ALICE)
    await tg.wait_for(lambda: TookTooLong.user_message in said(services, ALICE), 60)
    assert attempts(services, SONG[0]) == 2
    await asyncio.sleep(3 * DEADLINE)  # room for a third attempt, which must not come
    assert attempts(services, SONG[0]) == 2
    assert worker.logs.count("Processing Job") == 2
    assert said(services, ALICE).count(TookTooLong.user_message) == 1
    replies = [e for e in tg.transcript(ALICE) if e.from_bot and e.reply_to == sent["message_id"]]
    assert [e.text for e in replies] == [TookTooLong.user_message]  # the status, not a stage

    # "Please try again in a minute": when the host is well again, trying again works.
    media.set_faults()
    tg.user_sends(ALICE, url, chat_id=ALICE)
    await tg.wait_for(lambda: SONG[1] in said(services, ALICE), 60)
    assert worker.process.returncode is None
    assert worker.logs.count("Processing Job") == 3  # a new job, which ran once
