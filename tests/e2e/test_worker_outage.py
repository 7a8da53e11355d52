"""A `stash worker` while its Redis is down: one warning for the outage, one line when Redis is
back, and no traceback a second from saq's upkeep tasks in between; then it takes jobs again."""

from __future__ import annotations

import asyncio

from tests.e2e.cluster import ALICE, SONG, Cluster
from tests.e2e.worlds import Services, said
from tests.jobs.redis_helpers import REDIS_URL, RedisRelay
from tests.run_helpers import until
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures

DOWN = "the job queue (Redis) is unreachable"
BACK = "the job queue (Redis) answers again"


async def test_a_redis_outage_is_one_warning_in_the_workers_log_and_it_recovers(
        services: Services, cluster: Cluster) -> None:
    async with RedisRelay() as relay:
        worker = await cluster.start("worker", "worker", REDIS_URL=relay.url)
        await worker.ready()
        await relay.cut()
        await until(lambda: DOWN in worker.logs, 20, "the outage logged")
        await asyncio.sleep(8)  # every upkeep task runs several times meanwhile
        await relay.restore()
        await until(lambda: BACK in worker.logs, 20, "the recovery logged")
        logs = worker.logs
        assert logs.count(DOWN) == 1 and logs.count(BACK) == 1, logs[-3000:]
        assert "Traceback" not in logs and "Upkeep task failed" not in logs, logs[-3000:]

        # It takes jobs again: a front (on Redis directly) gets an answer through it.
        front = await cluster.start("front", "run", DISCORD_BOT_TOKEN="", REDIS_URL=REDIS_URL)
        await front.ready()
        services.telegram.add_user(ALICE, "Alice")
        services.telegram.user_sends(ALICE, services.media.url(SONG[0], "m4a"), chat_id=ALICE)
        await services.telegram.wait_for(lambda: SONG[1] in said(services, ALICE), 60)
        assert "Processing Job" in worker.logs
        await cluster.stop_all()  # while Redis still answers
