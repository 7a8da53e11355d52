"""Distributed mode as an operator runs it: two `stash run` fronts (Telegram, Discord) and three
`stash worker` processes on one PostgreSQL database and one Redis queue, with every stand-in.

A link shared by many people on both fronts at once costs one media fetch, one recognition and
one search; everyone is answered, every linked playlist gets the song once. Then a worker is
killed with SIGKILL in the middle of a job: another takes the job up, everyone is answered once,
nobody's playlist gets the song twice.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Awaitable
from typing import Any

import aiohttp
import pytest

from adapters.jobs import wire
from adapters.jobs.queue import FUNCTION, open_queue
from adapters.media.ytdlp import PROBE_RANGE
from core.errors import QueueUnavailable, StashError
from core.links import scan_links
from sandbox.processes import Launched
from tests.discord_helpers import done
from tests.e2e.cluster import (
    ALICE,
    SONG,
    Cluster,
    _browse,
    connect_telegram,
    kill,
    readyz,
    scrape,
)
from tests.e2e.worlds import Services, said
from tests.jobs.redis_helpers import REDIS_URL, RedisRelay
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures

TELEGRAM_PEOPLE = range(ALICE, ALICE + 8)  # eight people on the Telegram front
SLOW_SONG = ("40000006", "Звёзды")


async def connect_discord(world: Services, user: int, spotify_user: str) -> None:
    discord = world.discord
    world.spotify.login_as(spotify_user)
    asked = await discord.run_command(user, "link")
    answer = await _interaction_says(world, asked, "/authorize?")
    found = re.search(r"http://127\.0\.0\.1:\d+/authorize\?[^\s)>\]'\"]+", answer)
    assert found is not None, answer
    body = await _browse(found.group())
    code = re.search(r'class="code">([^<]+)<', body)
    assert code is not None, body
    sent = await discord.run_command(user, "link", {"code": code[1]})
    await _interaction_says(world, sent, "Linked as")


async def _interaction_says(world: Services, interaction: int, text: str) -> str:
    async def said_it() -> str:
        while text not in (answer := str(world.discord.interaction(interaction))):  # noqa: ASYNC110
            await asyncio.sleep(0.1)
        return answer

    return await asyncio.wait_for(said_it(), 30)


def discord_answers(world: Services, message_ids: list[int]) -> list[str]:
    """The final text of each message's status, once every one shows an outcome."""
    bot = world.discord.bot_id
    # The bot's replies to them (a status message that waited for room in a busy channel is
    # posted showing what its share has come to, not "Got it…").
    mine = [m for m in world.discord.transcript(None)
            if m["author"]["id"] == bot and m["reply_to"] in message_ids]
    by_reply = {m["reply_to"]: m for m in mine}
    return [by_reply[i]["content"] + str(by_reply[i].get("embeds", ""))
            for i in message_ids if i in by_reply and done(by_reply[i])]


async def everyone_answered(world: Services, telegram: list[int], discord: list[int],
                            title: str, timeout: float = 120) -> None:  # noqa: ASYNC109
    async def answered() -> None:
        while not (all(title in said(world, user) for user in telegram)  # noqa: ASYNC110
                   and len(discord_answers(world, discord)) == len(discord)):
            await asyncio.sleep(0.2)

    await asyncio.wait_for(answered(), timeout)
    assert all(title in text for text in discord_answers(world, discord))


async def start_cluster(cluster: Cluster) -> tuple[Launched, Launched, list[Launched]]:
    telegram = await cluster.front("front-telegram", telegram=True)
    discord = await cluster.front("front-discord", telegram=False)
    workers = [await cluster.start(f"worker-{n}", "worker") for n in range(3)]
    for member in (telegram, discord, *workers):
        checks = await member.ready()
        assert checks["checks"]["redis"] is True, checks  # type: ignore[index]
    return telegram, discord, workers


async def test_one_identification_for_a_crowd_on_two_fronts_and_a_worker_killed_mid_job(
        services: Services, cluster: Cluster) -> None:
    telegram_front, _, workers = await start_cluster(cluster)
    tg, dc, media, spotify = services.telegram, services.discord, services.media, services.spotify
    for user in TELEGRAM_PEOPLE:
        tg.add_user(user, f"Person {user}")
    await connect_telegram(services, TELEGRAM_PEOPLE[0], "alice")
    await connect_discord(services, dc.alice_id, "bob")
    discord_people = [dc.alice_id, dc.bob_id] + [
        await dc.add_member(f"member{n}") for n in range(4)]

    url = media.url(SONG[0], "m4a")
    media.reset_bytes()
    shazam_before, searches_before = services.shazam.request_count, spotify.calls["GET /v1/search"]
    for user in TELEGRAM_PEOPLE:
        tg.user_sends(user, url, chat_id=user)
    sent = await asyncio.gather(*(dc.send_message(person, url) for person in discord_people))
    await everyone_answered(services, list(TELEGRAM_PEOPLE), [m["id"] for m in sent], SONG[1])

    ranges = [r.range for r in media.requests if f"/clip/{SONG[0]}" in r.path]
    # yt-dlp's look at the link (its first KiB) and ffmpeg's one window, in byte ranges each
    # asked for once.
    assert ranges.count(PROBE_RANGE) == 1, ranges
    assert len(ranges) == len(set(ranges)) > 1, ranges
    assert services.shazam.request_count - shazam_before == 1
    assert spotify.calls["GET /v1/search"] - searches_before == 1
    assert [len(p["items"]) for p in spotify.playlists("alice")] == [1]
    assert [len(p["items"]) for p in spotify.playlists("bob")] == [1]
    metrics = await scrape(telegram_front)
    assert "stash_workers_alive 3.0" in metrics

    # A slow recognition holds the next link's job on one worker: it is killed there.
    services.shazam.set_delay(4.0)
    slow = media.url(SLOW_SONG[0], "m4a")
    taking = _worker_taking_a_job(workers)  # counted before the link is sent
    tg.user_sends(TELEGRAM_PEOPLE[0], slow, chat_id=TELEGRAM_PEOPLE[0])
    again = [await dc.send_message(dc.alice_id, slow)]
    holder = await taking
    await tg.wait_for(lambda: "Listening" in said(services, TELEGRAM_PEOPLE[0]), 30)
    kill(holder)
    services.shazam.set_delay(0.0)
    await everyone_answered(services, [TELEGRAM_PEOPLE[0]], [m["id"] for m in again],
                            SLOW_SONG[1], timeout=90)
    assert said(services, TELEGRAM_PEOPLE[0]).count("Added to") == 2  # once each song
    assert sorted(len(p["items"]) for p in spotify.playlists("alice")) == [2]
    assert sorted(len(p["items"]) for p in spotify.playlists("bob")) == [2]
    logs = await cluster.stop_all()
    assert any("sweeping job" in text for text in logs.values())


