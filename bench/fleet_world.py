"""The outside world of bench_fleet, in a process of its own: herd_world's stand-ins (Telegram
with flood limits off, media, Shazam, Spotify) under a bot token of the run's own (so the send
budget the replicas share in Redis is nobody else's), plus control routes: `seed` (Spotify
accounts whose tokens the stand-in honours, for Stash's database), `warm` (every reel encoded
once, as a platform's CDN already holds its files) and `reels` (each person sends their own
link). With reels, the catalogue gains fleet_catalogue's songs first: every reel is a song of
its own. The round-robin forwarder in front of the webhook replicas is a process too."""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import secrets
import time
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from multiprocessing.connection import Connection
from typing import Any

import aiohttp
import fleet_catalogue
import fleet_delivery
from aiohttp import web
from herd_world import World, serve

from adapters.spotify.tokens import SCOPES
from sandbox.spotify.state import SpotifyUser
from sandbox.telegram import FloodLimits


class FleetWorld(World):
    def routes(self, app: web.Application) -> None:
        super().routes(app)
        for name in ("seed", "warm", "reels", "entries"):
            app.router.add_post(f"/{name}", self._route(getattr(self, name)))

    async def seed(self, ids: list[int]) -> dict[str, Any]:
        """Chat users, each with a Spotify account and the token_info Stash would store."""
        store, tokens = self.spotify.store, {}
        for user_id in ids:
            self.tg.add_user(user_id, f"P{user_id}")
            account = f"listener{user_id}"
            store.users[account] = SpotifyUser(account, f"Listener {user_id}")
            access = store.issue_access(account, SCOPES)
            refresh = store.issue_refresh(account, SCOPES, pkce=True)
            tokens[str(user_id)] = {
                "access_token": access.value, "token_type": "Bearer", "scope": SCOPES,
                "expires_in": store.token_lifetime, "refresh_token": refresh.value,
                "expires_at": int(time.time()) + store.token_lifetime}
        return tokens

    async def entries(self) -> dict[str, Any]:
        """The tracks in every playlist, and how many of them are in theirs more than once."""
        counts = Counter((playlist.owner_id, entry.uri)
                         for playlist in self.spotify.store.playlists.values()
                         for entry in playlist.entries)
        return {"entries": sum(counts.values()), "twice": sum(1 for n in counts.values() if n > 1)}

    async def warm(self, links: list[str], at_once: int) -> dict[str, Any]:
        """Each link fetched once (the media stand-in encodes it and keeps it on disk)."""
        began, slots = time.perf_counter(), asyncio.Semaphore(at_once)
        async with aiohttp.ClientSession() as session:

            async def fetch(link: str) -> int:
                async with slots, session.get(link) as response:
                    return len(await response.read()) if response.status == 200 else -1

            sizes = await asyncio.gather(*(fetch(link) for link in links))
        return {"seconds": time.perf_counter() - began, "failed": sizes.count(-1),
                "megabytes": sum(s for s in sizes if s > 0) / 1e6}

    async def reels(self, links: dict[str, str], patience: float) -> dict[str, Any]:
        """Each person sends their own link, all at once (as `herd`)."""
        clock, ids = self.clock, [int(p) for p in links]
        for user_id in ids:
            for seen in (clock.first, clock.answered, clock.writes):
                seen.pop(user_id, None)
        paid = self.tg.world().flood.paid
        began, began_wall = time.perf_counter(), time.time()
        for user_id in ids:
            self.tg.user_sends(user_id, links[str(user_id)])
        with contextlib.suppress(TimeoutError):
            await self.tg.wait_for(lambda: all(p in clock.answered for p in ids), patience)
        answered = [p for p in ids if p in clock.answered]
        return {"began": began, "began_wall": began_wall, "answered_ids": answered,
                "first": [clock.first[p] - began for p in ids if p in clock.first],
                "answered": [clock.answered[p] - began for p in answered],
                "writes": sum(clock.writes[p] for p in ids),
                "paid": self.tg.world().flood.paid - paid}


async def _serve(token: str, songs: int, parallel: bool, conn: Connection) -> None:
    fleet_catalogue.extend(songs)  # before the Shazam stand-in builds its index
    if parallel:
        fleet_delivery.install()  # before the Telegram stand-in starts delivering
    await serve(conn, FleetWorld, token, FloodLimits(enabled=False),
                lambda media: {"reel_links": fleet_catalogue.links(media, songs)})


async def _forward(port: int, backends: list[str], conn: Connection) -> None:
    """One address in front of the replicas: each update to the next replica in turn."""
    turn = 0
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as session:

        async def forward(request: web.Request) -> web.Response:
            nonlocal turn
            target, turn = backends[turn], (turn + 1) % len(backends)
            headers = {k: v for k, v in request.headers.items()
                       if k.lower().startswith("x-telegram")}
            async with session.post(target + "/telegram", data=await request.read(),
                                    headers={**headers, "Content-Type": "application/json"}
                                    ) as answer:
                return web.Response(status=answer.status)

        app = web.Application()
        app.router.add_post("/telegram", forward)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        conn.send("ready")
        await asyncio.to_thread(conn.recv)
        await runner.cleanup()


def _world_main(token: str, songs: int, parallel: bool, conn: Connection) -> None:
    asyncio.run(_serve(token, songs, parallel, conn))


def _forward_main(port: int, backends: list[str], conn: Connection) -> None:
    asyncio.run(_forward(port, backends, conn))


def bot_token() -> str:
    """A bot token of this run's own (its number names the shared send budget in Redis)."""
    return f"{secrets.randbelow(10**9) + 10**9}:FLEET-{secrets.token_hex(8)}"


@asynccontextmanager
async def forwarder(port: int, backends: list[str]) -> AsyncIterator[int]:
    """The round-robin forwarder on `port`, in a process of its own: its pid."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_forward_main, args=(port, backends, theirs), daemon=True)
    process.start()
    try:
        assert await asyncio.to_thread(ours.recv) == "ready"
        assert process.pid is not None
        yield process.pid
        ours.send("stop")
        await asyncio.to_thread(process.join, 10)
    finally:
        if process.is_alive():
            process.terminate()


@asynccontextmanager
async def fleet_world(token: str, songs: int, parallel: bool = False
                      ) -> AsyncIterator[tuple[dict[str, Any], int]]:
    """The stand-ins' process, `songs` of fleet_catalogue's songs added, webhook updates
    delivered in parallel as Telegram does if `parallel`: its info and pid."""
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    process = context.Process(target=_world_main, args=(token, songs, parallel, theirs),
                              daemon=True)
    process.start()
    try:
        info = await asyncio.to_thread(ours.recv)
        assert process.pid is not None
        yield info, process.pid
        async with aiohttp.ClientSession() as session:
            await session.post(f"{info['control']}/stop", json={})
        await asyncio.to_thread(process.join, 10)
    finally:
        if process.is_alive():
            process.terminate()
