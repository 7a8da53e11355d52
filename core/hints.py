"""The platform's own music tag (TikTok, YouTube): corroboration, and a version it may name.

A tag that names a version or a guest Shazam did not name ("Bad Habits (Joel Corry Remix)" when
Shazam says "Bad Habits") favours the tracks of that version, never every track by the artist:
where it only sharpens Shazam's answer ("Remix" → whose remix) it decides; where it disagrees,
the person is asked with the tagged version first.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

from core.comparison import TITLE_DOUBT
from core.credits import compare_credits
from core.models import CatalogTrack, MusicHint, Recognition
from core.names import normalize_artist
from core.versions import Title, difference, parse_title

Similarity = Callable[[str, str], float]


class Tag(enum.Enum):
    """What the tag says about the heard version."""

    NOTHING = "nothing"  # no tag, another song, or no version named: corroboration only
    AGREES = "agrees"  # the version Shazam named
    SHARPENS = "sharpens"  # names what Shazam left vague (whose remix)
    DIFFERS = "differs"  # names a version or guest Shazam did not


def says(hint: MusicHint | None, recognition: Recognition, similarity: Similarity) -> Tag:
    """What the tag says beside Shazam's answer."""
    if hint is None:
        return Tag.NOTHING
    tag, heard = parse_title(hint.title), parse_title(recognition.title, recognition.album)
    if similarity(tag.base, heard.base) < TITLE_DOUBT:
        return Tag.NOTHING
    guests = compare_credits([*recognition.artists, *heard.featured], _artists(hint, tag),
                             similarity).extra
    if not tag.versions and not guests:
        return Tag.NOTHING
    found = difference(heard, tag)
    if guests == 0 and found.same:
        return Tag.AGREES
    return Tag.SHARPENS if guests == 0 and found.kinds == 0 else Tag.DIFFERS


def fits(hint: MusicHint | None, track: CatalogTrack, similarity: Similarity) -> bool:
    """The track is the song and version the tag names, credited to the tag's artists."""
    if hint is None:
        return False
    tag, offered = parse_title(hint.title), parse_title(track.name, track.album)
    if similarity(tag.base, offered.base) < TITLE_DOUBT or not difference(tag, offered).same:
        return False
    remixers = frozenset(w for d in offered.versions if d.kind == "remix" for w in d.qualifier)
    credit = compare_credits(_artists(hint, tag), [*track.artists, *offered.featured],
                             similarity, remixers)
    return credit.missing == 0 and credit.extra == 0


def adjustment(hint: MusicHint | None, recognition: Recognition, track: CatalogTrack,
               similarity: Similarity) -> float:
    """What the tag adds to the score of a track of the heard song."""
    if hint is None:
        return 0.0
    if says(hint, recognition, similarity) in (Tag.SHARPENS, Tag.DIFFERS):
        return 0.1 if fits(hint, track, similarity) else 0.0
    if similarity(parse_title(hint.title).base, parse_title(track.name).base) < TITLE_DOUBT:
        return 0.0
    offered = {normalize_artist(a) for a in track.artists}
    return 0.1 if any(normalize_artist(h) in offered for h in hint.artists) else 0.03


def _artists(hint: MusicHint, tag: Title) -> list[str]:
    return [*hint.artists, *tag.featured]
