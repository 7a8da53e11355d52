"""What the core needs from the outside world. Adapters implement these; tests pass fakes."""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Protocol

from core.models import (
    AudioClip,
    CatalogTrack,
    HeldAccount,
    HeldLink,
    HistoryEntry,
    Identification,
    KeptShare,
    Link,
    LinkedAccount,
    LinkState,
    PendingChoice,
    PlaylistAdd,
    PlaylistInfo,
    Recognition,
    StoredAccount,
    UserKey,
)


class Stage(enum.StrEnum):
    """The stages a share goes through, in order, as the status message shows them."""

    RESOLVING = "resolving"
    DOWNLOADING = "downloading"
    QUEUED = "queued"  # waiting for a turn at the song recognition service
    LISTENING = "listening"
    SEARCHING = "searching"
    ADDING = "adding"


class MediaFetcher(Protocol):
    """Gets a short window of a link's audio."""

    async def resolve(self, link: Link) -> Link:
        """Follow a share or short link to the media it names; other links come back as they are."""
        ...

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        """The audio window number `window` (0 first; later ones when recognition retries)."""
        ...


class Recognizer(Protocol):
    """Names the song in a clip."""

    async def recognize(self, clip: AudioClip, progress: StatusReporter | None = None
                        ) -> Recognition | None:
        """The song heard, or None; a wait for the service's budget is told to `progress`."""
        ...


class Catalog(Protocol):
    """Searches Spotify with the app's own credentials."""

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        """Tracks for a Spotify search query (field filters such as isrc: allowed)."""
        ...


class Playlists(Protocol):
    """Adds tracks to a person's own playlist."""

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once; raises SpotifyNotLinked when the person has no linked account."""
        ...


class AccountLinker(Protocol):
    """Links a person's Spotify account (Authorization Code with PKCE) and manages its playlist."""

    async def authorize_url(self, user: UserKey) -> str:
        """A Spotify authorization URL whose state is bound to `user` (10 minutes, once)."""
        ...

    async def finish(self, state: str, code: str, user: UserKey) -> LinkedAccount:
        """Link from a callback pasted back in `user`'s chat: the state must be theirs.

        Raises LinkFailed for an unknown, used, expired or foreign state or a refused code.
        """
        ...

    async def hold(self, state: str, code: str) -> HeldLink:
        """Exchange the code of a browser callback and hold the account, unlinked, under a
        one-time link code (10 minutes) for the state's owner to send from their chat.

        Raises LinkFailed for an unknown, used or expired state or a refused code.
        """
        ...

    async def confirm(self, code: str, user: UserKey) -> LinkedAccount:
        """Link the account held under `code` when `user` asked for it (once).

        Raises LinkFailed for an unknown, used or expired code, ForeignLinkCode (and forgets the
        held account) when someone else asked for it.
        """
        ...

    async def pending_state(self, user: UserKey) -> str | None:
        """The person's newest unexpired state (for a bare code pasted back into the chat)."""
        ...

    async def unlink(self, user: UserKey) -> bool:
        """Forget the person's tokens; False when nothing was linked."""
        ...

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        """The person's own playlists (raises SpotifyNotLinked)."""
        ...

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        """Add future songs to one of the person's playlists."""
        ...

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        """Create a private playlist and add future songs to it."""
        ...


class Store(Protocol):
    """Persistence. Every read of per-user data takes the user key."""

    async def cached_identification(self, canonical_url: str, now: float) -> Identification | None:
        """A cached identification that has not expired."""
        ...

    async def cache_identification(self, ident: Identification, expires_at: float) -> None:
        """Remember an identification until `expires_at`."""
        ...

    async def record_history(self, user: UserKey, entry: HistoryEntry) -> None:
        """Add a line to the person's history."""
        ...

    async def history(self, user: UserKey, limit: int, offset: int = 0) -> list[HistoryEntry]:
        """The person's history, newest first."""
        ...

    async def save_choice(self, choice: PendingChoice) -> None:
        """Keep a pending choice server-side."""
        ...

    async def choice_owner(self, choice_id: str, now: float) -> UserKey | None:
        """Who may answer a pending, unexpired choice (None: no such choice)."""
        ...

    async def take_choice(self, owner: UserKey, choice_id: str, now: float) -> PendingChoice | None:
        """Remove and return the owner's unexpired choice: a choice works once."""
        ...

    async def claim_message(self, platform: str, chat_id: str, message_id: str) -> bool:
        """True the first time a message is seen; False for a message handled before."""
        ...

    async def forget(self, user: UserKey) -> int:
        """Delete everything held on a person; returns how many history lines went."""
        ...


class ShareBook(Protocol):
    """Shares on record until answered, each leased to the process working on it."""

    async def open(self, share: KeptShare, owner: str, lease_until: float) -> None:
        """Record an accepted share, leased to `owner`."""
        ...

    async def stage(self, share_id: str, stage: str) -> None:
        """The stage the share reached."""
        ...

    async def close(self, share_id: str) -> None:
        """The person has their answer: the share is off the record."""
        ...

    async def renew(self, owner: str, lease_until: float) -> int:
        """Extend every lease `owner` holds; how many it holds."""
        ...

    async def take_stale(self, platform: str, owner: str, now: float, lease_until: float,
                         limit: int) -> list[KeptShare]:
        """Lease to `owner` up to `limit` shares of `platform` whose lease ran out, once in the
        whole deployment, oldest first."""
        ...


class AccountStore(Protocol):
    """Persistence of Spotify links: states, encrypted tokens, the playlist and the add ledger.

    Every read of per-user data takes the user key; tokens cross this port encrypted.
    """

    async def save_state(self, state: str, user: UserKey, code_verifier: str,
                         expires_at: float) -> None:
        """Remember a state handed out in an authorization URL."""
        ...

    async def take_state(self, state: str, now: float,
                         owner: UserKey | None = None) -> LinkState | None:
        """Remove and return an unexpired state, once in the whole deployment; with `owner`,
        only theirs."""
        ...

    async def newest_state(self, user: UserKey, now: float) -> str | None:
        """The person's newest unexpired state."""
        ...

    async def hold_account(self, code: str, held: HeldAccount, expires_at: float) -> None:
        """Hold an authorized account, unlinked, under a one-time link code (kept hashed)."""
        ...

    async def take_held(self, code: str, now: float) -> HeldAccount | None:
        """Remove and return the unexpired account held under `code`, once in the deployment."""
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


class IdentificationRunner(Protocol):
    """Runs the identification of a link nobody has cached: in this process, or on a worker."""

    async def run(self, link: Link, progress: StatusReporter) -> Identification:
        """Fetch, recognize, search and decide; stages go to `progress`."""
        ...


class ShareGate(Protocol):
    """A per-person limit on shares held across every front process (distributed mode)."""

    async def admit(self, user: UserKey) -> bool:
        """Count one share for `user`; False when their limit for the minute is spent."""
        ...


class StatusReporter(Protocol):
    """Shows one share's progress; each front edits its one status message."""

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """The share entered `stage`."""
        ...
