"""Cookie-set cool-downs shared through the real Redis: a login wall on one worker rests the
set on every worker."""

from __future__ import annotations

import asyncio
from pathlib import Path

from redis import asyncio as aioredis

from adapters.jobs.cookies import SharedCoolDowns
from adapters.media.cookies import CookiePool
from tests.jobs.redis_helpers import REDIS_URL, queue_name

COOKIES = "# Netscape HTTP Cookie File\n.example.com\tTRUE\t/\tTRUE\t0\tsid\tabc\n"


def pools(folder: Path, count: int) -> list[CookiePool]:
    files = {}
    for index in (1, 2):
        files[index] = folder / f"cookies-{index}.txt"
        files[index].write_text(COOKIES)
    return [CookiePool(files, cool_down=300) for _ in range(count)]


async def test_a_login_wall_on_one_worker_rests_that_set_on_the_others(tmp_path: Path) -> None:
    first, second = pools(tmp_path, 2)
    redis = aioredis.from_url(REDIS_URL)
    async with queue_name() as name, SharedCoolDowns(first, redis, f"stash:{name}"), \
            SharedCoolDowns(second, redis, f"stash:{name}") as theirs:
        assert second.state()[1].state == "ready"
        first.cool(1)  # the platform put up a login wall for set 1 on the first worker
        for _ in range(50):  # the cool-down is published in the background
            await theirs.apply()
            if second.state()[1].state == "cooling":
                break
            await asyncio.sleep(0.05)
        rested = second.state()
        taken = {second.take() for _ in range(4)}
    await redis.aclose()
    assert rested[1].state == "cooling" and 290 < rested[1].seconds_left <= 300
    assert rested[2].state == "ready" and taken == {2}  # the other set carries on
