"""Which copy of one recording to add: the release the person heard.

Spotify holds one recording on a single, its album, deluxe and anniversary editions and
compilations. Take the album Shazam named, then the artist's own first release over reissues and
collections, then the more popular copy. Read from Spotify's album type and the album's name,
by its shape.
"""

from __future__ import annotations

import re

from core import names
from core.models import CatalogTrack
from core.versions import parse_title

# Spotify marks compilations (album_type "compilation"); these words mark the artist's own.
_COLLECTION = re.compile(
    r"\b(?:hits|best of|essentials?|collection|greatest|highlights|anthology|very best|gold|"
    r"(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)\b")
# Edition words; "Special", "Platinum" or "Complete" alone name studio albums (Lizzo's "Special").
_REISSUE = re.compile(r"\b(?:deluxe|edition|expanded|anniversary|bonus)\b")


def preference(track: CatalogTrack, heard_album: str | None) -> tuple[int, int, int]:
    """A sort key, lower first: the named album, then an original release, then popularity."""
    return (_named(track.album, heard_album), _kind(track), -track.popularity)


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


def _kind(track: CatalogTrack) -> int:
    folded = names.fold(track.album or "")
    if track.album_type == "compilation" or _COLLECTION.search(folded):
        return 2
    return 1 if _REISSUE.search(folded) else 0
