"""What passes between a person and Stash while they connect a Spotify account: the one-time
link code, the callback address they paste back, and the chat account a code finishes in."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from core.inert import visible

# Spotify's authorization codes are long URL-safe strings; anything shorter is chat text.
_BARE_CODE = re.compile(r"^[A-Za-z0-9_-]{40,1024}$")
# A pasted address is one line; a longer text is a message, not a callback (every front).
MAX_PASTE = 2048

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


def pasted(text: str) -> str | PastedCallback | None:
    """What a message's text finishes connecting with: a link code shown with its dash, else a
    callback address or its bare code (None past the paste cap), else None."""
    return parse_connect_code(text) or parse_pasted_callback(text)
