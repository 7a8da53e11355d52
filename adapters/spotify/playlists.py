"""The Playlists port: add a track to the person's playlist exactly once.

The ledger says what Stash already added; the playlist's own items say what is there (also
songs the person added by hand, and an add Spotify committed before its answer was lost).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import spotipy

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.catalog import retry_after
from adapters.spotify.playlist_api import OPEN_PLAYLIST, playlist_uris, refusal
from adapters.spotify.sessions import UserSession
from adapters.storage.accounts import ADDED, PENDING
from core.errors import RateLimited
from core.models import CatalogTrack, PlaylistAdd, PlaylistInfo, UserKey

log = logging.getLogger(__name__)
# How long one process's claim on an add keeps others (other processes) from making it too.
CLAIM_LEASE = 60.0
CLAIM_POLL = 0.2
Sleep = Callable[[float], Awaitable[None]]


class SpotifyPlaylists:
    """Adds tracks to people's playlists; one add at a time per person, others run alongside."""

    def __init__(self, accounts: SpotifyAccounts, *, max_wait: float = 10.0,
                 attempts: int = 4, backoff: float = 0.5, sleep: Sleep = asyncio.sleep) -> None:
        self._accounts = accounts
        self._max_wait = max_wait
        self._attempts = attempts
        self._backoff = backoff
        self._sleep = sleep

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once; raises SpotifyNotLinked when the person has no linked account."""
        # The session holds the person's lock: two adds at once cannot make two playlists.
        async with self._accounts.sessions.open(user) as session:
            return await _Add(self, session, track.uri).run()


class _Add:
    """One add, retried through 429, 5xx and a deleted playlist."""

    def __init__(self, owner: SpotifyPlaylists, session: UserSession, uri: str) -> None:
        self.owner = owner
        self.session = session
        self.uri = uri
        self.store = owner._accounts.store
        self.waited = 0.0
        self.recreated = False
        self.lost_name: str | None = None
        self.claimed: set[str] = set()

    async def run(self) -> PlaylistAdd:
        """Add, or find it there; PlaylistAdd says which and where."""
        target: PlaylistInfo | None = None
        failures = 0
        while True:
            try:
                target = target or await self._target()
                already_there = await self._once(target)
                return PlaylistAdd(target.name, target.url, already_there, self.recreated)
            except spotipy.SpotifyException as err:
                failures += err.http_status >= 500
                target = await self._recover(err, target, failures)

    async def _target(self) -> PlaylistInfo:
        account = self.session.account
        if self.recreated:
            return await self.owner._accounts.create_for(self.session, self.lost_name)
        if account.playlist_id is None:
            return await self.owner._accounts.adopt_or_create(self.session)
        return PlaylistInfo(account.playlist_id,
                            account.playlist_name or self.owner._accounts.playlist_name,
                            OPEN_PLAYLIST + account.playlist_id)

    async def _once(self, target: PlaylistInfo) -> bool:
        """True when the track was there already; raises SpotifyException for the caller."""
        user, playlist_id = self.session.user, target.playlist_id
        tried = await self.store.ledger_state(user, playlist_id, self.uri)
        if tried == ADDED:
            # One short read: a deleted playlist answers 404 and is made again.
            await self.session.call(lambda sp: sp.playlist_items(playlist_id, limit=1))
            return True
        # Read before adding: a hand-added song, or our earlier add whose answer was lost.
        if self.uri in await playlist_uris(self.session, playlist_id):
            await self.store.record_add(user, playlist_id, self.uri, ADDED)
            return tried != PENDING
        if playlist_id not in self.claimed:
            # The ledger, not this process's lock, decides when several processes try at once.
            if not await self.store.claim_add(user, playlist_id, self.uri, CLAIM_LEASE):
                return await self._added_elsewhere(target)
            self.claimed.add(playlist_id)
        try:
            await self.session.call(lambda sp: sp.playlist_add_items(playlist_id, [self.uri]))
        except BaseException:
            # The next attempt (here or in another process) may go at once; it reads the
            # playlist first, so an add whose answer was lost is not made twice.
            self.claimed.discard(playlist_id)
            await asyncio.shield(self.store.release_add(user, playlist_id, self.uri))
            raise
        await self.store.record_add(user, playlist_id, self.uri, ADDED)
        return False

    async def _added_elsewhere(self, target: PlaylistInfo) -> bool:
        """Another process is adding this very track for this person: wait for its answer, and
        take over when it gives its claim up (its add failed) or the claim lapses (it died)."""
        user, playlist_id = self.session.user, target.playlist_id
        for _ in range(int(CLAIM_LEASE / CLAIM_POLL) + 1):
            await asyncio.sleep(CLAIM_POLL)
            if await self.store.ledger_state(user, playlist_id, self.uri) == ADDED:
                return True
            if await self.store.claim_add(user, playlist_id, self.uri, CLAIM_LEASE):
                self.claimed.add(playlist_id)
                break
        return await self._once(target)

    async def _recover(self, err: spotipy.SpotifyException, target: PlaylistInfo | None,
                       failures: int) -> PlaylistInfo | None:
        """Get ready for another attempt, or raise when there should be none."""
        if err.http_status == 404 and target is not None and not self.recreated:
            log.info("a person's playlist is gone; creating it again")
            self.recreated, self.lost_name = True, target.name
            return None
        if err.http_status == 429:
            # At least a second each, so a "Retry-After: 0" loop still meets max_wait.
            await self._wait(max(retry_after(err), 1.0), err)
        elif err.http_status >= 500 and failures < self.owner._attempts:
            await self.owner._sleep(self.owner._backoff * failures)
        else:
            raise refusal(err) from err
        return target

    async def _wait(self, seconds: float, err: spotipy.SpotifyException) -> None:
        # Waiting here holds only this person's lock, never a thread or another person.
        if self.waited + seconds > self.owner._max_wait:
            raise RateLimited(seconds) from err
        self.waited += seconds
        log.info("Spotify rate-limited a playlist add, waiting %.1fs", seconds)
        await self.owner._sleep(seconds)
