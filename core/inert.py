"""Text that came from outside Stash (song titles, artists, albums, playlist names), made inert.

Shazam, Spotify and the video platforms name the songs; anyone can publish a song called
"@alice" or "**B** [click](https://evil.example)". Each front knows what is live in its chat
(mentions, markdown, links) and passes its own `clean`; this walks the values that carry such
text, so Stash's own words and links are left as they are.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

# Field names that hold outside text in core's models (URLs and ids are Stash's or checked).
OUTSIDE_FIELDS = frozenset({"name", "title", "artists", "album", "playlist_name"})


def scrubbed(value: T, clean: Callable[[str], str]) -> T:
    """`value` with every outside text in it (dataclasses and tuples walked) passed through
    `clean`; anything else is returned as it is."""
    if isinstance(value, tuple):
        return type(value)(scrubbed(item, clean) for item in value)
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        return value
    changes: dict[str, Any] = {}
    for spec in dataclasses.fields(value):
        if not spec.init:
            continue
        current = getattr(value, spec.name)
        if spec.name in OUTSIDE_FIELDS:
            changes[spec.name] = _clean(current, clean)
        elif isinstance(current, tuple) or dataclasses.is_dataclass(current):
            changes[spec.name] = scrubbed(current, clean)
    return dataclasses.replace(value, **changes)


def _clean(current: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(current, str):
        return clean(current)
    if isinstance(current, tuple):
        return tuple(clean(item) if isinstance(item, str) else item for item in current)
    return current


def visible(text: str) -> str:
    """`text` without control and format characters: no bidirectional override (U+202E) or
    isolate, no zero-width space or joiner, no other invisible character that could make a name
    read as another one; runs of white space (line breaks too) become one space."""
    shown = "".join(char for char in text
                    if char.isspace() or unicodedata.category(char) not in _HIDDEN)
    return " ".join(shown.split())


_HIDDEN = frozenset({"Cc", "Cf", "Cs"})
