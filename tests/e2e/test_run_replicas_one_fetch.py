"""Two `stash run` webhook replicas on one database and no Redis: a reel shared through both
at once is fetched and recognized once, by whichever replica takes the link's lease; the other
answers its people from the identification the first one cached."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from tests.e2e.worlds import Balancer, Services, said
from tests.run_helpers import Runs

CROWD = range(8101, 8111)


async def test_a_reel_shared_through_two_replicas_is_fetched_once(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    for user in CROWD:
        telegram.add_user(user, f"Person {user}")
    runs = Runs(services, tmp_path)
    async with Balancer().running() as balancer:
        try:
            replicas = [await runs.start("--fronts", "telegram,web", name=name,
                                         TELEGRAM_WEBHOOK_URL=balancer.url) for name in "ab"]
            balancer.backends = [replica.base for replica in replicas]
            # A slow host: the window takes seconds to fetch, so people on both replicas are
            # waiting for the reel while it is being identified.
            reel = media.url("40000003", "m4a", rate=40_000)
            for user in CROWD:
                telegram.user_sends(user, reel, chat_id=user)
            await telegram.wait_for(
                lambda: all("Golden Hour" in said(services, user) for user in CROWD), 90)
            assert sorted({n for targets in balancer.routed.values() for n in targets}) == [0, 1]
            assert services.shazam.request_count == 1
            fetched = [r for r in media.requests if r.path == urlsplit(reel).path]
            assert len({r.range for r in fetched}) == len(fetched)  # no byte range asked twice
        finally:
            await runs.stop_all()
