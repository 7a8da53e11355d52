"""A redeployed `stash worker`: SIGTERM in the middle of a job gives the job back to the queue when
the grace period is over, at once (not a heartbeat sweep later), and exits; the next worker
finishes it and the person's status message ends in the song, once."""

from __future__ import annotations

import signal
import time

from tests.e2e.cluster import ALICE, SONG, Cluster, connect_telegram
from tests.e2e.worlds import Services, ends_in_the_song, said
from tests.run_helpers import until
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures

GRACE = "1"


async def test_a_worker_stopped_mid_job_gives_the_job_back_at_once(
        services: Services, cluster: Cluster) -> None:
    telegram, media = services.telegram, services.media
    # A heartbeat longer than the test: only a job given back (not a sweep) is taken up again.
    front = await cluster.front("front", telegram=True)
    first = await cluster.start("worker-1", "worker", SHUTDOWN_GRACE=GRACE,
                                WORKER_HEARTBEAT="120")
    await front.ready()
    await first.ready()
    telegram.add_user(ALICE, "Alice")
    await connect_telegram(services, ALICE, "stashdemo")
    media.set_faults(rate=2000)
    telegram.user_sends(ALICE, media.url(SONG[0], "m4a"), chat_id=ALICE)
    await until(lambda: "Downloading audio" in said(services, ALICE), 60, "the fetch begun")
    signalled = time.monotonic()
    first.process.send_signal(signal.SIGTERM)
    await first.process.wait()
    stopped = time.monotonic() - signalled
    media.set_faults()
    restarted = time.monotonic()
    second = await cluster.start("worker-2", "worker", WORKER_HEARTBEAT="120")
    await second.ready()
    await until(lambda: SONG[1] in said(services, ALICE), 60, "the song added")
    answered = time.monotonic() - restarted
    print(f"worker: SIGTERM to exit {stopped:.2f}s, restart to answer {answered:.2f}s")
    assert first.process.returncode == 0, first.logs[-3000:]
    assert stopped < float(GRACE) + 5, first.logs[-3000:]
    ends_in_the_song(services, ALICE, "Downloading audio")
    assert "Traceback" not in first.logs, first.logs[-3000:]
