"""One track against what was heard: title, credits and version, and 'same recording'."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from core import names, releases
from core.credits import Credit, compare_credits
from core.models import CatalogTrack, Recognition
from core.versions import Difference, Title, difference, parse_title

Similarity = Callable[[str, str], float]

# The song and artist agree this well: the heard song, if the version agrees too.
CONFIDENT = 0.85
# Titles less alike than this are probably another song ("Midnight Drive" / "Midnight Train").
TITLE_DOUBT = 0.8
# Artists less alike than this are another act (the same title by someone else).
ARTIST_DOUBT = 0.5
# Two copies of one recording differ in length by at most this (leading silence, fades).
SAME_LENGTH = 0.03
SAME_NAME = 0.99
# A name read across scripts this surely is the same ("태연" / "Taeyeon"); less, ask.
SURE = 0.9
# Scripts whose transliteration says nothing of an English or romanized title.
_UNREADABLE = frozenset({"han", "kana", "hangul"})
LOOSE = 0.5
_NUMBER = re.compile(r"\b\d+\b")


@dataclass(frozen=True)
class Comparison:
    """How one track compares with what was heard."""

    isrc: bool
    title: float
    credit: Credit
    version: Difference
    doubt: bool  # a title against kanji, kana or Hangul only: transliteration cannot tell
    # The artist only in another script, not read surely ("Kenshi Yonezu" / "米津玄師").
    unread_artist: bool = False

    @property
    def fit(self) -> float:
        """How alike the song's name and main artist are, 0..1."""
        return 0.55 * self.title + 0.45 * self.credit.main

    @property
    def same_song(self) -> bool:
        """The heard song, in the heard or in another version."""
        sure_artist = self.credit.main >= SURE
        return self.isrc or (self.credit.main >= ARTIST_DOUBT and (
            self.title >= TITLE_DOUBT or (self.doubt and sure_artist))) or (
            self.unread_artist and self.title >= SURE)

    @property
    def heard_version(self) -> bool:
        """The heard song in the heard version, credited to every heard artist."""
        return self.isrc or (self.title >= TITLE_DOUBT and self.fit >= CONFIDENT
                             and self.credit.missing == 0 and self.version.same
                             and not self.unread_artist)

    @property
    def penalty(self) -> float:
        """What the differences cost in the score that orders candidates."""
        version = self.version
        return (0.35 * (self.title < TITLE_DOUBT and not self.doubt)
                + 0.3 * (self.credit.main < ARTIST_DOUBT) + 0.15 * self.credit.missing
                + 0.1 * min(self.credit.extra, 2) + 0.3 * version.kinds + 0.15 * version.vague
                + 0.1 * min(version.notes + version.subtitles, 2))


def same_isrc(recognition: Recognition, track: CatalogTrack) -> bool:
    """True when both carry the same ISRC."""
    return bool(recognition.isrc and track.isrc
                and recognition.isrc.upper() == track.isrc.upper())


def compare(recognition: Recognition, track: CatalogTrack, similarity: Similarity) -> Comparison:
    """Compare a Spotify track with Shazam's answer."""
    heard = parse_title(recognition.title, recognition.album)
    offered = parse_title(track.name, track.album)
    title = title_similarity(heard, offered, similarity)
    remixers = frozenset(w for d in offered.versions if d.kind == "remix" for w in d.qualifier)
    credit = compare_credits([*recognition.artists, *heard.featured],
                             [*track.artists, *offered.featured], similarity, remixers)
    doubt = _unreadable(heard, offered, title)
    credited = frozenset(word for artist in (*recognition.artists, *track.artists)
                         for word in names.normalize_artist(artist).split())
    version = difference(heard, offered, credited)
    if version.vague and releases.same_album(recognition.album, track.album):
        version = replace(version, vague=0)  # the named live album is the concert heard
    unread = credit.main < SURE and bool(
        names.scripts(" ".join(track.artists)) & _UNREADABLE) and names.other_script(
        " ".join(recognition.artists[:1]), " ".join(track.artists))
    # A code Spotify also gives a tagged twin ("(Jersey Club)", "(feat. X)") confirms only the
    # heard version credited to the heard artists (a remixer aside).
    isrc = same_isrc(recognition, track) and version.same and not (
        (title < TITLE_DOUBT and not names.other_script(heard.base, offered.base))
        or ((credit.main < ARTIST_DOUBT or credit.missing or credit.extra) and not unread))
    return Comparison(isrc, title, credit, version, doubt, unread)


def _unreadable(heard: Title, offered: Title, title: float) -> bool:
    """One title in Latin letters, the other only in a script transliteration cannot read as
    English, with no Latin name beside it: Han always, kana and Hangul when their reading
    comes near (an English loanword: "Idol" / "アイドル")."""
    if title >= TITLE_DOUBT or not names.other_script(heard.base, offered.base):
        return False
    latin = [t for t in (heard, offered) if names.scripts(t.base) == {"latin"}]
    native = [t for t in (heard, offered) if t not in latin]
    scripts = names.scripts(native[0].base) if native else frozenset()
    near = title >= LOOSE or "han" in scripts
    return near and bool(scripts & _UNREADABLE) and not any(
        names.scripts(s) == {"latin"} for s in native[0].subtitles)


def title_similarity(heard: Title, offered: Title, similarity: Similarity) -> float:
    """How alike two songs' names are; a different part number is another song."""
    pairs = [(heard.base, offered.base), (heard.short, offered.short)]
    pairs += [(heard.base, part) for part in names.split_scripts(offered.base)]
    pairs += [(part, offered.base) for part in names.split_scripts(heard.base)]
    # "밤편지 (Through the Night)": the bracket names the song in the other script.
    pairs += [(heard.base, s) for s in offered.subtitles if names.other_script(s, offered.short)]
    pairs += [(s, offered.base) for s in heard.subtitles if names.other_script(s, heard.short)]
    value = max(similarity(a, b) for a, b in pairs)
    if set(_NUMBER.findall(heard.base)) != set(_NUMBER.findall(offered.base)):
        value = min(value, 0.6)
    if heard.movement and offered.movement:
        return value if heard.movement == offered.movement else min(value, 0.6)
    # "Clair de lune" heard, "Suite bergamasque, L. 75: III. Clair de lune" offered.
    alone = [(heard.base, offered.movement_name), (heard.movement_name, offered.base)]
    return max([value, *(similarity(a, b) for a, b in alone if a and b)])


def same_recording(a: CatalogTrack, b: CatalogTrack, similarity: Similarity) -> bool:
    """Two Spotify tracks are one recording: the same song, artists and version, with the same
    ISRC or length (an album and its deluxe edition, a compilation, clean and explicit copies);
    a code alone is not enough, Spotify gives it to sped-up and tagged twins too."""
    if not (a.isrc and b.isrc and a.isrc.upper() == b.isrc.upper()):
        if not a.duration_ms or not b.duration_ms:
            return False
        longer = max(a.duration_ms, b.duration_ms)
        if abs(a.duration_ms - b.duration_ms) > max(3000, SAME_LENGTH * longer):
            return False
    first, second = parse_title(a.name, a.album), parse_title(b.name, b.album)
    if similarity(first.base, second.base) < 0.9 or not difference(first, second).same:
        return False
    # One artist has one name across Spotify's releases: near names are other acts.
    credit = compare_credits(a.artists, b.artists, similarity, same=SAME_NAME)
    return credit.main >= SAME_NAME and credit.missing == 0 and credit.extra == 0