def _worker_taking_a_job(workers: list[Launched], timeout: float = 30) -> Awaitable[Launched]:
    """The worker that starts processing a job from now on (saq logs each one it takes)."""
    before = [worker.logs.count("Processing Job") for worker in workers]

    async def find() -> Launched:
        while True:
            for worker, count in zip(workers, before, strict=True):
                if worker.logs.count("Processing Job") > count:
                    return worker
            await asyncio.sleep(0.05)

    return asyncio.wait_for(find(), timeout)


async def test_redis_down_at_start_is_reported_answered_plainly_and_recovered_from(
        services: Services, cluster: Cluster) -> None:
    async with RedisRelay() as relay:
        await relay.cut()  # Redis is unreachable before anything starts
        cluster.redis_url = relay.url
        check = await cluster.start("check", "run", **{"DISCORD_BOT_TOKEN": ""}, check="1")
        front = await cluster.front("front-telegram", telegram=True)
        status, body = await _readyz_when_up(front)
        assert status == 503 and body["checks"] == {"storage": True, "redis": False,
                                                    "telegram": True}
        services.telegram.add_user(ALICE, "Alice")
        url = services.media.url(SONG[0], "m4a")
        started = time.monotonic()
        services.telegram.user_sends(ALICE, url, chat_id=ALICE)
        await services.telegram.wait_for(
            lambda: QueueUnavailable.user_message in said(services, ALICE), 30)
        assert time.monotonic() - started < 10
        assert "try again in a minute" in said(services, ALICE)

        await relay.restore()  # Redis is back: nobody restarts anything
        cluster.redis_url = REDIS_URL
        await (await cluster.start("worker", "worker")).ready()
        assert (await front.ready())["checks"]["redis"] is True  # type: ignore[index]
        services.telegram.user_sends(ALICE, url, chat_id=ALICE)
        await services.telegram.wait_for(lambda: SONG[1] in said(services, ALICE), 60)
        await check.process.wait()
    assert check.process.returncode == 1
    assert re.search(r"^FAIL  redis: ", check.logs, re.MULTILINE), check.logs


async def _readyz_when_up(member: Launched) -> tuple[int, dict[str, Any]]:
    """/readyz once the process answers and its Telegram front has connected (the web server
    comes up first; only Redis should be left failing)."""
    for _ in range(300):
        try:
            status, body = await readyz(member)
        except aiohttp.ClientConnectionError:
            pass
        else:
            if body["checks"].get("telegram"):
                return status, body
        await asyncio.sleep(0.2)
    pytest.fail(f"{member.name} never answered with its Telegram front connected")


async def test_a_poisoned_job_is_tried_twice_then_answered_as_an_error_and_the_worker_lives(
        services: Services, cluster: Cluster) -> None:
    """A job whose payload crashes the worker's code (as one from a mismatched version would):
    the person waiting on it is answered, and the same worker goes on with the next link."""
    front = await cluster.front("front-telegram", telegram=True)
    await front.ready()
    tg, media = services.telegram, services.media
    tg.add_user(ALICE, "Alice")
    url = media.url(SONG[0], "m4a")
    [link] = scan_links(url, frozenset({f"127.0.0.1:{media.port}"})).links
    queue = open_queue(REDIS_URL, cluster.queue)
    payload = {"url": url}  # a shape this version does not know: load_link raises TypeError
    assert await queue.enqueue(FUNCTION, key=wire.job_key(link), timeout=60, heartbeat=2,
                               retries=2, link=payload) is not None
    await queue.disconnect()
    tg.user_sends(ALICE, url, chat_id=ALICE)  # joins the poisoned job, queued with no worker
    await tg.wait_for(lambda: "Got it" in said(services, ALICE) or "…" in said(services, ALICE),
                      30)
    worker = await cluster.start("worker", "worker")
    await tg.wait_for(lambda: StashError.user_message in said(services, ALICE), 60)
    assert worker.logs.count("Error processing job") == 2  # once per attempt, no more

    other = media.url(SLOW_SONG[0], "m4a")
    tg.user_sends(ALICE, other, chat_id=ALICE)
    await tg.wait_for(lambda: SLOW_SONG[1] in said(services, ALICE), 60)
    assert worker.process.returncode is None
