"""Linking a Spotify account, choosing the playlist, and forgetting a person."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from core.errors import LinkFailed, NotConfigured, StashError
from core.models import LinkedAccount, PlaylistInfo, UserKey
from core.ports import AccountLinker, Store

# Spotify's authorization codes are long URL-safe strings; anything shorter is chat text.
_BARE_CODE = re.compile(r"^[A-Za-z0-9_-]{40,1024}$")
# A pasted address is one line; a longer text is a message, not a callback.
_MAX_PASTE = 2048

REVOKE_HINT = ("To remove Stash's access on Spotify too, open "
               "https://www.spotify.com/account/apps/ and remove it there.")


@dataclass(frozen=True)
class PastedCallback:
    """What a person pasted back after authorizing: the code, and the state when it was there."""

    code: str | None
    state: str | None
    error: str | None = None


def parse_pasted_callback(text: str) -> PastedCallback | None:
    """The code (and state) in a pasted redirect URL or a bare code; None for anything else."""
    text = text.strip()
    if len(text) > _MAX_PASTE:
        return None
    if _BARE_CODE.match(text):
        return PastedCallback(text, None)
    if "code=" not in text and "error=" not in text:
        return None
    query = parse_qs(urlsplit(text.split()[0] if " " in text else text).query)
    code, state = query.get("code", [None])[0], query.get("state", [None])[0]
    error = query.get("error", [None])[0]
    if not (code or error):
        return None
    return PastedCallback(code, state, error)


class Linking:
    """What /link, /unlink, /playlist and /forget do, whichever front asks."""

    def __init__(self, linker: AccountLinker | None, store: Store) -> None:
        self._linker = linker
        self._store = store

    @property
    def available(self) -> bool:
        """True when this instance can link Spotify accounts."""
        return self._linker is not None

    def _need(self) -> AccountLinker:
        if self._linker is None:
            raise NotConfigured("Linking Spotify isn't set up on this Stash yet.")
        return self._linker

    async def start(self, user: UserKey) -> str:
        """The authorization URL to send the person (privately)."""
        return await self._need().authorize_url(user)

    async def finish_pasted(self, user: UserKey, pasted: PastedCallback) -> LinkedAccount:
        """Finish linking from what the person pasted into their chat."""
        linker = self._need()
        if pasted.error or not pasted.code:
            raise LinkFailed("Spotify says access wasn't granted. Use /link to try again.")
        state = pasted.state or await linker.pending_state(user)
        if state is None:
            raise LinkFailed()
        return await linker.finish(state, pasted.code, user)

    async def unlink(self, user: UserKey) -> bool:
        """Forget the person's Spotify tokens."""
        return await self._need().unlink(user)

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        """The person's playlists, to choose where songs go."""
        return await self._need().playlists(user)

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        """Send future songs to this playlist."""
        return await self._need().use_playlist(user, playlist_id)

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        """Create a playlist and send future songs to it."""
        name = " ".join(name.split())[:100]
        if not name:
            raise StashError("Give the new playlist a name, like /playlist new Road trip.")
        return await self._need().new_playlist(user, name)

    async def forget(self, user: UserKey) -> int:
        """Delete everything held on the person; returns how many history entries went."""
        return await self._store.forget(user)
