"""PostgreSQL away in the middle of a herd: the connection cut (a restart, a network fault) or
frozen (a server that stops answering) through a TCP relay while four people's shares of one
link are being fetched and one person asks for /history. Nothing is lost or doubled: every
status message ends in the song, the linked person's playlist has it once, /history is answered,
and /readyz says 503 while the database is away."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from sandbox.processes import Launched
from tests.e2e.worlds import ALICE, Services, asks_to_resend, connect_spotify, said
from tests.relay import TcpRelay
from tests.run_helpers import Runs, until
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]

HERD = (ALICE, ALICE + 1, ALICE + 2, ALICE + 3)  # Alice linked her Spotify, the others not
AWAY = 4.0  # seconds the database is away


@pytest.fixture
async def relay(postgres_url: str) -> AsyncIterator[TcpRelay]:
    relay = TcpRelay(5432)
    await relay.restore()
    try:
        yield relay
    finally:
        await relay.cut()


async def readyz(process: Launched) -> int:
    async with aiohttp.ClientSession() as session, \
            session.get(process.base + "/readyz") as response:
        return response.status


async def through_an_outage(services: Services, tmp_path: Path, postgres_url: str,
                            relay: TcpRelay, frozen: bool) -> Launched:
    telegram, media = services.telegram, services.media
    for person in HERD:
        telegram.add_user(person, f"Person {person}")
    runs = Runs(services, tmp_path)
    url = postgres_url.replace(":5432/", f":{relay.port}/")
    stash = await runs.start("--fronts", "telegram,web", DATABASE_URL=url,
                             DATABASE_TIMEOUT="2")
    try:
        await connect_spotify(services)
        media.set_faults(rate=8000)
        for person in HERD:
            telegram.user_sends(person, media.url("40000003", "m4a"), chat_id=person)
        await until(lambda: all("Downloading audio" in said(services, p) for p in HERD), 60,
                    "every share fetching")
        if frozen:
            relay.freeze()
        else:
            await relay.cut()
        telegram.user_sends(ALICE, "/history", chat_id=ALICE)
        await asyncio.sleep(AWAY / 2)
        assert await readyz(stash) == 503
        media.set_faults()
        await asyncio.sleep(AWAY / 2)
        await relay.restore()
        await until(lambda: all("Golden Hour" in said(services, p) for p in HERD), 60,
                    "every share answered")
        await until(lambda: "Your stash, page 1" in said(services, ALICE)
                    or "Nothing stashed yet" in said(services, ALICE), 30, "/history answered")
        await until(lambda: stash.process.returncode is None, 1, "still running")
        assert await readyz(stash) == 200
    finally:
        await runs.stop_all()
    for person in HERD:
        transcript = telegram.transcript(person)
        [status] = [e for e in transcript if any("Downloading audio" in text
                                                 for text in [*e.history, e.text or ""])]
        assert "Golden Hour" in (status.text or ""), status.history
        assert not any(asks_to_resend(e.text or "") for e in transcript), status.history
    assert "Added to Stash" in said(services, ALICE)
    [playlist] = services.spotify.playlists("stashdemo")
    assert len(playlist["items"]) == 1
    assert stash.process.returncode == 0
    return stash


async def test_the_database_connection_cut_mid_herd_loses_nothing(
        services: Services, tmp_path: Path, postgres_url: str, relay: TcpRelay) -> None:
    stash = await through_an_outage(services, tmp_path, postgres_url, relay, frozen=False)
    assert "Traceback" not in stash.logs, stash.logs[-5000:]


async def test_a_frozen_database_mid_herd_loses_nothing(
        services: Services, tmp_path: Path, postgres_url: str, relay: TcpRelay) -> None:
    stash = await through_an_outage(services, tmp_path, postgres_url, relay, frozen=True)
    assert "Traceback" not in stash.logs, stash.logs[-5000:]
