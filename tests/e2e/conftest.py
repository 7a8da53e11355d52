"""Stand-ins shared by the end-to-end modules that send files to the bot: one per module."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from sandbox.media.encoder import ClipCache
from sandbox.shazam import ShazamStandIn


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def shazam() -> AsyncIterator[ShazamStandIn]:
    async with ShazamStandIn() as stand_in:
        await stand_in.ready()
        yield stand_in


@pytest.fixture(scope="module")
def clips(tmp_path_factory: pytest.TempPathFactory) -> ClipCache:
    return ClipCache(tmp_path_factory.mktemp("clips"))
