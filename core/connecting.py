"""Connecting a Spotify account, choosing the playlist, and forgetting a person."""

from __future__ import annotations

import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlsplit

from core.accounts import AccountConnector, ConnectedAccount, HeldConnection, PlaylistInfo
from core.destinations import GroupPlaylists, HostedPlaylists, Hosting
from core.errors import (
    ConnectFailed,
    ForeignConnectCode,
    NotConfigured,
    SpotifyAccessDenied,
    StashError,
)
from core.inert import visible
from core.models import UserKey
from core.ports import Store
from core.texts import say

log = logging.getLogger(__name__)

# Spotify's authorization codes are long URL-safe strings; anything shorter is chat text.
_BARE_CODE = re.compile(r"^[A-Za-z0-9_-]{40,1024}$")
# A pasted address is one line; a longer text is a message, not a callback (every front).
MAX_PASTE = 2048

REVOKE_HINT = say("link.revoke_hint")
FOREIGN_ATTEMPT = say("link.foreign_attempt")
UNKNOWN_CONNECT_CODE = say("link.unknown_code")
USED_ELSEWHERE = say("link.used_elsewhere")
# A pasted code counts only with the state of the person's own /link: a code alone, or with
# someone else's state, may be an attacker's own login (login CSRF).
WHOLE_ADDRESS = say("link.whole_address")
NOT_YOUR_ADDRESS = say("link.not_your_address")
SEND_THE_CODE = say("link.send_the_code")

CODE_LIFETIME = 600.0  # seconds a link code (and the page showing it) lives
# Link codes: no 0/O or 1/I/L to misread. 10 of 31 symbols is about 50 bits: at any rate a chat
# allows, guessing one within its 10 minutes (and before its owner uses it) is hopeless.
_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
_CODE_LENGTH = 10
_SHOWN_CODE = re.compile(r"^\s*([A-Za-z0-9]{5})-([A-Za-z0-9]{5})\s*$")
_BARE_CONNECT_CODE = re.compile(r"^\s*([A-Za-z0-9]{5})-?([A-Za-z0-9]{5})\s*$")
# Telegram and Discord handles: letters, digits, "_" and "."; nothing a name could dress up.
_HANDLE = re.compile(r"^[A-Za-z0-9_.]{1,32}(?:#\d{4})?$")  # a legacy Discord name keeps its #tag


def new_connect_code() -> str:
    """A fresh one-time link code (ten characters, no dash)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(_CODE_LENGTH))


def shown_code(code: str) -> str:
    """A link code as people read and type it: ABCDE-FGHJK."""
    return f"{code[:5]}-{code[5:]}"


def parse_connect_code(text: str, *, dash_optional: bool = False) -> str | None:
    """The link code in `text` (any case), or None. Plain chat text must show the dash, so that a
    ten-letter word is not mistaken for one; a command argument may leave it out."""
    found = (_BARE_CONNECT_CODE if dash_optional else _SHOWN_CODE).match(text)
    return (found[1] + found[2]).upper() if found else None


@dataclass(frozen=True)
class ChatAccount:
    """The chat account a link code finishes in, as the callback page names it: the platform,
    the account's @handle and number, which a display name cannot imitate, and the display
    name apart, marked as one (anyone may call themselves "Alice (@alice)")."""

    platform: str
    number: str
    handle: str | None = None
    display_name: str | None = None

    def __post_init__(self) -> None:
        handle = visible(self.handle or "").lstrip("@")
        object.__setattr__(self, "handle", handle if _HANDLE.match(handle) else None)
        object.__setattr__(self, "display_name", visible(self.display_name or "") or None)


@dataclass(frozen=True)
class ConfirmStep:
    """How a person sends a link code back from their chat: words, and a link when the chat
    app has one that sends it (Telegram's t.me deep link)."""

    text: str
    url: str | None = None
    account: ChatAccount | None = None  # whose chat the code finishes in


Tell = Callable[[UserKey, str], Awaitable[None]]
Guide = Callable[[str], ConfirmStep]
# The chat account as its chat app knows it (@handle, display name); None: unknown.
NameOf = Callable[[UserKey], Awaitable[ChatAccount | None]]
# The (label, URL) that opens Stash in a chat app, asked when a page needs it.
Home = Callable[[], tuple[str, str]]


@dataclass(frozen=True)
class PastedCallback:
    """What a person pasted back after authorizing: the code, and the state when it was there."""

    code: str | None
    state: str | None
    error: str | None = None


def parse_pasted_callback(text: str) -> PastedCallback | None:
    """The code (and state) in a pasted redirect URL or a bare code; None for anything else."""
    text = text.strip()
    if len(text) > MAX_PASTE:
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
