"""The host account's calls. Every hosted add shares its one token: each call holds the host's
session (its lock keeps token refreshes in order) only while it runs, so adds for many playlists
interleave; and adds for one playlist that arrive together go in one request (up to 100 URIs,
what POST /playlists/{id}/items takes): a herd sharing one reel is one add, not thousands."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

import spotipy

from adapters.spotify.host import HOST
from adapters.spotify.playlist_api import playlist_uris
from adapters.spotify.sessions import UserSessions

T = TypeVar("T")
PER_REQUEST = 100
# How long the first add for a playlist waits for others arriving with it (a herd's shares
# reach this point a few database round trips apart, not in the same instant).
LINGER = 0.05


def _adding(playlist_id: str, uris: list[str]) -> Callable[[spotipy.Spotify], object]:
    def work(sp: spotipy.Spotify) -> object:
        return sp.playlist_add_items(playlist_id, uris)

    return work


class HostCalls:
    """One host account's calls in this process, and its per-playlist batches of adds."""

    def __init__(self, sessions: UserSessions, linger: float = LINGER) -> None:
        self.sessions = sessions
        self.linger = linger
        self._waiting: dict[str, list[tuple[str, asyncio.Future[None]]]] = {}
        self._sending: dict[str, asyncio.Task[None]] = {}
        self.requests = 0  # add requests made (for tests and benchmarks)

    async def call(self, work: Callable[[spotipy.Spotify], T]) -> T:
        """One call with the host's token (SpotifyNotConnected when no host is linked)."""
        async with self.sessions.open(HOST) as session:
            return await session.call(work)

    async def uris(self, playlist_id: str) -> set[str]:
        """Every item URI of one of the host's playlists."""
        async with self.sessions.open(HOST) as session:
            return await playlist_uris(session, playlist_id)

    async def add(self, playlist_id: str, uri: str) -> None:
        """Add one URI, in the same request as the others waiting for this playlist; raises
        what Spotify answered that request (SpotifyException for the caller's retries)."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(playlist_id, []).append((uri, done))
        if playlist_id not in self._sending:
            self._sending[playlist_id] = asyncio.create_task(self._send(playlist_id))
        await done

    async def _send(self, playlist_id: str) -> None:
        try:
            await asyncio.sleep(self.linger)  # adds made in the same moment join this request
            while waiting := self._waiting.pop(playlist_id, []):
                batch, rest = waiting[:PER_REQUEST], waiting[PER_REQUEST:]
                if rest:
                    self._waiting[playlist_id] = rest
                uris = list(dict.fromkeys(uri for uri, _ in batch))
                try:
                    self.requests += 1
                    await self.call(_adding(playlist_id, uris))
                except BaseException as err:
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(err)
                    if not isinstance(err, Exception):
                        raise
                    continue
                for _, done in batch:
                    if not done.done():
                        done.set_result(None)
        finally:
            del self._sending[playlist_id]
