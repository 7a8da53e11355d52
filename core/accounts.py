"""Connected Spotify accounts: the values that describe them and the ports that connect and keep
them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Protocol

from core.connect_codes import ChatAccount
from core.models import UserKey


@dataclass(frozen=True)
class ConnectedAccount:
    """A person's Spotify account as Stash knows it."""

    user: UserKey
    spotify_user_id: str
    display_name: str


@dataclass(frozen=True)
class HeldConnection:
    """A Spotify authorization finished in a browser, held until its code comes back from the
    chat account that asked for it; nothing is linked before that."""

    user: UserKey
    code: str = field(repr=False)
    display_name: str
    # Sealed (code, state digest, owner, names): lets the browser that saw the page see it again.
    ticket: str = field(default="", repr=False)
    used: bool = False  # reopened after the code was used (or sent from another account)
    account: ChatAccount | None = field(default=None, repr=False)  # the chat account, as sealed
    lang: str | None = None  # the language of the person who ran /link (its pages speak it)


@dataclass(frozen=True)
class HeldStatus:
    """A link code not used up yet: whose it is, and whether another account sent it first."""

    user: UserKey
    used_elsewhere: bool


@dataclass(frozen=True)
class PlaylistInfo:
    """One of a person's Spotify playlists."""

    playlist_id: str
    name: str
    url: str | None = None


@dataclass(frozen=True)
class ConnectState:
    """An authorization in progress: who asked, and the PKCE verifier to finish it."""

    state: str
    user: UserKey
    code_verifier: str = field(repr=False)
    expires_at: float
    lang: str | None = None  # the language the person spoke when they ran /link


@dataclass(frozen=True)
class HeldAccount:
    """An authorized Spotify account waiting for its owner's link code; the token is ciphertext."""

    user: UserKey
    spotify_user_id: str
    display_name: str
    token_blob: bytes = field(repr=False)


@dataclass(frozen=True)
class StoredAccount:
    """A linked Spotify account as stored; the token is ciphertext, never seen in plain."""

    spotify_user_id: str
    display_name: str
    token_blob: bytes = field(repr=False)
    playlist_id: str | None = None
    playlist_name: str | None = None


class AccountConnector(Protocol):
    """Links a person's Spotify account (Authorization Code with PKCE) and manages its playlist."""

    async def authorize_url(self, user: UserKey) -> str:
        """A Spotify authorization URL whose state is bound to `user` (10 minutes, once)."""
        ...

    async def finish(self, state: str, code: str, user: UserKey) -> ConnectedAccount:
        """Link from a callback pasted back in `user`'s chat: the state must be theirs.

        Raises ConnectFailed for an unknown, used, expired or foreign state (NOT_YOUR_ADDRESS) or a
        refused code.
        """
        ...

    async def hold(self, state: str, code: str,
                   named: Callable[[UserKey], Awaitable[ChatAccount]] | None = None
                   ) -> HeldConnection:
        """Exchange the code of a browser callback and hold the account, unlinked, under a
        one-time link code (10 minutes) for the state's owner to send from their chat; the chat
        account as `named` calls it goes into the page's ticket, so that a reload asks nobody.

        Raises ConnectFailed for an unknown, used or expired state or a refused code.
        """
        ...

    async def reopen(self, ticket: str, state: str) -> HeldConnection | None:
        """The held link a page's ticket names, while its code lives (`used` once it is used);
        None for a ticket that is expired, forged, or not from the callback of `state`."""
        ...

    async def confirm(self, code: str, user: UserKey) -> ConnectedAccount:
        """Link the account held under `code` when `user` asked for it (once).

        Raises ConnectFailed for an unknown, used or expired code, ForeignConnectCode (and forgets
        the held account) when someone else asked for it.
        """
        ...

    async def disconnect(self, user: UserKey) -> bool:
        """Forget the person's tokens; False when nothing was linked."""
        ...

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        """The person's own playlists (raises SpotifyNotConnected)."""
        ...

    async def current_playlist(self, user: UserKey) -> str | None:
        """The id of the playlist the person's songs go to now; None before the first add."""
        ...

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        """Add future songs to one of the person's playlists."""
        ...

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        """Create a private playlist and add future songs to it."""
        ...


class AccountStore(Protocol):
    """Persistence of Spotify links: states, encrypted tokens, the playlist and the add ledger.

    Every read of per-user data takes the user key; tokens cross this port encrypted.
    """

    async def save_state(self, state: str, user: UserKey, code_verifier: str,
                         expires_at: float, lang: str | None = None) -> None:
        """Remember a state handed out in an authorization URL (and the language asked in)."""
        ...

    async def take_state(self, state: str, now: float,
                         owner: UserKey | None = None) -> ConnectState | None:
        """Remove and return an unexpired state, once in the whole deployment; with `owner`,
        only theirs."""
        ...

    async def hold_account(self, code: str, held: HeldAccount, expires_at: float) -> None:
        """Hold an authorized account, unlinked, under a one-time link code (kept hashed)."""
        ...

    async def take_held(self, code: str, now: float) -> HeldAccount | None:
        """Remove and return the unexpired account held under `code`, once in the deployment."""
        ...

    async def mark_used_elsewhere(self, code: str, owner: UserKey, expires_at: float) -> None:
        """Remember (without any token) that a taken code came from another account than its
        owner's, until it expires."""
        ...

    async def held_status(self, code: str, now: float) -> HeldStatus | None:
        """Whether the unexpired `code` still waits or was used from another account; None once
        used or expired."""
        ...

    async def save_account(self, user: UserKey, spotify_user_id: str, display_name: str,
                           token_blob: bytes) -> None:
        """Link (or re-link) an account."""
        ...

    async def account(self, user: UserKey) -> StoredAccount | None:
        """The person's linked account, or None."""
        ...

    async def set_token(self, user: UserKey, token_blob: bytes) -> bool:
        """Replace the stored token; False when the account was unlinked meanwhile."""
        ...

    async def set_playlist(self, user: UserKey, playlist_id: str, name: str) -> bool:
        """The playlist new songs go to."""
        ...

    async def delete_account(self, user: UserKey) -> bool:
        """Forget the account and its tokens; False when none was linked."""
        ...

    async def ledger_state(self, user: UserKey, playlist_id: str, track_uri: str) -> str | None:
        """"pending" or "added" for this person, playlist and track; None when never tried."""
        ...

    async def claim_add(self, user: UserKey, playlist_id: str, track_uri: str,
                        lease: float) -> bool:
        """True for the one caller, in any process, that may add this track now."""
        ...

    async def release_add(self, user: UserKey, playlist_id: str, track_uri: str) -> None:
        """Give up a claim whose add failed, so the next caller may claim at once."""
        ...

    async def record_add(self, user: UserKey, playlist_id: str, track_uri: str,
                         state: str) -> None:
        """Write the ledger line for this person, playlist and track."""
        ...

    async def rewrite_tokens(self, transform: Callable[[bytes], bytes | None]) -> tuple[int, int]:
        """Apply `transform` to every stored token; returns (rewritten, left)."""
        ...
