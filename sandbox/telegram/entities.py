"""The entities Telegram finds in plain text by itself: links, commands, mentions, hashtags.

Offsets and lengths are in UTF-16 code units, as in the real API (an emoji counts 2).
"""

from __future__ import annotations

import re
from typing import Any

Entity = dict[str, Any]

_HOST = r"(?:[\w-]+\.)+(?P<tld>[^\W\d_]{2,24})|\d{1,3}(?:\.\d{1,3}){3}"
_URL = re.compile(
    rf"(?<![\w@/.])(?P<scheme>(?:https?|ftp|tg)://)?(?:{_HOST})(?::\d{{1,5}})?(?:[/?#]\S*)?",
    re.IGNORECASE,
)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@(?:[\w-]+\.)+[^\W\d_]{2,24}(?!\w)")
_COMMAND = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![\w/])")
_MENTION = re.compile(r"(?<![\w@])@[A-Za-z0-9_]{3,32}(?!\w)")
_HASHTAG = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")
# Scheme-less links count only with a known top-level domain ("file.txt" is not a link).
_BARE_TLDS = frozenset(
    {"com", "org", "net", "io", "me", "tv", "app", "ly", "be", "gl", "co", "uk", "de", "ru",
     "fr", "es", "it", "nl", "eu", "info", "biz", "xyz", "dev", "page", "site", "link", "live",
     "us", "ca", "au", "in", "jp", "br", "pl", "ua", "to", "gg", "fm", "am", "news", "online",
     "store", "shop"}
)  # fmt: skip
_TRAILING = ".,:;!?'\"»…"


def utf16_len(text: str) -> int:
    """Length of `text` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def entity(kind: str, text: str, start: int, end: int, **extra: Any) -> Entity:
    """An entity for `text[start:end]` (Python indices) with UTF-16 offset and length."""
    offset = utf16_len(text[:start])
    return {"type": kind, "offset": offset, "length": utf16_len(text[start:end]), **extra}


def detect_entities(text: str) -> list[Entity]:
    """Every automatically detected entity in `text`, ordered by offset."""
    spans: list[tuple[int, int, str]] = []
    spans += [(m.start(), m.end(), "email") for m in _EMAIL.finditer(text)]
    spans += [(*_url_span(text, m), "url") for m in _URL.finditer(text) if _is_url(m)]
    spans += [(m.start(), m.end(), "bot_command") for m in _COMMAND.finditer(text)]
    spans += [(m.start(), m.end(), "mention") for m in _MENTION.finditer(text)]
    spans += [(m.start(), m.end(), "hashtag") for m in _HASHTAG.finditer(text)]
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in spans:  # earlier kinds win overlaps: an email is not a link
        if end > start and all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, kind))
    return [entity(kind, text, start, end) for start, end, kind in sorted(kept)]


def _is_url(match: re.Match[str]) -> bool:
    if match.group("scheme"):
        return True
    tld = match.group("tld")
    return tld is not None and tld.lower() in _BARE_TLDS


def _url_span(text: str, match: re.Match[str]) -> tuple[int, int]:
    """Trim trailing punctuation and an unbalanced closing bracket, as Telegram does."""
    start, end = match.span()
    while end > start:
        last = text[end - 1]
        opened = text[start : end - 1].count("(")
        closed = text[start : end - 1].count(")")
        if last in _TRAILING or (last == ")" and closed >= opened):
            end -= 1
        else:
            break
    return start, end
