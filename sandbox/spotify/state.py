"""What the Spotify stand-in remembers: users, codes, tokens, playlists and armed faults."""

from __future__ import annotations

import base64
import fnmatch
import secrets
import string
import time
from collections import Counter
from dataclasses import dataclass, field

DEMO_USER = "stashdemo"
HOST_USER = "stashhost"  # an operator's account that keeps hosted playlists
_BASE62 = string.digits + string.ascii_letters


def base62_id(length: int = 22) -> str:
    """A random id in Spotify's alphabet."""
    return "".join(secrets.choice(_BASE62) for _ in range(length))


@dataclass(frozen=True)
class SpotifyUser:
    """A Spotify account; `registered` means it is on the app's Development Mode user list."""

    id: str
    display_name: str
    registered: bool = True


USERS = (
    SpotifyUser(DEMO_USER, "Stash Demo"),
    SpotifyUser("alice", "Alice"),
    SpotifyUser("bob", "Bob"),
    SpotifyUser(HOST_USER, "Stash Host"),
    SpotifyUser("outsider", "Olive Outsider", registered=False),
)


@dataclass
class AuthCode:
    """An authorization code handed to the redirect URI."""

    client_id: str
    redirect_uri: str
    user_id: str
    scope: str
    challenge: str | None
    expires_at: float
    used: bool = False


@dataclass
class AccessToken:
    """A bearer token; `user_id` None means an app token (client credentials)."""

    value: str
    user_id: str | None
    scope: frozenset[str]
    expires_at: float

    @property
    def expired(self) -> bool:
        """Past its lifetime."""
        return time.time() >= self.expires_at


@dataclass
class RefreshToken:
    """A refresh token; PKCE ones are single-use (rotated) by default."""

    value: str
    user_id: str
    scope: str
    pkce: bool
    revoked: bool = False


@dataclass
class Entry:
    """One item of a playlist."""

    uri: str
    added_at: str
    added_by: str


@dataclass
class Playlist:
    """A user's playlist; `deleted` once its owner unfollowed it."""

    id: str
    owner_id: str
    name: str
    public: bool
    collaborative: bool
    description: str | None
    entries: list[Entry] = field(default_factory=list)
    version: int = 1
    deleted: bool = False
    followers: set[str] = field(default_factory=set)  # people who saved it from its link

    @property
    def snapshot_id(self) -> str:
        """Changes with every modification, like Spotify's."""
        return base64.b64encode(f"{self.version:08d},{self.id}".encode()).decode()

    @property
    def uris(self) -> list[str]:
        """The item URIs in order."""
        return [entry.uri for entry in self.entries]


@dataclass
class Fault:
    """An armed failure: `remaining` more Web API requests matching `path` get `status`."""

    status: int
    remaining: int
    path: str | None = None
    retry_after: int | None = None

    def applies_to(self, rel_path: str) -> bool:
        """`path` is a glob or a prefix of the path under /v1/ (e.g. "search", "playlists/*")."""
        if self.path is None:
            return True
        pattern = self.path.strip("/")
        return fnmatch.fnmatchcase(rel_path, pattern) or rel_path.startswith(pattern)


@dataclass
class Faults:
    """Every armed fault, consumed in the order they were armed."""

    armed: list[Fault] = field(default_factory=list)
    fail_after_commit: int = 0

    def take(self, rel_path: str) -> Fault | None:
        """The fault this request suffers, counting it down; None if none applies."""
        for fault in self.armed:
            if fault.remaining > 0 and fault.applies_to(rel_path):
                fault.remaining -= 1
                return fault
        self.armed = [fault for fault in self.armed if fault.remaining > 0]
        return None


@dataclass
class Store:
    """All state of one stand-in."""

    client_id: str
    client_secret: str
    token_lifetime: int
    code_lifetime: int
    users: dict[str, SpotifyUser] = field(default_factory=lambda: {u.id: u for u in USERS})
    codes: dict[str, AuthCode] = field(default_factory=dict)
    access_tokens: dict[str, AccessToken] = field(default_factory=dict)
    refresh_tokens: dict[str, RefreshToken] = field(default_factory=dict)
    playlists: dict[str, Playlist] = field(default_factory=dict)
    faults: Faults = field(default_factory=Faults)
    calls: Counter[str] = field(default_factory=Counter)
    create_refusals: list[tuple[int, str]] = field(default_factory=list)  # next POST me/playlists
    login_user: str = DEMO_USER
    consent: bool = True
    rotate_refresh_tokens: bool | None = None  # None: PKCE tokens rotate, confidential ones not

    def issue_access(self, user_id: str | None, scope: str) -> AccessToken:
        """A new access token living `token_lifetime` seconds."""
        token = AccessToken(
            "BQsandbox-" + base62_id(40), user_id, frozenset(scope.split()),
            time.time() + self.token_lifetime,
        )
        self.access_tokens[token.value] = token
        return token

    def issue_refresh(self, user_id: str, scope: str, *, pkce: bool) -> RefreshToken:
        """A new refresh token."""
        token = RefreshToken("AQsandbox-" + base62_id(60), user_id, scope, pkce)
        self.refresh_tokens[token.value] = token
        return token

    def playlists_of(self, user_id: str) -> list[Playlist]:
        """The user's live playlists, newest first, as Spotify lists them."""
        owned = [p for p in self.playlists.values() if p.owner_id == user_id and not p.deleted]
        return owned[::-1]
