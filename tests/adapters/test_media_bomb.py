"""A decompression bomb on a listed host: refused before it unpacks, with memory kept small.

The bomb is real: a page of a couple of hundred kB that gzip unpacks to 200 MiB, served by a local
server that compresses whatever the request asked for. Memory is measured with tracemalloc,
which sees the allocations of yt-dlp's thread too.
"""

from __future__ import annotations

import asyncio
import threading
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
import pytest_asyncio
import yt_dlp
from aiohttp import web

from adapters.media import YtdlpFetcher
from adapters.media.classify import PACKED, PAGE_TOO_LARGE, classify
from adapters.media.ytdlp import probe
from core.errors import MediaTooLarge, MediaUnavailable, NetworkTrouble
from core.links import parse_links
from core.models import Platform
from tests.adapters.worlds import REEL, fetcher, platform

pytestmark = pytest.mark.asyncio(loop_scope="module")
MIB = 1024 * 1024
UNPACKED_MIB = 200
# Well above the 16 MiB page cap and what yt-dlp itself needs, far below the bomb.
PEAK_BOUND = 64 * MIB


def page_bomb() -> bytes:
    """An HTML page of UNPACKED_MIB spaces, gzipped a MiB at a time (never whole in memory)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [packer.compress(b"<html><body>")]
    block = b" " * MIB
    parts += [packer.compress(block) for _ in range(UNPACKED_MIB)]
    parts.append(packer.compress(b"</body></html>") + packer.flush())
    return b"".join(parts)


def gzip(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    return packer.compress(data) + packer.flush()


class BombHost:
    """Serves the bomb at any path, as `Content-Encoding: gzip` whatever the request asked."""

    def __init__(self) -> None:
        self.bodies = {1: page_bomb()}
        self.bodies[2] = gzip(self.bodies[1])  # "Content-Encoding: gzip, gzip"
        self.asked_encodings: list[str] = []
        self.port = 0

    async def page(self, request: web.Request) -> web.Response:
        self.asked_encodings.append(request.headers.get("Accept-Encoding", ""))
        layers = int(request.query.get("layers", "1"))
        return web.Response(body=self.bodies[layers], content_type="text/html",
                            headers={"Content-Encoding": ", ".join(["gzip"] * layers)})

    def url(self, layers: int = 1) -> str:
        return f"http://127.0.0.1:{self.port}/watch?layers={layers}"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bomb() -> AsyncIterator[BombHost]:
    host = BombHost()
    app = web.Application()
    app.router.add_get("/{tail:.*}", host.page)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host.port = runner.addresses[0][1]
    yield host
    await runner.cleanup()


@contextmanager
def peak_memory() -> Iterator[Callable[[], int]]:
    """The most memory allocated at once inside the block, in bytes (every thread)."""
    tracemalloc.start()
    try:
        yield lambda: tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


async def test_the_bomb_is_small_on_the_wire_and_huge_unpacked(bomb: BombHost) -> None:
    assert len(bomb.bodies[1]) < MIB and len(bomb.bodies[2]) < MIB
    assert unpacked_size(bomb.bodies[1]) > UNPACKED_MIB * MIB


def unpacked_size(packed: bytes) -> int:
    """How many bytes gzip data unpacks to, counted a MiB at a time."""
    unpacker = zlib.decompressobj(31)
    total, data = 0, packed
    while data:
        total += len(unpacker.decompress(data, MIB))
        data = unpacker.unconsumed_tail
    return total + len(unpacker.flush())


@pytest.mark.parametrize("layers", [1, 2])
async def test_a_listed_host_sending_a_compressed_page_is_refused_before_it_unpacks(
    bomb: BombHost, layers: int
) -> None:
    listed = f"127.0.0.1:{bomb.port}"
    [link] = parse_links(bomb.url(layers), [listed])
    media = YtdlpFetcher(extra_hosts=[listed])
    bomb.asked_encodings.clear()

    with peak_memory() as peak, pytest.raises(MediaUnavailable) as caught:
        await media.fetch(link)

    assert caught.value.user_message == PACKED
    assert peak() < PEAK_BOUND
    assert bomb.asked_encodings and set(bomb.asked_encodings) == {"identity"}


@pytest.mark.parametrize("layers", [1, 2])
async def test_over_https_where_the_proxy_sees_a_tunnel_yt_dlp_stops_unpacking_at_the_cap(
    bomb: BombHost, layers: int
) -> None:
    # No proxy: yt-dlp reads the server itself, as it does through an HTTPS tunnel.
    with peak_memory() as peak, pytest.raises(yt_dlp.utils.DownloadError) as caught:
        await asyncio.to_thread(probe, bomb.url(layers), Platform.DIRECT, proxy="",
                                cookiefile=None, socket_timeout=10)

    error = classify(str(caught.value))
    assert isinstance(error, MediaTooLarge) and error.user_message == PAGE_TOO_LARGE
    assert peak() < PEAK_BOUND


async def test_the_job_deadline_holds_while_the_extractor_thread_is_stuck() -> None:
    stuck, release = threading.Event(), threading.Event()

    def hang(ie: Any) -> dict[str, Any]:
        stuck.set()
        release.wait(30)  # a thread Python cannot stop: unpacking, or a regex on a huge page
        raise yt_dlp.utils.ExtractorError("released", expected=True)

    try:
        with pytest.raises(NetworkTrouble):
            await fetcher(platform(hang), timeout=0.5).fetch(parse_links(REEL)[0])
        assert stuck.is_set() and not release.is_set()  # answered while the thread still hangs
    finally:
        release.set()
