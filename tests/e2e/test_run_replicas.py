"""Two `stash run` Telegram webhook replicas behind one address (a round-robin balancer), on one
database: updates spread over both, a choice offered by one is made on the other, and an update
delivered to both is handled once."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.polling import ALREADY_POLLING
from sandbox.processes import free_port
from tests.e2e.worlds import ALICE, Balancer, Services, buttons, environment, said
from tests.run_helpers import Runs, until


async def test_two_webhook_replicas_share_the_updates_and_handle_each_once(
        services: Services, tmp_path: Path) -> None:
    telegram, media = services.telegram, services.media
    telegram.add_user(ALICE, "Alice")
    runs = Runs(services, tmp_path)
    async with Balancer().running() as balancer:
        try:
            replicas = [await runs.start("--fronts", "telegram,web", name=name,
                                         TELEGRAM_WEBHOOK_URL=balancer.url) for name in "ab"]
            balancer.backends = [replica.base for replica in replicas]

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

            # Delivered to both replicas (a retry after a lost answer): one status, one share.
            balancer.duplicate_next = True
            again = telegram.user_sends(ALICE, media.url("40000003", "m4a"), chat_id=ALICE)
            await telegram.wait_for(lambda: "Golden Hour" in said(services, ALICE), 60)
            assert balancer.routed[max(balancer.routed)] == [0, 1]
            await asyncio.sleep(1)  # room for a second, wrong, answer
            replies = [e for e in telegram.transcript(ALICE) if e.from_bot
                       and e.reply_to == again["message_id"]]
            assert len(replies) == 1
            logs = [replica.logs for replica in replicas]
            assert sum(log.count("share direct: not_linked") for log in logs) == 1
            assert asked["message_id"] != again["message_id"]
        finally:
            await runs.stop_all()


async def test_a_second_polling_process_refuses_to_start_and_says_why(
        services: Services, tmp_path: Path) -> None:
    runs = Runs(services, tmp_path)
    try:
        polling = await runs.start("--fronts", "telegram,web", name="first")
        second = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--fronts", "telegram,web",
            env=environment(services, tmp_path, free_port(), runs.key),
            stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.PIPE)
        _, err = await asyncio.wait_for(second.communicate(), 60)
        assert second.returncode == 1
        assert f"stash: {ALREADY_POLLING}" in err.decode()
        assert polling.process.returncode is None  # the first one polls on, untroubled
        telegram = services.telegram
        telegram.add_user(ALICE, "Alice")
        telegram.user_sends(ALICE, "/help", chat_id=ALICE)
        await telegram.wait_for(lambda: bool(said(services, ALICE)), 20)
        assert "409" not in polling.logs and "Conflict" not in polling.logs
    finally:
        await runs.stop_all()
