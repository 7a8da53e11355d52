"""Fixtures the end-to-end modules share: stand-ins for the modules that send files to the bot
(one per module), every service's stand-in per test (`services`), and a cluster of processes on
one PostgreSQL database and one Redis queue of the test's own (`cluster`)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from typing import Any

import pytest
import pytest_asyncio

from sandbox.discord import DiscordStandIn
from sandbox.media import MediaHost
from sandbox.media.encoder import ClipCache
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.telegram import TelegramStandIn
from tests.e2e.cluster import Cluster
from tests.e2e.worlds import (
    TELEGRAM_TOKEN,
    Services,
)
from tests.jobs.redis_helpers import REDIS_URL, queue_name
from tests.storage_engines import postgres_database, postgres_url  # noqa: F401 - fixtures


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shazam() -> AsyncIterator[ShazamStandIn]:
    async with ShazamStandIn() as stand_in:
        await stand_in.ready()
        yield stand_in


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> ClipCache:
    return ClipCache(tmp_path_factory.mktemp("clips"))


@pytest.fixture
async def services() -> AsyncIterator[Services]:
    async with AsyncExitStack() as stack:
        found = Services(
            await stack.enter_async_context(TelegramStandIn(TELEGRAM_TOKEN)),
            await stack.enter_async_context(DiscordStandIn()),
            await stack.enter_async_context(MediaHost()),
            await stack.enter_async_context(ShazamStandIn()),
            await stack.enter_async_context(SpotifyStandIn()))
        await found.shazam.ready()
        yield found


@pytest.fixture
async def cluster(services: Services, tmp_path: Any,
                  postgres_url: str) -> AsyncIterator[Cluster]:  # noqa: F811
    """Every process on one PostgreSQL database and one Redis queue of this test's own."""
    async with queue_name() as name:
        found = Cluster(services, tmp_path, name, REDIS_URL, postgres_url)
        try:
            yield found
        finally:
            await found.stop_all()
