"""Moving from a hosted playlist to one's own account: its songs copied into the person's own
playlist once, each through the personal adds' ledger (a song already there is not added)."""

from __future__ import annotations

from adapters.spotify.host import HOST
from adapters.spotify.playlist_api import playlist_uris
from adapters.spotify.sessions import UserSessions
from adapters.storage.hosted import SqlHostedStore, person
from core.errors import StashError
from core.models import CatalogTrack, UserKey
from core.ports import Playlists
from core.texts import say

COPIED_ALREADY = say("hosted.copied_already")


async def songs_to_copy(store: SqlHostedStore, user: UserKey) -> int:
    """How many songs the person's hosted playlist holds, 0 when copied already."""
    owner = person(user)
    if await store.copied(owner):
        return 0
    return sum(part.items for part in await store.parts(owner))


async def copy_to_own(store: SqlHostedStore, sessions: UserSessions, own: Playlists,
                      user: UserKey) -> tuple[int, int]:
    """Copy, once: (songs added, songs that were there already). A copy that fails midway may
    be asked for again; what it added is not added twice."""
    owner = person(user)
    if not await store.take_copy(owner):
        raise StashError(COPIED_ALREADY)
    try:
        uris: list[str] = []
        async with sessions.open(HOST) as session:
            for part in await store.parts(owner):
                found = await playlist_uris(session, part.info.playlist_id)
                uris += sorted(found - set(uris))
        added = already = 0
        for uri in uris:
            result = await own.add(user, CatalogTrack(uri, "", ()))
            already += result.already_there
            added += not result.already_there
    except BaseException:
        await store.release_copy(owner)
        raise
    return added, already
