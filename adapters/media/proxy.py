"""A per-job forward proxy that every request of a job goes through, yt-dlp's and ffmpeg's.

yt-dlp and ffmpeg follow redirects on their own and resolve names on their own. Sending their
traffic through this proxy means every hop is checked by the NetworkGuard before it is made, the
connection goes to the address that was checked (no second lookup to rebind), and the bytes a
job receives are counted and cut off at the cap, with or without a Content-Length.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Coroutine
from types import TracebackType
from typing import Any, Self
from urllib.parse import urlsplit

from adapters.media.guard import NetworkGuard, Target
from core.errors import LinkError

log = logging.getLogger(__name__)

# Small socket buffers: the kernel must not pull megabytes ahead of what the job reads.
BUFFER = 32 * 1024
CHUNK = 16 * 1024
REFUSAL = b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
UNREACHABLE = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
# Dropped from requests: the proxy's own, and Accept-Encoding (plain bodies only, see below).
_DROPPED_HEADERS = ("proxy-connection", "proxy-authorization", "connection", "keep-alive",
                    "accept-encoding")


class GuardProxy:
    """Serves one job on 127.0.0.1; `refused` and `over_cap` tell how it ended."""

    def __init__(self, guard: NetworkGuard, max_bytes: int, connect_timeout: float = 10.0
                 ) -> None:
        self._guard = guard
        self._max_bytes = max_bytes
        self._connect_timeout = connect_timeout
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.received = 0
        self.over_cap = False
        self.refused: list[str] = []
        self.packed: list[str] = []  # hosts that sent a compressed body though asked not to
        self.url = ""

    async def __aenter__(self) -> Self:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        port = self._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._server is not None:
            self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._relay(reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError,
                ValueError, OSError):
            pass  # one side hung up or spoke nonsense: the job sees a broken connection
        except asyncio.CancelledError:
            pass  # the job is over; asyncio would log a cancelled connection handler as an error
        finally:
            if task is not None:
                self._tasks.discard(task)
            writer.close()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        _small_buffers(writer)
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        request_line, *headers = head.split("\r\n")[:-2]
        method, target, version = request_line.split(" ", 2)
        tunnel = method.upper() == "CONNECT"
        url = f"https://{target}/" if tunnel else target
        try:
            checked = await self._guard.check_url(url)
        except LinkError:
            self.refused.append(urlsplit(url).hostname or target)
            writer.write(REFUSAL)
            return
        try:
            upstream_reader, upstream = await self._connect(checked)
        except OSError:
            writer.write(UNREACHABLE)  # the job's client reports it as the network's trouble
            return
        try:
            if tunnel:
                writer.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
            else:
                upstream.write(_origin_request(method, url, version, headers))
                if not await self._plain_head(upstream_reader, writer, checked.host):
                    return
            await _first_of(self._pipe(reader, upstream, count=False),
                            self._pipe(upstream_reader, writer, count=True))
        finally:
            upstream.close()

    async def _plain_head(self, upstream: asyncio.StreamReader, writer: asyncio.StreamWriter,
                          host: str) -> bool:
        """Pass the response's head on, unless its body is compressed: asked for plain bytes,
        a server that compresses anyway may be sending a bomb that unpacks to gigabytes."""
        head = await upstream.readuntil(b"\r\n\r\n")
        self.received += len(head)
        if not _plain(head):
            log.warning("refused a compressed response from %s", host)
            self.packed.append(host)
            writer.write(UNREACHABLE)
            return False
        writer.write(head)
        return True

    async def _connect(self, target: Target
                       ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        last: OSError = OSError(f"no address for {target.host}")
        for address in target.addresses:
            family = socket.AF_INET6 if ":" in address else socket.AF_INET
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, BUFFER)
            sock.setblocking(False)
            try:
                await asyncio.wait_for(asyncio.get_running_loop().sock_connect(
                    sock, (address, target.port)), self._connect_timeout)
                return await asyncio.open_connection(sock=sock, limit=CHUNK)
            except (OSError, TimeoutError) as err:
                sock.close()
                last = err if isinstance(err, OSError) else OSError(str(err))
        raise last

    async def _pipe(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter, *,
                    count: bool) -> None:
        while data := await source.read(CHUNK):
            if count:
                self.received += len(data)
                if self.received > self._max_bytes:
                    self.over_cap = True
                    return
            sink.write(data)
            await sink.drain()


async def _first_of(*pipes: Coroutine[Any, Any, None]) -> None:
    """Run both directions until either ends: a side that hangs up ends the whole exchange.

    Otherwise the proxy would go on pulling a file nobody reads any more.
    """
    tasks = [asyncio.ensure_future(pipe) for pipe in pipes]
    try:
        done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
        for task in done:
            task.result()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def _small_buffers(writer: asyncio.StreamWriter) -> None:
    """Keep what waits for the client small, so a client that stops reading stops the pull."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, BUFFER)
    writer.transport.set_write_buffer_limits(high=CHUNK)


def _origin_request(method: str, url: str, version: str, headers: list[str]) -> bytes:
    """The request as the origin server expects it: a path, no proxy headers, plain bytes."""
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    kept = [h for h in headers if h.split(":", 1)[0].strip().lower() not in _DROPPED_HEADERS]
    # One request per connection: the next one may be for another host, and must be checked.
    lines = [f"{method} {path} {version}", *kept, "Accept-Encoding: identity",
             "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1")


# Codings a plain body may be named with. ffmpeg reads every Content-Encoding line and the last
# one wins ("identity" then "gzip" unpacks); a Transfer-Encoding other than chunked is refused too.
_PLAIN = {"content-encoding": {"", "identity"}, "transfer-encoding": {"", "identity", "chunked"}}


def _plain(head: bytes) -> bool:
    """Whether a response head names no compression, however it is spelled: every line of
    each encoding header, each item of a comma list, in any case; a folded (continued) header
    line, which could hide one, is refused as well."""
    for line in head.decode("latin-1").split("\r\n")[1:]:
        if line[:1] in (" ", "\t"):
            return False
        name, _, value = line.partition(":")
        allowed = _PLAIN.get(name.strip().lower())
        if allowed is not None and any(item.strip().lower() not in allowed
                                       for item in value.split(",")):
            return False
    return True
