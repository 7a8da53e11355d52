"""The outside world of bench_herd, in a process of its own: every stand-in (Telegram with its
flood limits on or off, media host, Shazam, Spotify), driven over a small control API.

In Stash's process the stand-ins took a share of its event loop and of the machine's two cores
as large as Stash's own, so the benchmark measured both; here they run beside it, as Telegram
and the rest do. Times are the stand-in's perf_counter (system-wide on Linux), taken when its
Bot API accepted a message."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import time
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import AsyncExitStack, asynccontextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
from aiohttp import web

from sandbox.media import MediaHost
from sandbox.shazam import ShazamStandIn
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.state import SpotifyUser
from sandbox.telegram import FloodLimits, TelegramStandIn
from sandbox.telegram import standin as tg_standin

TOKEN = "123456:BENCH-TOKEN"  # noqa: S105 - the stand-in's fake token
TELEGRAM_RATE = 30.0  # messages a second, bot-wide (the stand-in's and Telegram's)


@dataclass
class Clock:
    """When the stand-in accepted messages, per chat (installed on its method table)."""

    first: dict[int, float] = field(default_factory=dict)
    answered: dict[int, float] = field(default_factory=dict)
    writes: Counter[int] = field(default_factory=Counter)

    def install(self) -> None:
        """Time the stand-in's sendMessage and editMessageText."""
        for method in ("sendmessage", "editmessagetext"):
            tg_standin.METHODS[method] = self._timed(tg_standin.METHODS[method])

    def _timed(self, handler: Any) -> Any:
        async def timed(world: Any, params: Any) -> Any:
            result = await handler(world, params)
            chat, now = int(result["chat"]["id"]), time.perf_counter()
            self.writes[chat] += 1
            self.first.setdefault(chat, now)
            if not str(result.get("text", "")).endswith("…"):
                self.answered.setdefault(chat, now)
            return result

        return timed


class World:
    """The stand-ins and the control routes that drive them."""

    def __init__(self, tg: TelegramStandIn, spotify: SpotifyStandIn) -> None:
        self.tg, self.spotify, self.clock = tg, spotify, Clock()
        self.clock.install()
        self.stopped = asyncio.Event()

    def routes(self, app: web.Application) -> None:
        for name in ("people", "login", "herd", "stop"):
            app.router.add_post(f"/{name}", self._route(getattr(self, name)))

    def _route(self, handler: Any) -> Any:
        async def route(request: web.Request) -> web.Response:
            return web.json_response(await handler(**await request.json()))
        return route

    async def people(self, ids: list[int]) -> dict[str, Any]:
        """Chat users, each with a Spotify account of their own (`listener<id>`)."""
        for user_id in ids:
            self.tg.add_user(user_id, f"P{user_id}")
            account = f"listener{user_id}"
            self.spotify.store.users[account] = SpotifyUser(account, f"Listener {user_id}")
        return {}

    async def login(self, account: str) -> dict[str, Any]:
        """Who logs in at Spotify's /authorize next."""
        self.spotify.login_as(account)
        return {}

    async def herd(self, ids: list[int], link: str, patience: float) -> dict[str, Any]:
        """Everyone in `ids` sends `link` at once; when each got a first message and an answer
        (seconds after sending), and how many messages they were sent, once all are answered
        or after `patience`."""
        clock = self.clock
        for user_id in ids:
            clock.first.pop(user_id, None)
            clock.answered.pop(user_id, None)
            clock.writes.pop(user_id, None)
        paid, refused = self.tg.world().flood.paid, self.tg.flood_waits
        began = time.perf_counter()
        for user_id in ids:
            self.tg.user_sends(user_id, link)
        with contextlib.suppress(TimeoutError):
            await self.tg.wait_for(lambda: all(p in clock.answered for p in ids), patience)
        return {"began": began,
                "first": [clock.first[p] - began for p in ids if p in clock.first],
                "answered": [clock.answered[p] - began for p in ids if p in clock.answered],
                "writes": sum(clock.writes[p] for p in ids),
                "paid": self.tg.world().flood.paid - paid,
                "refused": self.tg.flood_waits - refused}

    async def stop(self) -> dict[str, Any]:
        self.stopped.set()
        return {}


async def serve(conn: Connection, world_type: type[World], token: str, limits: FloodLimits,
                links: Callable[[MediaHost], dict[str, Any]]) -> None:
    """Every stand-in and the world's control routes, until the world is stopped."""
    async with AsyncExitStack() as stack:
        media = await stack.enter_async_context(MediaHost())
        shazam = await stack.enter_async_context(ShazamStandIn())
        spotify = await stack.enter_async_context(SpotifyStandIn())
        tg = await stack.enter_async_context(TelegramStandIn(token, flood=limits))
        await shazam.ready()
        world = world_type(tg, spotify)
        app = web.Application()
        world.routes(app)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        stack.push_async_callback(runner.cleanup)
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        conn.send({"control": f"http://127.0.0.1:{port}", "telegram": tg.base_url,
                   "shazam": shazam.origin, "spotify_api": spotify.api_base_url,
                   "spotify_accounts": spotify.accounts_base_url,
                   "media_host": f"127.0.0.1:{media.port}",
                   "herd_link": media.url("40000001", "m4a", seconds=60),
                   **links(media)})
        await world.stopped.wait()


async def _serve(flood: bool, conn: Connection) -> None:
    limits = FloodLimits(global_per_second=TELEGRAM_RATE, enabled=flood)
    await serve(conn, World, TOKEN, limits,
                lambda media: {"alone_link": media.url("40000001", "mp3")})


def _main(flood: bool, conn: Connection) -> None:
    asyncio.run(_serve(flood, conn))


class Remote:
    """The world process, as Stash's process drives it."""

    def __init__(self, info: dict[str, str], session: aiohttp.ClientSession) -> None:
        self.info, self._session = info, session

    async def call(self, name: str, **args: Any) -> dict[str, Any]:
        async with self._session.post(f"{self.info['control']}/{name}", json=args) as response:
            response.raise_for_status()
            answer: dict[str, Any] = await response.json()
            return answer


@asynccontextmanager
async def world_process(flood: bool) -> AsyncIterator[Remote]:
    """The stand-ins started in a process of their own; stopped on leaving."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_main, args=(flood, theirs), daemon=True)
    process.start()
    try:
        info = await asyncio.to_thread(ours.recv)
        timeout = aiohttp.ClientTimeout(total=None)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            remote = Remote(info, session)
            yield remote
            await remote.call("stop")
        await asyncio.to_thread(process.join, 10)
    finally:
        if process.is_alive():
            process.terminate()
