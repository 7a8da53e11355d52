"""Stash's host account: one Spotify account the operator links once, that keeps the hosted
playlists (people's and groups'). Its token is stored like any person's, encrypted and bound to
a key no chat account can have."""

from __future__ import annotations

from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.errors import refusals_as_ours
from adapters.spotify.host_key import HOST
from core.accounts import ConnectedAccount
from core.connect_codes import parse_connect_code, parse_pasted_callback
from core.errors import ConnectFailed

__all__ = ["HOST", "HostAccount"]

DENIED = "Spotify says access wasn't granted"
WHOLE_ADDRESS = "paste the whole address the browser ended on, with its state=..."
NOT_A_CALLBACK = ("that is neither the address Spotify sent the browser to (with ?code=...) "
                  "nor the code Stash's page showed")


class HostAccount:
    """Links, shows, checks and unlinks the host account (for the operator's command line)."""

    def __init__(self, accounts: SpotifyAccounts) -> None:
        self.accounts = accounts

    async def authorize_url(self) -> str:
        """The authorization URL; its state and PKCE verifier are kept for `finish`."""
        return await self.accounts.authorize_url(HOST)

    async def finish(self, pasted: str) -> ConnectedAccount:
        """Link from the address the browser ended on, or from the code Stash's own callback
        page showed (when `stash run` was up and took the redirect). Raises ConnectFailed."""
        code = parse_connect_code(pasted, dash_optional=True)
        if code is not None:
            return await self.accounts.confirm(code, HOST)
        callback = parse_pasted_callback(pasted)
        if callback is None:
            raise ConnectFailed(NOT_A_CALLBACK)
        if callback.error or not callback.code:
            raise ConnectFailed(DENIED)
        if not callback.state:  # only with the state this link handed out (no login CSRF)
            raise ConnectFailed(WHOLE_ADDRESS)
        return await self.accounts.finish(callback.state, callback.code, HOST)

    async def connected(self) -> ConnectedAccount | None:
        """The host account as stored, or None."""
        stored = await self.accounts.store.account(HOST)
        if stored is None:
            return None
        return ConnectedAccount(HOST, stored.spotify_user_id, stored.display_name)

    async def check(self) -> ConnectedAccount:
        """Prove the stored token works with a harmless call (who am I); SpotifyNotConnected when
        none is linked, SpotifyAccessDenied when Spotify refuses it."""
        async with self.accounts.sessions.open(HOST) as session:
            with refusals_as_ours():
                me = await session.call(lambda sp: sp.current_user())
        return ConnectedAccount(HOST, str(me["id"]), str(me.get("display_name") or me["id"]))

    async def disconnect(self) -> bool:
        """Forget the host's token; the playlists it keeps stay on Spotify."""
        return await self.accounts.disconnect(HOST)

