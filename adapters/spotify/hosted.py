"""The HostedPlaylists port: playlists Stash's host account keeps for people who linked no
account of their own, each add once through the same ledger as personal adds (keyed by the
host, the playlist and the track).

They are public: Spotify lets nobody but the owner and collaborators open a private playlist,
so a private one could never be followed by the person it is for. A public one opens and
follows by its link and is listed on the host's profile, which is why its name and description
carry nothing about the person or the chat.
"""

from __future__ import annotations

import asyncio
import logging

import spotipy

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.errors import Sleep, refusals_as_ours, retrying
from adapters.spotify.host import HOST
from adapters.spotify.host_calls import HostCalls
from adapters.spotify.hosted_copy import copy_to_own, songs_to_copy
from adapters.spotify.playlist_api import to_info
from adapters.spotify.playlists import CLAIM_LEASE, CLAIM_POLL, SpotifyPlaylists
from adapters.spotify.sessions import UserSession
from adapters.storage.accounts import ADDED, PENDING
from adapters.storage.hosted import HostedPart, SqlHostedStore, person
from adapters.storage.hosted_pending import SqlPendingAdds
from core.accounts import PlaylistInfo
from core.errors import SpotifyNotConnected, StashError
from core.models import CatalogTrack, PlaylistAdd, UserKey
from core.ports import Playlists
from core.texts import say

log = logging.getLogger(__name__)
NAME = say("hosted.name")
GROUP_NAME = say("hosted.group_name")
DESCRIPTION = say("hosted.description")
CAP = 10_000  # items a Spotify playlist holds


def is_full(err: spotipy.SpotifyException) -> bool:
    """True for Spotify's refusal to add past a playlist's 10,000 items."""
    return err.http_status in (400, 403) and "limit" in str(err.msg).lower()


class SpotifyHostedPlaylists:
    """Hosted playlists over the host account's one session (its lock keeps token refreshes
    in order: one hosted call at a time in a process)."""

    def __init__(self, accounts: SpotifyAccounts, store: SqlHostedStore, *,
                 own: Playlists | None = None, max_wait: float = 10.0, attempts: int = 4,
                 backoff: float = 0.5, sleep: Sleep = asyncio.sleep) -> None:
        self.accounts = accounts
        self.store = store
        self.own = own or SpotifyPlaylists(accounts)
        self.calls = HostCalls(accounts.sessions)
        self.pending = SqlPendingAdds(store.database)
        self.max_wait, self.attempts, self.backoff, self.sleep = (
            max_wait, attempts, backoff, sleep)

    async def host_id(self) -> str | None:
        """The linked host account's Spotify id, or None."""
        host = await self.accounts.store.account(HOST)
        return host.spotify_user_id if host else None

    async def target(self, user: UserKey) -> str | None:
        """The name of the playlist the person's songs go to; None with no host linked."""
        host_id = await self.host_id()
        if host_id is None:
            return None
        part = await self.store.current(person(user), host_id)
        return part.info.name if part else NAME

    async def playlist(self, user: UserKey) -> PlaylistInfo | None:
        """The person's hosted playlist (its newest part), None before their first add."""
        host_id = await self.host_id()
        part = await self.store.current(person(user), host_id) if host_id else None
        return part.info if part else None

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once, making the playlist on the first add; SpotifyNotConnected without a host."""
        return await self.add_to(person(user), user, track.uri)

    async def add_to(self, owner: str, user: UserKey | None, uri: str) -> PlaylistAdd:
        """Add to the hosted playlist of `owner` (a person's, or a chat's), once."""
        host_id = await self.host_id()
        if host_id is None:
            raise SpotifyNotConnected()
        adding = HostedAdd(self, host_id, owner, user, uri)
        policy = retrying(max_wait=self.max_wait, server_errors=self.attempts,
                          backoff=self.backoff, sleep=self.sleep)
        try:
            with refusals_as_ours():
                return await policy(adding.attempt)
        except StashError as err:
            # Refused (a cap, the host's Premium lapsed, its token revoked, Spotify down): the
            # song waits for housekeeping to add it once the host works again.
            log.warning("Spotify refused a hosted add (%s); kept to retry", err.kind)
            await self.pending.remember(owner, uri, user)
            raise

    async def to_copy(self, user: UserKey) -> int:
        """How many songs could be copied into the person's own playlist (0: none or done)."""
        return await songs_to_copy(self.store, user)

    async def copy_to_own(self, user: UserKey) -> tuple[int, int]:
        """Copy the songs into the person's own playlist, once: (added, already there)."""
        return await copy_to_own(self.store, self.accounts.sessions, self.own, user)

    async def remove(self, user: UserKey) -> bool:
        """Empty and unfollow every part of the person's hosted playlist, then forget it."""
        parts = await self.store.parts(person(user))
        if not parts:
            return False
        host_id = await self.host_id()
        if host_id is not None:
            async with self.accounts.sessions.open(HOST) as session:
                for part in parts:
                    with refusals_as_ours():
                        await _delete(session, part.info.playlist_id)
        else:
            log.warning("no host account linked: a forgotten person's hosted playlist stays on "
                        "Spotify, unlisted by Stash")
        await self.store.drop(person(user))
        return True


