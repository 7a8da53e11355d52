"""Two `stash run` Telegram webhook replicas as issue 18 runs them: with REDIS_URL set (so the
identifications go to a `stash worker` through the queue, and Telegram's send rate is one budget
in Redis) and one PostgreSQL database. Updates spread over both replicas, a choice offered by one
is made on the other, an update delivered to both is handled once, and a crowd answered by both
at once draws no "retry after" from Telegram's flood control."""

from __future__ import annotations

import asyncio

from sandbox.processes import Launched
from tests.e2e.cluster import Cluster
from tests.e2e.worlds import ALICE, Balancer, Services, buttons, said
from tests.run_helpers import until
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures

CROWD = range(ALICE + 1, ALICE + 41)  # forty people, each in a private chat


async def start(stash: Cluster, balancer: Balancer) -> tuple[list[Launched], Launched]:
    replicas = [await stash.start(f"replica-{name}", "run", args=("--fronts", "telegram,web"),
                                    TELEGRAM_WEBHOOK_URL=balancer.url, DISCORD_BOT_TOKEN="")
                for name in "ab"]
    worker = await stash.start("worker", "worker")
    for member in (*replicas, worker):
        checks = await member.ready()
        assert checks["checks"]["redis"] is True, checks  # type: ignore[index]
    balancer.backends = [replica.base for replica in replicas]
    return replicas, worker


async def test_two_webhook_replicas_with_redis_share_updates_choices_and_the_send_rate(
        services: Services, cluster: Cluster) -> None:
    telegram, media = services.telegram, services.media
    telegram.add_user(ALICE, "Alice")
    async with Balancer().running() as balancer:
        replicas, worker = await start(cluster, balancer)

        # Two releases of one song: Alice is asked on one replica, chooses on the other.
        asked = telegram.user_sends(ALICE, media.url("40000010", "mp3"), chat_id=ALICE)
        await telegram.wait_for(lambda: len(buttons(services, ALICE)) >= 3, 60)
        message, _, first = next(b for b in buttons(services, ALICE) if "Echo Park" in b[1])
        pressed = telegram.press_button(ALICE, message, first, chat_id=ALICE)
        await telegram.wait_for_answer(pressed, 20)
        await telegram.wait_for(lambda: "/link" in said(services, ALICE), 30)
        # A 200 goes back once the update is handled: it may follow the answer.
        await until(lambda: len(balancer.routed) == 2, 10, "both updates answered")
        [(shared_on,), (chosen_on,)] = [tuple(v) for v in balancer.routed.values()]
        assert shared_on != chosen_on
        await until(lambda: "choice direct: not_linked" in replicas[chosen_on].logs, 10,
                    "the choice logged where it was made")
        assert "share direct: asked" in replicas[shared_on].logs
        assert worker.logs.count("Processing Job") == 1  # the worker listened, not a front

        # Delivered to both replicas (a retry after a lost answer): one status, one share.
        balancer.duplicate_next = True
        again = telegram.user_sends(ALICE, media.url("40000003", "m4a"), chat_id=ALICE)
        await telegram.wait_for(lambda: "Golden Hour" in said(services, ALICE), 60)
        assert balancer.routed[max(balancer.routed)] == [0, 1]
        await asyncio.sleep(1)  # room for a second, wrong, answer
        replies = [e for e in telegram.transcript(ALICE) if e.from_bot
                   and e.reply_to == again["message_id"]]
        assert len(replies) == 1
        assert sum(r.logs.count("share direct: not_linked") for r in replicas) == 1
        assert asked["message_id"] != again["message_id"]

        # A crowd shares the song just heard, half on each replica: their answers go out faster
        # than Telegram's ~30 a second if each replica kept its own count.
        for user in CROWD:
            telegram.add_user(user, f"Person {user}")
        before = len(balancer.routed)
        for user in CROWD:
            telegram.user_sends(user, media.url("40000003", "m4a"), chat_id=user)
        await telegram.wait_for(
            lambda: all("Golden Hour" in said(services, user) for user in CROWD), 60)
        spread = [n for targets in list(balancer.routed.values())[before:] for n in targets]
        assert sorted(set(spread)) == [0, 1]
        assert telegram.flood_waits == 0
