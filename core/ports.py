"""What the core needs from the outside world. Adapters implement these; tests pass fakes."""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Protocol

from core.models import (
    AudioClip,
    CatalogTrack,
    HistoryEntry,
    Identification,
    KeptShare,
    Link,
    PendingChoice,
    PlaylistAdd,
    Recognition,
    UserKey,
)


class Stage(enum.StrEnum):
    """The stages a share goes through, in order, as the status message shows them (a status
    never steps back: see core.progress)."""

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
        """The song heard, or None. `progress` hears QUEUED (seconds to wait) while the clip
        waits behind other people's, and LISTENING once it is being heard."""
        ...


class Catalog(Protocol):
    """Searches Spotify with the app's own credentials."""

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        """Tracks for a Spotify search query (field filters such as isrc: allowed)."""
        ...


class Playlists(Protocol):
    """Adds tracks to a person's own playlist."""

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        """Add once; raises SpotifyNotConnected when the person has no linked account."""
        ...

    async def has_account(self, user: UserKey) -> bool:
        """True when the person linked an account of their own (songs go there)."""
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

    async def claim_message(self, platform: str, chat_id: str, message_id: str,
                            sender: str | None = None) -> bool:
        """True the first time a message is seen; False for a message handled before."""
        ...

    async def remember_answer(self, user: UserKey, keys: Sequence[str], track_uri: str) -> None:
        """Keep the track the person picked, under each key of what they were asked about."""
        ...

    async def remembered_answer(self, user: UserKey, keys: Sequence[str], among: Sequence[str]
                                ) -> str | None:
        """The track the person picked before under the first of `keys` whose pick is `among`
        the tracks offered now, if any."""
        ...

    async def note_shared(self, user: UserKey, canonical_url: str, expires_at: float) -> None:
        """The person shared a link whose cached identification no history line leads to."""
        ...

    async def forget(self, user: UserKey) -> int:
        """Delete everything held on a person; returns how many history lines went."""
        ...

    async def chosen_language(self, user: UserKey) -> str | None:
        """The language the person chose with /language (None: they did not choose)."""
        ...

    async def choose_language(self, user: UserKey, lang: str | None) -> None:
        """Remember the person's language (None: follow their platform's again)."""
        ...

    async def note_locale(self, user: UserKey, locale: str) -> None:
        """Remember the platform locale last seen of the person (Discord's, for messages)."""
        ...

    async def known_locale(self, user: UserKey) -> str | None:
        """The platform locale last seen of the person, if any."""
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

    async def posted(self, share_id: str, message_id: str) -> None:
        """The status message of a share recorded before it was posted (a busy channel)."""
        ...

    async def renew(self, owner: str, lease_until: float) -> int:
        """Extend every lease `owner` holds; how many it holds."""
        ...

    async def release(self, owner: str) -> None:
        """`owner` stopped working on its shares: any process may take them (and claim them)
        at once."""
        ...

    async def claim(self, share_id: str, owner: str) -> bool:
        """Claim the share's add and answer: True when `owner` holds its lease (and no other
        process claimed it first), again as often as `owner` asks; False when it is gone."""
        ...

    async def take_stale(self, platform: str, owner: str, now: float, lease_until: float,
                         limit: int, abandoned: float | None = None) -> list[KeptShare]:
        """Lease to `owner` up to `limit` shares of `platform` whose lease ran out, once in the
        whole deployment, oldest first; a claimed share only once its lease ran out before
        `abandoned` (default `now`), its claim then dropped."""
        ...


class IdentificationRunner(Protocol):
    """Runs the identification of a link nobody has cached: in this process, or on a worker."""

    async def run(self, link: Link, progress: StatusReporter) -> Identification:
        """Fetch, recognize, search and decide; stages go to `progress`."""
        ...


class Leases(Protocol):
    """Named leases shared by every process on one database: one holder at a time."""

    async def take(self, name: str, owner: str, seconds: float) -> bool:
        """Hold (or keep holding) `name` for `seconds`; False while another owner holds it."""
        ...

    async def give_up(self, name: str, owner: str) -> None:
        """Let the next process take `name` at once."""
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
