"""The AccountConnector port: Authorization Code with PKCE through spotipy, tokens encrypted
at rest.

The code exchange always proves the PKCE verifier; when the app has a client secret, the token
requests also authenticate the app with it (HTTP Basic), as a confidential client.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from typing import Any

from spotipy.oauth2 import SpotifyOauthError

from adapters.crypto import TokenCipher
from adapters.spotify.app import SpotifyApp
from adapters.spotify.errors import FEWER_PERMISSIONS, refusals_as_ours
from adapters.spotify.playlist_api import create_private, own_playlists, read_playlist
from adapters.spotify.sessions import UserSession, UserSessions
from adapters.spotify.tokens import ReconnectNeeded, TokenCache, redact_spotipy_logs
from core import texts
from core.accounts import (
    AccountStore,
    ConnectedAccount,
    ConnectState,
    HeldAccount,
    HeldConnection,
    PlaylistInfo,
)
from core.connect_codes import CODE_LIFETIME, ChatAccount, new_connect_code
from core.connecting import NOT_YOUR_ADDRESS, UNKNOWN_CONNECT_CODE, USED_ELSEWHERE
from core.errors import ConnectFailed, ForeignConnectCode, SpotifyAccessDenied
from core.models import UserKey

log = logging.getLogger(__name__)
STATE_LIFETIME = 600.0


class SpotifyAccounts:
    """Links people's Spotify accounts and manages the playlist Stash adds to."""

    def __init__(self, app: SpotifyApp, *, store: AccountStore, cipher: TokenCipher,
                 playlist_name: str = "Stash", concurrency: int = 4,
                 clock: Callable[[], float] = time.time) -> None:
        self.app = app
        self.store = store
        self.cipher = cipher
        self.playlist_name = playlist_name
        self.sessions = UserSessions(self.app, store, cipher, concurrency)
        self._clock = clock
        redact_spotipy_logs()

    def __repr__(self) -> str:
        return f"SpotifyAccounts(client_id={self.app.client_id!r})"

    async def authorize_url(self, user: UserKey) -> str:
        """A Spotify authorization URL whose state is bound to `user` (10 minutes, once)."""
        manager = self.app.auth_manager(TokenCache())
        manager.get_pkce_handshake_parameters()
        state = secrets.token_urlsafe(32)
        await self.store.save_state(state, user, manager.code_verifier,
                                    self._clock() + STATE_LIFETIME, texts.speaking.get(None))
        # Always the consent screen: someone who approved Stash before is not sent straight on,
        # unaware, by a link another person made (spotipy's PKCE manager has no such option).
        return f"{manager.get_authorize_url(state)}&show_dialog=true"

    async def finish(self, state: str, code: str, user: UserKey) -> ConnectedAccount:
        """Link from a callback pasted back in `user`'s own chat: the state must be theirs."""
        taken = await self.store.take_state(state, self._clock(), owner=user)
        if taken is None:  # unknown, used, expired, or someone else's (an attacker's own login)
            raise ConnectFailed(NOT_YOUR_ADDRESS)
        held = await self._authorized(taken, code)
        return await self._connect(held)

    async def hold(self, state: str, code: str,
                   named: Callable[[UserKey], Awaitable[ChatAccount]] | None = None
                   ) -> HeldConnection:
        """Exchange a browser callback's code, but link nothing: hold the account for the
        state's owner under a one-time code they must send from their own chat."""
        taken = await self.store.take_state(state, self._clock())
        try:
            held = await self._authorized(taken, code)
        except SpotifyAccessDenied as err:
            # The browser's page says why; the chat that ran /link must hear it too.
            raise SpotifyAccessDenied(err.user_message,
                                      starter=taken.user if taken else None) from err
        connect_code, now = new_connect_code(), self._clock()
        await self.store.hold_account(connect_code, held, now + CODE_LIFETIME)
        account = (await named(held.user) if named is not None
                   else ChatAccount(held.user.platform, held.user.user_id))
        lang = taken.lang if taken else None
        ticket = self.cipher.seal([connect_code, _digest(state), held.user.platform,
                                   held.user.user_id, held.display_name, account.handle or "",
                                   account.display_name or "", lang or ""], now)
        return HeldConnection(held.user, connect_code, held.display_name, ticket, account=account,
                        lang=lang)

    async def reopen(self, ticket: str, state: str) -> HeldConnection | None:
        """The held link of a callback page seen before (a reload), while its code lives."""
        now = self._clock()
        sealed = self.cipher.unseal(ticket, CODE_LIFETIME, now)
        if sealed is None or len(sealed) not in (7, 8) or sealed[1] != _digest(state):
            return None  # (a ticket sealed before pages spoke languages has 7 parts)
        code, _, platform, user_id, name, handle, chat_name, *lang = sealed
        status = await self.store.held_status(code, now)
        used = status is None or status.used_elsewhere
        return HeldConnection(UserKey(platform, user_id), code, name, ticket, used,
                        ChatAccount(platform, user_id, handle or None, chat_name or None),
                        lang=lang[0] if lang and lang[0] else None)

    async def confirm(self, code: str, user: UserKey) -> ConnectedAccount:
        """Link the account held under `code` for the person who asked for it, once."""
        now = self._clock()
        held = await self.store.take_held(code, now)
        if held is None:
            status = await self.store.held_status(code, now)
            mine = status is not None and status.used_elsewhere and status.user == user
            raise ConnectFailed(USED_ELSEWHERE if mine else UNKNOWN_CONNECT_CODE)
        if held.user != user:
            log.warning("a link code came from another %s account than the one that asked: "
                        "nothing linked", user.platform)
            await self.store.mark_used_elsewhere(code, held.user, now + CODE_LIFETIME)
            raise ForeignConnectCode(held.user)
        return await self._connect(held)

    async def _authorized(self, taken: ConnectState | None, code: str) -> HeldAccount:
        """Trade the code for tokens and read who logged in; nothing is stored."""
        if taken is None:
            raise ConnectFailed()
        cache = TokenCache()
        manager = self.app.auth_manager(cache)
        manager.challenge_for(taken.code_verifier)
        profile = await self._exchange(manager, code)
        if cache.token_info is None:
            raise ConnectFailed()
        spotify_id, name = str(profile["id"]), str(profile.get("display_name") or profile["id"])
        return HeldAccount(taken.user, spotify_id, name,
                           self.cipher.encrypt(taken.user, cache.token_info))

    async def _connect(self, held: HeldAccount) -> ConnectedAccount:
        await self.store.save_account(held.user, held.spotify_user_id, held.display_name,
                                      held.token_blob)
        log.info("linked a Spotify account for %s", held.user.platform)
        return ConnectedAccount(held.user, held.spotify_user_id, held.display_name)

    async def _exchange(self, manager: Any, code: str) -> dict[str, Any]:
        """Trade the code for tokens, then read who logged in."""
        client = self.app.client(manager)

        def work() -> dict[str, Any]:
            manager.get_access_token(code, check_cache=False)
            return dict(client.current_user())

        try:
            with refusals_as_ours():
                async with self.sessions.slots:
                    return await self.sessions.in_thread(work)
        except SpotifyOauthError as err:
            log.info("Spotify refused an authorization code: %s", err.error)
            raise ConnectFailed() from err
        except ReconnectNeeded as err:  # spotipy found the granted scope narrower than asked
            log.info("a Spotify authorization granted fewer scopes than Stash asks for")
            raise ConnectFailed(FEWER_PERMISSIONS) from err

    async def disconnect(self, user: UserKey) -> bool:
        """Forget the person's tokens; False when nothing was linked."""
        return await self.store.delete_account(user)

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        """The person's own playlists (raises SpotifyNotConnected)."""
        async with self.sessions.open(user) as session:
            with refusals_as_ours():
                return await own_playlists(session)

    async def current_playlist(self, user: UserKey) -> str | None:
        """The id of the playlist the person's songs go to now; None before the first add."""
        account = await self.store.account(user)
        return account.playlist_id if account else None

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        """Add future songs to one of the person's playlists."""
        async with self.sessions.open(user) as session:
            with refusals_as_ours():
                info = await read_playlist(session, playlist_id)
            await self.store.set_playlist(user, info.playlist_id, info.name)
            return info

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        """Create a private playlist and add future songs to it."""
        async with self.sessions.open(user) as session:
            with refusals_as_ours():
                return await self.create_for(session, name)

    async def adopt_or_create(self, session: UserSession) -> PlaylistInfo:
        """The person's own playlist with our name (from an earlier link), else a new one
        (Web API refusals are left to the caller)."""
        for info in await own_playlists(session):
            if info.name == self.playlist_name:
                await self.store.set_playlist(session.user, info.playlist_id, info.name)
                return info
        return await self.create_for(session)

    async def create_for(self, session: UserSession, name: str | None = None) -> PlaylistInfo:
        """Create a private playlist in an open session and make it the person's playlist
        (Web API refusals are left to the caller)."""
        info = await create_private(session, name or self.playlist_name)
        await self.store.set_playlist(session.user, info.playlist_id, info.name)
        return info


def _digest(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()
