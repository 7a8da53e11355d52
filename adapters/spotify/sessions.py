"""One person's spotipy client for the length of one piece of work, under their own lock.

spotipy is synchronous: calls run in a few threads of Spotify's own (`UserSessions.in_thread`).
The token is decrypted before any thread starts and a refreshed one is encrypted and stored
after each call, so the database is only ever touched from the event loop.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import weakref
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import requests
import spotipy
from spotipy.oauth2 import SpotifyOauthError

from adapters.crypto import TokenCipher, TokenDecryptError
from adapters.spotify.app import SpotifyApp
from adapters.spotify.errors import is_not_on_app_list, refusal
from adapters.spotify.host_key import HOST
from adapters.spotify.tokens import ReconnectNeeded, TokenCache
from core.accounts import AccountStore, StoredAccount
from core.errors import NetworkTrouble, NotConfigured, SpotifyAccessDenied, SpotifyNotConnected
from core.models import UserKey
from core.texts import say

log = logging.getLogger(__name__)
T = TypeVar("T")

RELINK = say("link.relink")


class UserSession:
    """One person's client; `call` runs one spotipy call and keeps a refreshed token."""

    def __init__(self, sessions: UserSessions, user: UserKey, account: StoredAccount,
                 token_info: dict[str, Any]) -> None:
        self.user = user
        self.account = account
        self._sessions = sessions
        self._cache = TokenCache(token_info)
        self._client = sessions.app.client(sessions.app.auth_manager(self._cache))

    def __repr__(self) -> str:
        return f"UserSession(user={self.user!s})"

    async def call(self, work: Callable[[spotipy.Spotify], T]) -> T:
        """Run `work(client)` in a thread; account-level refusals become our errors, other
        SpotifyExceptions (429, 404, 5xx) are left to the caller."""
        try:
            try:
                return await self._run(work)
            except spotipy.SpotifyException as err:
                if err.http_status != 401 or self._cache.token_info is None:
                    raise
                # A token Spotify calls expired before spotipy did (clock skew): refresh, retry.
                self._cache.token_info = {**self._cache.token_info, "expires_at": 0}
                return await self._run(work)
        except (SpotifyOauthError, ReconnectNeeded) as err:
            raise await self._sessions.refused(self.user, err) from err
        except spotipy.SpotifyException as err:
            if is_not_on_app_list(err):
                raise refusal(err) from err
            if err.http_status == 401:
                raise await self._sessions.refused(self.user, err) from err
            raise
        except requests.RequestException as err:
            raise refusal(err) from err

    async def _run(self, work: Callable[[spotipy.Spotify], T]) -> T:
        try:
            async with self._sessions.slots:
                return await self._sessions.in_thread(work, self._client)
        finally:
            await self._keep_refreshed_token()

    async def _keep_refreshed_token(self) -> None:
        if self._cache.changed and self._cache.token_info is not None:
            self._cache.changed = False
            blob = self._sessions.cipher.encrypt(self.user, self._cache.token_info)
            await self._sessions.store.set_token(self.user, blob)


class UserSessions:
    """Hands out per-person sessions: one at a time per person, a few threads overall."""

    def __init__(self, app: SpotifyApp, store: AccountStore, cipher: TokenCipher,
                 concurrency: int = 8) -> None:
        self.app = app
        self.store = store
        self.cipher = cipher
        # `concurrency` calls at once, in threads of their own: a herd's calls queue for a
        # thread there, not for a slot on the event loop (each hand-over of a slot waited for
        # the loop's next turn, which a herd made long: 1,000 adds took 3 s through 16 slots).
        self._threads = ThreadPoolExecutor(concurrency, thread_name_prefix="spotify")
        self.slots = asyncio.Semaphore(concurrency * 8)  # the queue's length
        # A lock lives while someone holds or waits for it; idle people cost nothing.
        self._locks: weakref.WeakValueDictionary[UserKey, asyncio.Lock] = (
            weakref.WeakValueDictionary())

    def _lock(self, user: UserKey) -> asyncio.Lock:
        lock = self._locks.get(user)
        if lock is None:
            lock = self._locks[user] = asyncio.Lock()
        return lock

    async def in_thread(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` in one of Spotify's threads, with the caller's context."""
        call = functools.partial(contextvars.copy_context().run, work, *args)
        return await asyncio.get_running_loop().run_in_executor(self._threads, call)

    @asynccontextmanager
    async def open(self, user: UserKey) -> AsyncIterator[UserSession]:
        """The person's session; SpotifyNotConnected before any client exists when no token is."""
        async with self._lock(user):
            account = await self.store.account(user)
            if account is None:
                raise SpotifyNotConnected()
            try:
                token_info = self.cipher.decrypt(user, account.token_blob)
            except TokenDecryptError as err:
                log.error("stored Spotify token unusable for a linked account: %s", err)
                raise SpotifyAccessDenied(RELINK) from err
            yield UserSession(self, user, account, token_info)

    async def refused(self, user: UserKey, err: Exception) -> Exception:
        """The error for a refused token: a dead grant unlinks a person's account (the host's
        stays, refused, until the operator links it again: songs wait for it meanwhile)."""
        if isinstance(err, SpotifyOauthError) and err.error == "invalid_client":
            log.error("Spotify refused the app's client id while refreshing a token")
            return NotConfigured()
        if isinstance(err, SpotifyOauthError) and err.error != "invalid_grant":
            return NetworkTrouble()
        reason = getattr(err, "error", None) or type(err).__name__
        if user == HOST:
            log.error("Spotify refused the host account's token (%s): run `stash host link`",
                      reason)
            return SpotifyAccessDenied(RELINK)
        log.info("Spotify refused a person's stored token (%s); unlinking", reason)
        await self.store.delete_account(user)
        return SpotifyAccessDenied(RELINK)
