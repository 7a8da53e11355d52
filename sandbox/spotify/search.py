"""Spotify's search query language over the shared catalogue: field filters, free text, ranking.

`q` holds free words and `field:value` filters (`track:`, `artist:`, `album:`, `isrc:`, `year:`),
a value being one word or a "quoted phrase". Matching ignores case, accents and punctuation, as
Spotify's does; every filter and every free word must match. Results are ordered by relevance
(how much of the track's own name the query covers), then by popularity.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from sandbox.catalogue import SpotifyTrack

FIELDS = ("track", "artist", "album", "isrc", "year")
_TERM = re.compile(r'(?:(\w+):)?(?:"([^"]*)"|(\S+))')


class BadQuery(ValueError):
    """A query Spotify refuses (empty)."""


@dataclass(frozen=True)
class Query:
    """A parsed `q`: normalized free words and field filters."""

    words: tuple[str, ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case, accent-free words; apostrophes vanish so "Don’t" and "Don't" both read "dont"."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = re.sub(r"['’`´]", "", plain)
    return tuple(re.findall(r"\w+", plain))


def parse(q: str) -> Query:
    """Split `q` into free words and filters; an unknown `name:` prefix is read as free text."""
    if not q.strip():
        raise BadQuery("No search query")
    words: list[str] = []
    filters: dict[str, tuple[str, ...]] = {}
    for match in _TERM.finditer(q):
        name, quoted, bare = match.group(1), match.group(2), match.group(3)
        value = quoted if quoted is not None else bare
        if name and name.lower() in FIELDS:
            key = name.lower()
            filters[key] = filters.get(key, ()) + words_of(value)
        else:
            words.extend(words_of(match.group(0)))
    return Query(tuple(words), filters)


def _year_matches(spec: tuple[str, ...], year: int) -> bool:
    if len(spec) == 1 and spec[0].isdigit():
        return year == int(spec[0])
    if len(spec) == 2 and all(part.isdigit() for part in spec):  # "2020-2024" splits in two
        return int(spec[0]) <= year <= int(spec[1])
    return False


@dataclass(frozen=True)
class _Fields:
    name: tuple[str, ...]
    artists: tuple[str, ...]
    album: tuple[str, ...]

    @classmethod
    def of(cls, track: SpotifyTrack) -> _Fields:
        return cls(words_of(track.name), words_of(" ".join(track.artists)), words_of(track.album))

    @property
    def everything(self) -> set[str]:
        return {*self.name, *self.artists, *self.album}


def matches(query: Query, track: SpotifyTrack, year: int) -> bool:
    """Whether every filter and every free word of `query` matches `track`."""
    fields = _Fields.of(track)
    by_field = {"track": fields.name, "artist": fields.artists, "album": fields.album}
    for key, value in query.filters.items():
        if key == "isrc" and "".join(value) != track.isrc.casefold():
            return False
        if key == "year" and not _year_matches(value, year):
            return False
        if key in by_field and not set(value) <= set(by_field[key]):
            return False
    return set(query.words) <= fields.everything


def relevance(query: Query, track: SpotifyTrack) -> int:
    """Higher when the query names the track's title exactly and its artists."""
    fields = _Fields.of(track)
    asked = set(query.words) | {w for k, v in query.filters.items() if k != "year" for w in v}
    covered = len(asked & set(fields.name))
    extra = len(set(fields.name) - asked)  # "Midnight Drive - Kaito Remix" has words nobody asked
    score = 4 * covered - 3 * extra + 2 * len(asked & set(fields.artists))
    if "isrc" in query.filters:
        score += 100
    return score


def search(q: str, tracks: Iterable[SpotifyTrack], year_of: dict[str, int]) -> list[SpotifyTrack]:
    """Every matching track, by relevance then popularity."""
    query = parse(q)
    found = [t for t in tracks if matches(query, t, year_of[t.id])]
    return sorted(found, key=lambda t: (-relevance(query, t), -t.popularity, t.id))