async def _delete(session: UserSession, playlist_id: str) -> None:
    """Empty the playlist (a follower would otherwise keep its songs), then unfollow it, which
    is how its owner deletes it; one already gone is fine."""
    try:
        await session.call(lambda sp: sp.playlist_replace_items(playlist_id, []))
        await session.call(lambda sp: sp.current_user_unfollow_playlist(playlist_id))
    except spotipy.SpotifyException as err:
        if err.http_status != 404:
            raise


class HostedAdd:
    """One add to an owner's hosted playlist; each attempt goes on from what the last learned."""

    def __init__(self, hosted: SpotifyHostedPlaylists, host_id: str, owner: str,
                 user: UserKey | None, uri: str) -> None:
        self.hosted, self.host_id, self.owner, self.user, self.uri = (
            hosted, host_id, owner, user, uri)
        self.calls = hosted.calls
        self.ledger = hosted.accounts.store
        self.new = False  # this add made the playlist (the answer says how to keep it)
        self.continued = False  # ... because the last one was full
        self.moved_on = 0  # parts found full or gone during this add
        self.sent = False  # this add asked Spotify to add the song (its answer may be lost)

    async def attempt(self) -> PlaylistAdd:
        """Add to the newest part, making one when there is none or it is full."""
        part = await self.hosted.store.current(self.owner, self.host_id)
        if part is None or part.items >= CAP:
            part = await self._make(part.part + 1 if part else 1)
        try:
            already = await self._once(part)
        except spotipy.SpotifyException as err:
            if (not is_full(err) and err.http_status != 404) or self.moved_on >= 2:
                raise
            self.moved_on += 1
            if is_full(err):
                log.info("a hosted playlist is full; going on in a new one")
                await self.hosted.store.full(self.owner, part.part, CAP)
            else:  # deleted on Spotify (by hand): made anew under the same number
                log.info("a hosted playlist is gone; making it anew")
                await self.hosted.store.forget_part(self.owner, part.part)
            return await self.attempt()
        return PlaylistAdd(part.info.name, part.info.url, already, hosted=True, new=self.new,
                           playlist_recreated=self.continued)

    async def _make(self, number: int) -> HostedPart:
        base = GROUP_NAME if self.user is None else NAME
        name = base if number == 1 else f"{base} {number}"
        created = await self.calls.call(lambda sp: sp.current_user_playlist_create(
            name, public=True, description=DESCRIPTION))
        kept = await self.hosted.store.keep(self.owner, number, self.host_id, to_info(created),
                                            self.user)
        if kept.info.playlist_id != created["id"]:  # another process made it first
            async with self.hosted.accounts.sessions.open(HOST) as session:
                await _delete(session, str(created["id"]))
        else:
            self.new, self.continued = True, number > 1
        return kept

    async def _once(self, part: HostedPart, claimed: bool = False) -> bool:
        """True when the track was there already; raises SpotifyException for the caller."""
        playlist_id = part.info.playlist_id
        tried = await self.ledger.ledger_state(HOST, playlist_id, self.uri)
        if tried == ADDED:
            return True
        # Only Stash adds to the host's playlists: the ledger knows, except after an add whose
        # answer was lost (a claim left pending), when the playlist itself is read.
        if tried == PENDING and self.uri in await self.calls.uris(playlist_id):
            await self.ledger.record_add(HOST, playlist_id, self.uri, ADDED)
            return not self.sent  # ours, or another process's whose answer is on its way
        if not claimed and not await self.ledger.claim_add(HOST, playlist_id, self.uri,
                                                           CLAIM_LEASE):
            return await self._added_elsewhere(part)
        try:
            self.sent = True
            await self.calls.add(playlist_id, self.uri)
        except BaseException:
            await asyncio.shield(self.ledger.release_add(HOST, playlist_id, self.uri))
            raise
        await self.ledger.record_add(HOST, playlist_id, self.uri, ADDED)
        await self.hosted.store.counted(self.owner, part.part, 1)
        return False

    async def _added_elsewhere(self, part: HostedPart) -> bool:
        """Another process is adding this track to this playlist: its answer is ours."""
        for _ in range(int(CLAIM_LEASE / CLAIM_POLL) + 1):
            await asyncio.sleep(CLAIM_POLL)
            if await self.ledger.ledger_state(HOST, part.info.playlist_id, self.uri) == ADDED:
                return True
            if await self.ledger.claim_add(HOST, part.info.playlist_id, self.uri, CLAIM_LEASE):
                return await self._once(part, claimed=True)
        return await self._once(part)
