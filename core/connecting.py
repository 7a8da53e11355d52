"""Connecting a Spotify account, choosing the playlist, and forgetting a person."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

from core.accounts import AccountConnector, ConnectedAccount, HeldConnection, PlaylistInfo
from core.connect_codes import ChatAccount, ConfirmStep, PastedCallback
from core.destinations import GroupPlaylists, HostedPlaylists, Hosting
from core.errors import (
    ConnectFailed,
    ForeignConnectCode,
    NotConfigured,
    SpotifyAccessDenied,
    StashError,
)
from core.models import UserKey
from core.ports import Store
from core.texts import say

log = logging.getLogger(__name__)

REVOKE_HINT = say("link.revoke_hint")
FOREIGN_ATTEMPT = say("link.foreign_attempt")
UNKNOWN_CONNECT_CODE = say("link.unknown_code")
USED_ELSEWHERE = say("link.used_elsewhere")
# A pasted code counts only with the state of the person's own /link: a code alone, or with
# someone else's state, may be an attacker's own login (login CSRF).
WHOLE_ADDRESS = say("link.whole_address")
NOT_YOUR_ADDRESS = say("link.not_your_address")
SEND_THE_CODE = say("link.send_the_code")

Tell = Callable[[UserKey, str], Awaitable[None]]
Guide = Callable[[str], ConfirmStep]
# The chat account as its chat app knows it (@handle, display name); None: unknown.
NameOf = Callable[[UserKey], Awaitable[ChatAccount | None]]
# The (label, URL) that opens Stash in a chat app, asked when a page needs it.
Home = Callable[[], tuple[str, str]]


class Connecting:
    """What /link, /unlink, /playlist and /forget do, whichever front asks."""

    def __init__(self, connector: AccountConnector | None, store: Store,
                 hosted: HostedPlaylists | None = None,
                 groups: GroupPlaylists | None = None) -> None:
        self._connector = connector
        self._store = store
        self.hosted = hosted
        self.hosting = Hosting(hosted, groups)
        self._fronts: dict[str, tuple[Tell, Guide]] = {}
        self._names: dict[str, NameOf] = {}
        self._homes: dict[str, Home] = {}

    def reach(self, platform: str, tell: Tell, guide: Guide, name_of: NameOf | None = None,
              home: Home | None = None) -> None:
        """How the front of `platform` tells its people something, how they send it a code, how
        it names them, and where (label, URL) Stash opens in that chat app."""
        self._fronts[platform] = (tell, guide)
        if name_of is not None:
            self._names[platform] = name_of
        if home is not None:
            self._homes[platform] = home

    @property
    def homes(self) -> list[tuple[str, str]]:
        """The ways back to Stash in the chat apps this Stash serves (for the browser's pages)."""
        return [home() for home in self._homes.values()]

    @property
    def available(self) -> bool:
        """True when this instance can link Spotify accounts."""
        return self._connector is not None

    def _need(self) -> AccountConnector:
        if self._connector is None:
            raise NotConfigured(say("link.not_set_up"))
        return self._connector

    async def start(self, user: UserKey) -> str:
        """The authorization URL to send the person (privately)."""
        return await self._need().authorize_url(user)

    async def finish_pasted(self, user: UserKey, pasted: PastedCallback) -> ConnectedAccount:
        """Finish connecting from what the person pasted into their chat."""
        connector = self._need()
        if pasted.error or not pasted.code:
            raise ConnectFailed(say("link.denied"))
        if not pasted.state:
            raise ConnectFailed(WHOLE_ADDRESS)
        try:
            return await connector.finish(pasted.state, pasted.code, user)
        except SpotifyAccessDenied as err:
            said = await self.hosting.still_hosted(user, err.user_message)
            raise SpotifyAccessDenied(said) from err

    async def hold(self, state: str, code: str) -> tuple[HeldConnection, ConfirmStep]:
        """Hold the account a browser authorized; how its owner finishes from their chat."""
        try:
            held = await self._need().hold(state, code, self._account)
        except SpotifyAccessDenied as err:
            if isinstance(err.starter, UserKey):
                await self._tell(err.starter, await self.hosting.still_hosted(err.starter,
                                                                       err.user_message))
            raise
        return held, await self._step(held)

    async def reopen(self, ticket: str, state: str) -> tuple[HeldConnection, ConfirmStep] | None:
        """The page of `state`'s callback again (a reload), from the ticket it gave the browser."""
        held = await self._need().reopen(ticket, state)
        return None if held is None else (held, await self._step(held))

    async def _step(self, held: HeldConnection) -> ConfirmStep:
        front = self._fronts.get(held.user.platform)
        step = front[1](held.code) if front is not None else ConfirmStep(SEND_THE_CODE)
        return replace(step, account=held.account or await self._account(held.user))

    async def _account(self, user: UserKey) -> ChatAccount:
        """The chat account that ran /link, named so that someone tricked into passing its code
        on can tell it is not theirs; only its number when the chat app does not say."""
        name_of = self._names.get(user.platform)
        try:
            named = await name_of(user) if name_of is not None else None
        except Exception:  # the page must show the code even when the chat app does not answer
            log.warning("could not look up the name of a %s account", user.platform,
                        exc_info=True)
            named = None
        return named or ChatAccount(user.platform, user.user_id)

    async def confirm(self, user: UserKey, code: str) -> ConnectedAccount:
        """Link the account held under `code` if `user` asked for it; else tell who did."""
        try:
            return await self._need().confirm(code, user)
        except ForeignConnectCode as err:
            if isinstance(err.starter, UserKey):
                await self._tell(err.starter, FOREIGN_ATTEMPT)
            raise

    async def _tell(self, user: UserKey, text: str) -> None:
        front = self._fronts.get(user.platform)
        if front is None:
            log.warning("no %s front here to tell a person how their /link went",
                        user.platform)
            return
        try:
            await front[0](user, text)
        except Exception:  # the sender still gets their answer
            log.exception("could not tell a person how their /link went")

    async def disconnect(self, user: UserKey) -> bool:
        """Forget the person's Spotify tokens."""
        return await self._need().disconnect(user)

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        """The person's playlists, to choose where songs go; the one they go to now is marked
        with a ✓ before its name (/playlist shows names, never ids)."""
        connector = self._need()
        mine = await connector.playlists(user)
        now = await connector.current_playlist(user)
        return [replace(p, name=f"✓ {p.name}") if p.playlist_id == now else p for p in mine]

    async def current_playlist(self, user: UserKey) -> str | None:
        """The id of the person's own playlist songs go to now (None: made on the first add)."""
        return await self._need().current_playlist(user)

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        """Send future songs to this playlist."""
        return await self._need().use_playlist(user, playlist_id)

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        """Create a playlist and send future songs to it."""
        name = " ".join(name.split())[:100]
        if not name:
            raise StashError(say("playlist.needs_name"))
        return await self._need().new_playlist(user, name)

    async def forget(self, user: UserKey) -> int:
        """Delete everything held on the person, their hosted playlist first (emptied and
        unfollowed on Spotify); returns how many history entries went."""
        if self.hosted is not None:
            try:
                await self.hosted.remove(user)
            except StashError:  # their data goes anyway; the playlist names no one
                log.warning("could not remove a forgotten person's hosted playlist",
                            exc_info=True)
        return await self._store.forget(user)
