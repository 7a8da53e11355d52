"""Compressed media past the guard proxy (issue 23): a body named compressed however the host
spells it is refused before anything unpacks it, and ffmpeg's memory is bounded where the proxy
cannot see the encoding (an HTTPS tunnel).

Seen before: `Content-Encoding: identity` then `Content-Encoding: gzip` passed the proxy, which
read only the first line, and ffmpeg, which obeys the last, unpacked 597 KB into 1,230 MB.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.media import YtdlpFetcher, ffmpeg
from adapters.media.classify import UNREADABLE, classify
from adapters.media.ffmpeg import MEMORY_LIMIT, find_ffmpeg
from core.errors import MediaUnavailable
from core.links import parse_links
from sandbox.media.bombs import id3_bomb, tone_mp3

pytestmark = pytest.mark.asyncio(loop_scope="module")
MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parents[2]


class RawHost:
    """Answers every request with `head` (header lines as given, unchecked) and `body`."""

    def __init__(self) -> None:
        self.headers: list[str] = []
        self.tone = tone_mp3(find_ffmpeg())
        self.body = id3_bomb(64, self.tone)
        self.port = 0

    async def serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            await reader.readuntil(b"\r\n\r\n")
            head = ["HTTP/1.1 200 OK", "Content-Type: audio/mpeg",
                    f"Content-Length: {len(self.body)}", "Connection: close", *self.headers]
            writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + self.body)
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/song.mp3"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def host() -> AsyncIterator[RawHost]:
    raw = RawHost()
    server = await asyncio.start_server(raw.serve, "127.0.0.1", 0)
    raw.port = server.sockets[0].getsockname()[1]
    yield raw
    server.close()
    await server.wait_closed()


@pytest.mark.parametrize("headers", [
    ["Content-Encoding: identity", "Content-Encoding: gzip"],  # the one seen
    ["Content-Encoding: gzip", "Content-Encoding: identity"],
    ["Content-Encoding: identity, gzip"],
    ["content-encoding:GZIP"],
    ["Content-Encoding :  x-gzip  "],
    ["Content-Encoding: identity", "Content-Encoding:", "CONTENT-ENCODING:\tDeflate"],
    ["Content-Encoding: identity", " gzip"],  # a folded line continues the header before it
    ["Transfer-Encoding: gzip"],
], ids=["identity-then-gzip", "gzip-then-identity", "comma-list", "case", "spaces",
        "three-lines", "folded", "transfer-encoding"])
async def test_a_compressed_body_is_refused_however_its_encoding_is_spelled(
        host: RawHost, headers: list[str]) -> None:
    host.headers = headers
    listed = f"127.0.0.1:{host.port}"
    [link] = parse_links(host.url, [listed])
    with pytest.raises(MediaUnavailable) as refused:
        await YtdlpFetcher(extra_hosts=[listed]).fetch(link)
    assert refused.value.user_message.startswith("I couldn't read that")


async def test_a_plain_body_named_plainly_still_plays(host: RawHost) -> None:
    host.headers = ["Content-Encoding: identity", "content-encoding: IDENTITY",
                    "Transfer-Encoding: chunked"]
    saved, host.body = host.body, chunked(host.tone)
    listed = f"127.0.0.1:{host.port}"
    [link] = parse_links(host.url, [listed])
    try:
        clip = await YtdlpFetcher(extra_hosts=[listed]).fetch(link)
    finally:
        host.body = saved
    assert clip.data


def chunked(data: bytes) -> bytes:
    size = 16 * 1024
    pieces = [data[at:at + size] for at in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"


CHILD = """
import asyncio, json, resource, sys, tempfile
from pathlib import Path
from adapters.media.classify import classify
from adapters.media.ffmpeg import FfmpegFailed, Source, cut_window, find_ffmpeg

async def main(url):
    with tempfile.TemporaryDirectory() as tmp:
        try:
            await cut_window(find_ffmpeg(), Source(url, "mp3"), 0, 5,
                             proxy=url.rsplit("/", 1)[0], into=Path(tmp), rw_timeout=20)
            answer = "cut"
        except FfmpegFailed as err:
            answer = classify(str(err)).user_message
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(json.dumps({"answer": answer, "peak": peak}))

asyncio.run(main(sys.argv[1]))
"""


def cut_in_a_child(url: str) -> dict[str, object]:
    """ffmpeg reading `url` with no guard proxy in its way (as through an HTTPS tunnel), run from
    a fresh process so that the peak memory of its children is ffmpeg's alone."""
    out = subprocess.run([sys.executable, "-c", CHILD, url], cwd=ROOT, capture_output=True,
                         text=True, timeout=120, check=True).stdout
    return dict(json.loads(out.splitlines()[-1]))


async def test_ffmpeg_unpacking_a_bomb_itself_stays_within_its_memory_bound(host: RawHost) -> None:
    host.headers = ["Content-Encoding: gzip"]
    # 600 MiB unpacked, under 1 MiB on the wire
    saved, host.body = host.body, id3_bomb(600, host.tone)
    try:
        assert len(host.body) < MIB
        result = await asyncio.to_thread(cut_in_a_child, host.url)
    finally:
        host.body = saved
    assert int(result["peak"]) < MEMORY_LIMIT  # type: ignore[call-overload]
    assert result["answer"] in ("cut", UNREADABLE)


async def test_ffmpeg_ending_at_its_bound_is_a_video_that_could_not_be_read(
        host: RawHost, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    host.headers = []
    saved, host.body = host.body, host.tone
    monkeypatch.setattr(ffmpeg, "MEMORY_LIMIT", 64 * MIB)  # below what ffmpeg needs to start
    try:
        with pytest.raises(ffmpeg.FfmpegFailed) as failed:
            await ffmpeg.cut_window(ffmpeg.find_ffmpeg(), ffmpeg.Source(host.url, "mp3"), 0, 5,
                                    proxy=host.url.rsplit("/", 1)[0], into=tmp_path,
                                    rw_timeout=10)
    finally:
        host.body = saved
    assert classify(str(failed.value)).user_message == UNREADABLE
