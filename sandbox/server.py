"""The common shape of every stand-in: an aiohttp app served on a loopback port."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from aiohttp import web


class StandIn:
    """Base class: subclasses build `self.app`; `async with` serves it on 127.0.0.1.

    Port 0 (the default) picks a free port; `base_url` is known once started.
    """

    name = "stand-in"

    def __init__(self, *, host: str = "127.0.0.1", port: int = 0) -> None:
        self.host = host
        self.port = port
        self.app = web.Application()
        self._runner: web.AppRunner | None = None

    @property
    def origin(self) -> str:
        """scheme://host:port of the running server."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """The URL a client is configured with; subclasses add their path prefix."""
        return self.origin

    async def start(self) -> None:
        """Serve the app; resolves port 0 to the real port."""
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        sockets = site._server.sockets if site._server else []  # type: ignore[attr-defined,union-attr,unused-ignore]
        if sockets:
            self.port = sockets[0].getsockname()[1]

    async def stop(self) -> None:
        """Stop serving and release the port."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()
