"""A Discord attachment read ahead of its share is one of the file jobs: it waits for a slot
shared with the FileFetcher and stops at the same time limit."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from adapters.discord.downloads import DiscordFiles
from adapters.media.files import FileFetcher
from core import files
from core.errors import MediaUnavailable, NetworkTrouble
from core.models import FileKind, MediaFile
from tests.fakes import settle

HANG = 30.0  # only a guard against a hang


@dataclass
class Cdn:
    """An attachment CDN on 127.0.0.1 whose answers wait for the test's word."""

    base: str = ""
    gate: asyncio.Event = field(default_factory=asyncio.Event)
    asked: asyncio.Event = field(default_factory=asyncio.Event)
    requests: int = 0
    events: list[str] = field(default_factory=list)

    async def attachment(self, _: web.Request) -> web.Response:
        self.requests += 1
        self.asked.set()
        await self.gate.wait()
        self.events.append("download served")
        return web.Response(body=b"\0" * 1000, content_type="video/mp4")


@pytest.fixture
async def cdn() -> AsyncIterator[Cdn]:
    served = Cdn()
    app = web.Application()
    app.router.add_get("/attachments/{rest:.*}", served.attachment)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    served.base = f"http://127.0.0.1:{port}"
    yield served
    served.gate.set()
    await runner.cleanup()


@dataclass
class Posted:
    """The two fields of discord.Attachment that a download reads."""

    url: str
    size: int = 1000


def attachment(cdn: Cdn) -> Any:
    return Posted(f"{cdn.base}/attachments/1/2/clip.mp4")


class Recording:
    """Another front's file: reading it is recorded, then refused (its windows don't matter)."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    async def fetch(self, file: MediaFile, into: Path) -> Path:
        self.events.append("other file read")
        raise MediaUnavailable("not needed here")


async def test_a_download_holds_one_of_the_file_slots(cdn: Cdn) -> None:
    fetcher = FileFetcher(concurrency=1, timeout=HANG)
    fetcher.add_source("other", Recording(cdn.events))
    discord = DiscordFiles(cdn.base, 50 * 1024 * 1024, fetcher.slots)

    async def share() -> None:
        async with discord.hold(attachment(cdn), FileKind.VIDEO):
            pass

    async with asyncio.timeout(HANG):
        held = asyncio.create_task(share())
        await cdn.asked.wait()
        other = files.file_link("other-file:1", MediaFile("other", "h", FileKind.VOICE))
        reading = asyncio.create_task(fetcher.fetch(other))
        await settle()  # with a free slot, the other file would be read by now
        cdn.gate.set()
        await held
        with pytest.raises(MediaUnavailable):
            await reading
    assert cdn.events == ["download served", "other file read"]


async def test_a_download_that_stalls_stops_at_the_file_time_limit(cdn: Cdn) -> None:
    fetcher = FileFetcher(timeout=0.5)
    discord = DiscordFiles(cdn.base, 50 * 1024 * 1024, fetcher.slots)
    with pytest.raises(NetworkTrouble):
        async with asyncio.timeout(HANG):
            async with discord.hold(attachment(cdn), FileKind.VIDEO):
                pass
    assert cdn.requests == 1 and cdn.events == []
