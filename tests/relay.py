"""A TCP relay in front of a server on 127.0.0.1 that a test can cut, freeze and restore."""

from __future__ import annotations

import asyncio
import contextlib


class TcpRelay:
    """127.0.0.1:port → 127.0.0.1:upstream. `cut()` closes the port and every connection
    through it (as an outage or a restart looks to a client); `freeze()` keeps every connection
    open but passes nothing on (a server that hangs, a network that drops everything), and the
    connections frozen stay so for good; `restore()` serves on the same port again."""

    def __init__(self, upstream: int, port: int = 0) -> None:
        self.upstream = upstream
        self.port = port
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task[None]] = set()
        self._flowing = asyncio.Event()

    async def restore(self) -> None:
        if not self._flowing.is_set():  # the frozen connections stay frozen
            self._flowing = asyncio.Event()
        self._flowing.set()
        if self._server is None:
            self._server = await asyncio.start_server(self._relay, "127.0.0.1", self.port)
            self.port = self._server.sockets[0].getsockname()[1]

    def freeze(self) -> None:
        self._flowing.clear()

    async def cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for pipe in list(self._pipes):
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.upstream)
        except OSError:
            writer.close()
            return
        flowing = self._flowing
        pipes = [asyncio.create_task(_pipe(reader, up_writer, flowing)),
                 asyncio.create_task(_pipe(up_reader, writer, flowing))]
        self._pipes.update(pipes)
        try:
            await asyncio.wait(pipes, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for pipe in pipes:
                pipe.cancel()
                self._pipes.discard(pipe)
            for w in (writer, up_writer):
                w.close()



async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                flowing: asyncio.Event) -> None:
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        while data := await reader.read(65536):
            await flowing.wait()
            writer.write(data)
            await writer.drain()
