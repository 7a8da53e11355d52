"""Which copy of one recording to add: the release the person heard.

Spotify holds one recording on a single, its album, deluxe and anniversary editions and
compilations. Take the album Shazam named, then the artist's own first release over reissues and
collections, then the more popular copy. Read from the album's name, by its shape.
"""

from __future__ import annotations

import re

from core import names
from core.models import CatalogTrack
from core.versions import parse_title

_COLLECTION = re.compile(
    r"\b(?:hits|best of|essentials?|collection|greatest|now that'?s what i call|highlights|"
    r"anthology|very best|gold|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)\b")
_REISSUE = re.compile(
    r"\b(?:deluxe|edition|expanded|anniversary|super|special|bonus|platinum|complete)\b")


def preference(track: CatalogTrack, heard_album: str | None) -> tuple[int, int, int]:
    """A sort key, lower first: the named album, then an original release, then popularity."""
    return (_named(track.album, heard_album), _kind(track.album), -track.popularity)


def same_album(a: str | None, b: str | None) -> bool:
    """Two album names are one release, remaster and edition words aside."""
    if not a or not b:
        return False
    first, second = parse_title(a), parse_title(b)
    return names.fold(a) == names.fold(b) or (bool(first.base) and first.base == second.base)


def _named(album: str | None, heard: str | None) -> int:
    if album and heard and names.fold(album) == names.fold(heard):
        return 0
    return 1 if same_album(album, heard) else 2


def _kind(album: str | None) -> int:
    folded = names.fold(album or "")
    return 2 if _COLLECTION.search(folded) else 1 if _REISSUE.search(folded) else 0
