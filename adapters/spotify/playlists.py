"""The Playlists port: add a track to the person's playlist exactly once.

The ledger says what Stash already added; the playlist's own items say what is there (also
songs the person added by hand, and an add Spotify committed before its answer was lost).
"""

from __future__ import annotations

import asyncio
import logging

import spotipy

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.errors import Sleep, refusals_as_ours, retrying
from adapters.spotify.playlist_api import OPEN_PLAYLIST, playlist_uris
from adapters.spotify.sessions import UserSession
from adapters.storage.accounts import ADDED, PENDING
from core.accounts import PlaylistInfo
from core.models import CatalogTrack, PlaylistAdd, UserKey

log = logging.getLogger(__name__)
# How long one process's claim on an add keeps others (other processes) from making it too.
CLAIM_LEASE = 60.0
CLAIM_POLL = 0.2


class SpotifyPlaylists:
    """Adds tracks to people's playlists; one add at a time per person, others run alongside."""

    def __init__(self, accounts: SpotifyAccounts, *, max_wait: float = 10.0,
                 attempts: int = 4, backoff: float = 0.5, sleep: Sleep = asyncio.sleep) -> None:
        self.accounts = accounts
        self.max_wait = max_wait
        self.attempts = attempts
        self.backoff = backoff
        self.sleep = sleep

    async def has_account(self, user: UserKey) -> bool:
        """True when the person linked an account of their own."""
        return await self.accounts.store.account(user) is not None

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once; raises SpotifyNotConnected when the person has no linked account."""
        # The session holds the person's lock: two adds at once cannot make two playlists, and
        # a wait for Spotify holds only this person, never a thread or anyone else.
        async with self.accounts.sessions.open(user) as session:
            adding = _Add(self.accounts, session, track.uri)
            policy = retrying(max_wait=self.max_wait, server_errors=self.attempts,
                              backoff=self.backoff, sleep=self.sleep)
            with refusals_as_ours():
                return await policy(adding.attempt)


class _Add:
    """One add; each attempt goes on from what the last one learned (the target playlist)."""

    def __init__(self, accounts: SpotifyAccounts, session: UserSession, uri: str) -> None:
        self.accounts = accounts
        self.session = session
        self.uri = uri
        self.store = accounts.store
        self.target: PlaylistInfo | None = None
        self.recreated = False
        self.lost_name: str | None = None
        self.claimed: set[str] = set()

    async def attempt(self) -> PlaylistAdd:
        """Add, or find it there; a deleted playlist is made again, once."""
        self.target = self.target or await self._target()
        try:
            already_there = await self._once(self.target)
        except spotipy.SpotifyException as err:
            if err.http_status != 404 or self.recreated:
                raise
            log.info("a person's playlist is gone; creating it again")
            self.recreated, self.lost_name, self.target = True, self.target.name, None
            return await self.attempt()
        return PlaylistAdd(self.target.name, self.target.url, already_there, self.recreated)

    async def _target(self) -> PlaylistInfo:
        account = self.session.account
        if self.recreated:
            return await self.accounts.create_for(self.session, self.lost_name)
        if account.playlist_id is None:
            return await self.accounts.adopt_or_create(self.session)
        return PlaylistInfo(account.playlist_id,
                            account.playlist_name or self.accounts.playlist_name,
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
