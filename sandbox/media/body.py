"""Send a body the way a CDN does: byte ranges, optional throttling, optional chunked transfer."""

from __future__ import annotations

import asyncio
import random
import re
import socket
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

CHUNK = 64 * 1024
SEND_BUFFER = 64 * 1024
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class RangeNotSatisfiable(Exception):
    """The requested range starts beyond the end of the body."""


@dataclass(frozen=True)
class Body:
    """A body of known size, read by (offset, length): file bytes, or generated on the fly."""

    size: int
    read: Callable[[int, int], bytes]
    content_type: str

    @classmethod
    def of_bytes(cls, data: bytes, content_type: str) -> Body:
        """A body held in memory."""
        return cls(len(data), lambda offset, length: data[offset:offset + length], content_type)

    @classmethod
    def generated(cls, size: int, content_type: str) -> Body:
        """`size` bytes of a repeating pseudo-random pattern: never stored anywhere."""
        pattern = random.Random(size).randbytes(CHUNK)

        def read(offset: int, length: int) -> bytes:
            start = offset % CHUNK
            return (pattern * (2 + length // CHUNK))[start:start + length]

        return cls(size, read, content_type)


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive (first, last) byte of a single `bytes=` range; None serves everything.

    A malformed or multi-part range is ignored, as RFC 9110 allows.
    """
    match = _RANGE.fullmatch((header or "").strip())
    if match is None or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # a suffix: the last N bytes
        if int(last) == 0:
            raise RangeNotSatisfiable
        return max(0, size - int(last)), size - 1
    if last and int(last) < int(first):
        return None  # not a valid range at all: ignored, not refused
    if int(first) >= size:
        raise RangeNotSatisfiable
    return int(first), min(size - 1, int(last)) if last else size - 1


@dataclass
class Delivery:
    """How to send one response: throttled to `rate` bytes/s, with or without Content-Length."""

    rate: int | None = None
    length: bool = True
    counted: Callable[[int], None] = lambda n: None  # told of every body byte written
    answered: Callable[[int], None] = lambda status: None  # told the status once headers go


async def send(request: web.Request, body: Body, delivery: Delivery) -> web.StreamResponse:
    """Answer with the body or the requested range of it (206), or 416."""
    response = web.StreamResponse(headers={"Content-Type": body.content_type})
    first, last = 0, body.size - 1
    if delivery.length:
        response.headers["Accept-Ranges"] = "bytes"
        try:
            wanted = parse_range(request.headers.get("Range"), body.size)
        except RangeNotSatisfiable:
            return web.Response(status=416, headers={"Content-Range": f"bytes */{body.size}"})
        if wanted is not None:
            first, last = wanted
            response.set_status(206)
            response.headers["Content-Range"] = f"bytes {first}-{last}/{body.size}"
        response.content_length = last - first + 1
    else:
        response.enable_chunked_encoding()
    _small_send_buffer(request)
    await response.prepare(request)
    delivery.answered(response.status)
    if request.method != "HEAD":
        await _stream(response, body, first, last + 1, delivery)
    return response


def _small_send_buffer(request: web.Request) -> None:
    """Cap the kernel's send buffer, so a client that stops reading stops the count soon.

    Left to autotuning, loopback buffers absorb megabytes that no client ever read (yt-dlp's
    generic extractor opens every URL once just to look at its headers).
    """
    sock = request.transport.get_extra_info("socket") if request.transport else None
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, SEND_BUFFER)


async def _stream(
    response: web.StreamResponse, body: Body, start: int, end: int, delivery: Delivery
) -> None:
    loop = asyncio.get_running_loop()
    began, sent = loop.time(), 0
    chunk = CHUNK if delivery.rate is None else max(256, min(CHUNK, delivery.rate // 10))
    try:
        for offset in range(start, end, chunk):
            data = body.read(offset, min(chunk, end - offset))
            sent += len(data)
            if delivery.rate:  # a byte leaves no sooner than the rate allows
                await asyncio.sleep(max(0.0, began + sent / delivery.rate - loop.time()))
            await response.write(data)
            delivery.counted(len(data))
        await response.write_eof()
    except ConnectionError:
        pass  # the client hung up: a partial download, as the byte count shows
