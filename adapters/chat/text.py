"""Fitting text to a chat platform's limits, measured the strict way on both fronts.

Telegram counts UTF-16 code units; Discord counts characters. A text within a limit in UTF-16
units is within it in characters too, so both fronts clip by units: a clipped text is never
refused, and an emoji outside the Basic Multilingual Plane is never cut in half.
"""

from __future__ import annotations

# A title, artist list or album inside one of Stash's sentences is cut to this first, so that the
# sentence around it (what happened, the Spotify link) always fits; twice this (every sign
# escaped) still leaves the words room in Discord's 2,000.
OUTSIDE_MAX = 400


def units(text: str) -> int:
    """The length of `text` in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` UTF-16 code units, with an ellipsis when cut."""
    if units(text) <= limit:
        return text
    kept, used = [], 0
    for char in text:
        size = 2 if ord(char) > 0xFFFF else 1
        if used + size > limit - 1:  # room for the ellipsis
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"
