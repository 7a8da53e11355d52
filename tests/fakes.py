"""Hand-written fakes of every port. They record what happened, so tests assert on behaviour."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

from core.accounts import ConnectedAccount, HeldConnection, PlaylistInfo
from core.connect_codes import ChatAccount
from core.connecting import NOT_YOUR_ADDRESS, UNKNOWN_CONNECT_CODE
from core.errors import ConnectFailed, ForeignConnectCode, SpotifyNotConnected, StashError
from core.models import (
    AudioClip,
    CatalogTrack,
    HistoryEntry,
    Identification,
    Link,
    PendingChoice,
    PlaylistAdd,
    Recognition,
    UserKey,
)
from core.ports import Stage, StatusReporter


@dataclass
class FakeFetcher:
    """Clips by canonical URL: a list per window; an exception in place of a clip is raised."""

    clips: dict[str, list[AudioClip | StashError]] = field(default_factory=dict)
    redirects: dict[str, Link] = field(default_factory=dict)
    unknown: list[AudioClip | StashError] | None = None  # for URLs not in `clips`
    delay: float = 0.0
    hold: asyncio.Event | None = None  # when given, every fetch waits until it is set
    fetched: list[tuple[str, int]] = field(default_factory=list)
    resolved: list[str] = field(default_factory=list)

    async def resolve(self, link: Link) -> Link:
        self.resolved.append(link.canonical_url)
        return self.redirects.get(link.canonical_url, link)

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        self.fetched.append((link.canonical_url, window))
        if self.hold is not None:
            await self.hold.wait()
        if self.delay:
            await asyncio.sleep(self.delay)
        windows = self.clips.get(link.canonical_url) or self.unknown
        if windows is None:
            raise KeyError(link.canonical_url)
        result = windows[min(window, len(windows) - 1)]
        if isinstance(result, StashError):
            raise result
        return result


@dataclass
class FakeRecognizer:
    """Songs by clip bytes; unknown bytes are not recognized."""

    songs: dict[bytes, Recognition | StashError] = field(default_factory=dict)
    heard: list[bytes] = field(default_factory=list)

    async def recognize(self, clip: AudioClip, progress: StatusReporter | None = None
                        ) -> Recognition | None:
        self.heard.append(clip.data)
        if progress is not None:
            await progress.stage(Stage.LISTENING)
        result = self.songs.get(clip.data)
        if isinstance(result, StashError):
            raise result
        return result


@dataclass
class FakeCatalog:
    """Answers `isrc:` queries by ISRC and any other query by title words."""

    tracks: list[CatalogTrack] = field(default_factory=list)
    queries: list[str] = field(default_factory=list)

    async def search(self, query: str, limit: int = 10) -> list[CatalogTrack]:
        self.queries.append(query)
        if query.startswith("isrc:"):
            return [t for t in self.tracks if t.isrc == query[5:]][:limit]
        words = query.lower().replace('"', " ").replace(":", " ").split()
        return [t for t in self.tracks if any(w in t.name.lower() for w in words)][:limit]


@dataclass
class FakePlaylists:
    """Linked people each have one playlist named 'Stash'."""

    connected: set[UserKey] = field(default_factory=set)
    added: list[tuple[UserKey, str]] = field(default_factory=list)

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        if user not in self.connected:
            raise SpotifyNotConnected()
        already = (user, track.uri) in self.added
        if not already:
            self.added.append((user, track.uri))
        return PlaylistAdd("Stash", already_there=already)

    async def has_account(self, user: UserKey) -> bool:
        return user in self.connected


@dataclass
class MemoryStore:
    """The Store port in memory, for core tests."""

    identifications: dict[str, tuple[Identification, float]] = field(default_factory=dict)
    entries: dict[UserKey, list[HistoryEntry]] = field(default_factory=dict)
    choices: dict[str, PendingChoice] = field(default_factory=dict)
    inbox: set[tuple[str, str, str]] = field(default_factory=set)
    answers: dict[tuple[UserKey, str], str] = field(default_factory=dict)
    shared: set[tuple[UserKey, str]] = field(default_factory=set)

    async def cached_identification(self, canonical_url: str, now: float) -> Identification | None:
        hit = self.identifications.get(canonical_url)
        return hit[0] if hit and hit[1] > now else None

    async def cache_identification(self, ident: Identification, expires_at: float) -> None:
        self.identifications[ident.canonical_url] = (ident, expires_at)

    async def record_history(self, user: UserKey, entry: HistoryEntry) -> None:
        self.entries.setdefault(user, []).append(entry)

    async def history(self, user: UserKey, limit: int, offset: int = 0) -> list[HistoryEntry]:
        return list(reversed(self.entries.get(user, [])))[offset: offset + limit]

    async def save_choice(self, choice: PendingChoice) -> None:
        self.choices[choice.choice_id] = choice

    async def choice_owner(self, choice_id: str, now: float) -> UserKey | None:
        choice = self.choices.get(choice_id)
        return choice.owner if choice and choice.expires_at > now else None

    async def take_choice(self, owner: UserKey, choice_id: str, now: float) -> PendingChoice | None:
        choice = self.choices.get(choice_id)
        if choice is None or choice.owner != owner or choice.expires_at <= now:
            return None
        return self.choices.pop(choice_id)

    async def claim_message(self, platform: str, chat_id: str, message_id: str,
                            sender: str | None = None) -> bool:
        key = (platform, chat_id, message_id)
        first = key not in self.inbox
        self.inbox.add(key)
        return first

    async def remember_answer(self, user: UserKey, keys: Sequence[str], track_uri: str) -> None:
        self.answers.update({(user, key): track_uri for key in keys})

    async def remembered_answer(self, user: UserKey, keys: Sequence[str], among: Sequence[str]
                                ) -> str | None:
        picks = (self.answers.get((user, k)) for k in keys)
        return next((uri for uri in picks if uri in among), None)

    async def note_shared(self, user: UserKey, canonical_url: str, expires_at: float) -> None:
        self.shared.add((user, canonical_url))

    async def forget(self, user: UserKey) -> int:
        self.choices = {k: c for k, c in self.choices.items() if c.owner != user}
        self.answers = {k: v for k, v in self.answers.items() if k[0] != user}
        return len(self.entries.pop(user, []))


@dataclass
class RecordingReporter:
    """Keeps every stage a share went through."""

    stages: list[Stage] = field(default_factory=list)
    details: list[str] = field(default_factory=list)

    async def stage(self, stage: Stage, detail: str = "") -> None:
        self.stages.append(stage)
        self.details.append(detail)


class Clock:
    """A clock tests move by hand."""

    def __init__(self, now: float = 1_800_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class FakeConnector:
    """Links anyone who finishes with the code 'good-code'; states are bound to their user.
    A browser callback holds the account under link code "HELD000000", then "HELD000001"."""

    states: dict[str, UserKey] = field(default_factory=dict)
    connected: dict[UserKey, str] = field(default_factory=dict)
    lists: dict[UserKey, list[PlaylistInfo]] = field(default_factory=dict)
    chosen: dict[UserKey, str] = field(default_factory=dict)
    held: dict[str, UserKey] = field(default_factory=dict)
    issued: int = 0

    async def authorize_url(self, user: UserKey) -> str:
        state = f"state{len(self.states)}"
        self.states[state] = user
        return f"https://accounts.test/authorize?state={state}"

    async def finish(self, state: str, code: str, user: UserKey) -> ConnectedAccount:
        owner = self.states.get(state)
        if owner is None or owner != user:
            raise ConnectFailed(NOT_YOUR_ADDRESS)
        if code != "good-code":
            raise ConnectFailed()
        del self.states[state]
        return self._link(owner)

    async def hold(self, state: str, code: str,
                   named: Callable[[UserKey], Awaitable[ChatAccount]] | None = None
                   ) -> HeldConnection:
        owner = self.states.pop(state, None)
        if owner is None or code != "good-code":
            raise ConnectFailed()
        connect_code = f"HELD{self.issued:06d}"
        self.issued += 1
        self.held[connect_code] = owner
        account = await named(owner) if named is not None else None
        return HeldConnection(owner, connect_code, f"Name of {owner.user_id}", account=account)

    async def confirm(self, code: str, user: UserKey) -> ConnectedAccount:
        owner = self.held.pop(code, None)
        if owner is None:
            raise ConnectFailed(UNKNOWN_CONNECT_CODE)
        if owner != user:
            raise ForeignConnectCode(owner)
        return self._link(owner)

    def _link(self, owner: UserKey) -> ConnectedAccount:
        self.connected[owner] = f"Name of {owner.user_id}"
        return ConnectedAccount(owner, owner.user_id, self.connected[owner])

    async def disconnect(self, user: UserKey) -> bool:
        return self.connected.pop(user, None) is not None

    async def playlists(self, user: UserKey) -> list[PlaylistInfo]:
        if user not in self.connected:
            raise SpotifyNotConnected()
        return self.lists.get(user, [])

    async def current_playlist(self, user: UserKey) -> str | None:
        name = self.chosen.get(user)
        return next((p.playlist_id for p in self.lists.get(user, []) if p.name == name), None)

    async def use_playlist(self, user: UserKey, playlist_id: str) -> PlaylistInfo:
        found = next(p for p in await self.playlists(user) if p.playlist_id == playlist_id)
        self.chosen[user] = found.name
        return found

    async def new_playlist(self, user: UserKey, name: str) -> PlaylistInfo:
        await self.playlists(user)
        created = PlaylistInfo(f"new-{name}", name)
        self.lists.setdefault(user, []).append(created)
        self.chosen[user] = name
        return created


@dataclass
class RecordingTelemetry:
    """Keeps what the pipeline reported for operators."""

    shares: list[tuple[str, str, str]] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    lookups: list[bool] = field(default_factory=list)

    def share_finished(self, platform: str, outcome: str, error: str) -> None:
        self.shares.append((platform, outcome, error))

    def stage_finished(self, stage: Stage, seconds: float) -> None:
        assert seconds >= 0
        self.stages.append(stage)

    def cache_lookup(self, hit: bool) -> None:
        self.lookups.append(hit)


@dataclass
class Sleeps:
    """The pacing's clock and sleep: a sleep records how long, moves the clock, and returns."""

    asked: list[float] = field(default_factory=list)
    now: float = 1000.0

    def clock(self) -> float:
        """The time the pacing reads."""
        return self.now

    async def __call__(self, seconds: float) -> None:
        self.asked.append(seconds)
        self.now += seconds
        await asyncio.sleep(0)


