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


def made_inert(value: T, clean: Callable[[str], str]) -> T:
    """`value` with every outside text in it (dataclasses and tuples walked) passed through
    `clean`; anything else is returned as it is."""
    if isinstance(value, tuple):
        return type(value)(made_inert(item, clean) for item in value)
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
            changes[spec.name] = made_inert(current, clean)
    return dataclasses.replace(value, **changes)


def _clean(current: Any, clean: Callable[[str], str]) -> Any:
    if isinstance(current, str):
        return clean(current)
    if isinstance(current, tuple):
        return tuple(clean(item) if isinstance(item, str) else item for item in current)
    return current


def visible(text: str) -> str:
    """`text` without what shows nothing or draws over its neighbours: control and format
    characters (no bidirectional override U+202E or isolate, no zero-width space or joiner),
    default-ignorable ones (variation selectors, Hangul fillers), blank look-alikes (U+2800),
    unassigned and private-use characters, and combining overlays and enclosing marks (a struck
    or circled letter that could make a name read as another one); runs of white space (line
    breaks too) become one space."""
    shown = "".join(char for char in text if char.isspace() or _shown(char))
    return " ".join(shown.split())


def _shown(char: str) -> bool:
    point = ord(char)
    return not (unicodedata.category(char) in _HIDDEN or unicodedata.combining(char) == _OVERLAY
                or point in _BLANKS
                or any(low <= point <= high for low, high in _DEFAULT_IGNORABLE))


# Control, format, surrogate, unassigned, private use; enclosing marks (U+20DD, U+20E0).
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Cn", "Co", "Me"})
_OVERLAY = 1  # the canonical combining class of U+0334..0338, U+20D2, U+20E5...
# Characters that draw as blank space but are not: Braille blank, Khitan filler.
_BLANKS = frozenset({0x2800, 0x16FE4})
# Default_Ignorable_Code_Point, from the Unicode Character Database's DerivedCoreProperties.txt,
# version 15.1.0 (https://www.unicode.org/Public/15.1.0/ucd/DerivedCoreProperties.txt); the
# standard library has no such property.
_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5),
    (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164),
    (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF), (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
)