class Ticks:
    """The budget's sleep on a hand-moved clock: a sleeper wakes only when the test says so."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self._wake: asyncio.Future[None] | None = None
        self._until = 0.0

    async def sleep(self, seconds: float) -> None:
        self._until = self.clock() + seconds
        self._wake = asyncio.get_running_loop().create_future()
        await self._wake

    @property
    def asleep(self) -> bool:
        """Whether someone sleeps until the test wakes them."""
        return self._wake is not None and not self._wake.done()

    async def wake(self) -> None:
        """Let the sleeper's time pass, and everything it lets go run."""
        await settle()
        assert self._wake is not None and not self._wake.done(), "nobody is asleep"
        self.clock.now = max(self.clock.now, self._until)
        self._wake.set_result(None)
        await settle()


async def settle() -> None:
    for _ in range(20):
        await asyncio.sleep(0)


async def until(holds: Callable[[], object], seconds: float = 10.0) -> None:
    """Let the loop (and threads) run until `holds()`: a condition, not a duration to guess;
    `seconds` only bounds a wait that would otherwise hang."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not holds():
        if loop.time() > deadline:
            raise AssertionError("condition never held")
        await asyncio.sleep(0.001)


@dataclass
class FakeGroups:
    """Group playlists in memory: which chats are on, and the songs each got."""

    on: set[str] = field(default_factory=set)
    songs: dict[str, list[str]] = field(default_factory=dict)

    async def is_on(self, group: str) -> bool:
        return group in self.on

    async def turn(self, group: str, on: bool) -> None:
        (self.on.add if on else self.on.discard)(group)

    async def add(self, group: str, track: CatalogTrack) -> PlaylistAdd:
        songs = self.songs.setdefault(group, [])
        already = track.uri in songs
        songs += [] if already else [track.uri]
        return PlaylistAdd("Group songs", already_there=already, hosted=True)

    async def playlist(self, group: str) -> PlaylistInfo | None:
        return PlaylistInfo(group, "Group songs", "https://open.spotify.com/playlist/g") \
            if group in self.songs else None


@dataclass
class FakeHosted:
    """Hosted playlists in memory: the songs kept for each person, copied once into their own."""

    songs: dict[UserKey, list[str]] = field(default_factory=dict)
    copied: dict[UserKey, list[str]] = field(default_factory=dict)

    async def target(self, user: UserKey) -> str | None:
        return "Songs from Stash"

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        self.songs.setdefault(user, []).append(track.uri)
        return PlaylistAdd("Songs from Stash", hosted=True)

    async def playlist(self, user: UserKey) -> PlaylistInfo | None:
        return PlaylistInfo("h", "Songs from Stash", "https://open.spotify.com/playlist/h") \
            if user in self.songs else None

    async def to_copy(self, user: UserKey) -> int:
        return len(self.songs.get(user, [])) - len(self.copied.get(user, []))

    async def copy_to_own(self, user: UserKey) -> tuple[int, int]:
        self.copied[user] = list(self.songs.get(user, []))
        return len(self.copied[user]), 0

    async def remove(self, user: UserKey) -> bool:
        return self.songs.pop(user, None) is not None
