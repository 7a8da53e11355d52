"""The words Spotify and Shazam use for versions, read from one folded bracket or dash segment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core import names


@dataclass(frozen=True)
class Kind:
    """What a segment says: a version kind and its qualifier, 'neutral', or a 'part' number."""

    kind: str
    qualifier: frozenset[str] = frozenset()


_LANGUAGES = {"english": "english", "ingles": "english", "spanish": "spanish",
              "espanol": "spanish", "japanese": "japanese", "jp": "japanese",
              "korean": "korean", "kr": "korean", "chinese": "chinese", "mandarin": "chinese",
              "french": "french", "francais": "french", "portuguese": "portuguese",
              "portugues": "portuguese", "italian": "italian", "german": "german",
              "russian": "russian", "hindi": "hindi", "arabic": "arabic"}
_LANGUAGE = re.compile(
    rf"\b({'|'.join(_LANGUAGES)})\s+ver(?:sion|sao)?\b|\bver(?:sion|sao)\s+(?:en\s+)?"
    rf"({'|'.join(_LANGUAGES)})\b|\ben\s+(espanol|ingles)\b")
# The first hit of a kind wins: specific words come before the general ones they contain.
_KINDS: tuple[tuple[str, re.Pattern[str], tuple[str, ...] | None], ...] = (
    ("rerecorded", re.compile(r"taylor'?s version|re-?\s?record|new recording"), None),
    ("take", re.compile(r"\btake\s*\d+"), None),
    ("karaoke", re.compile(r"karaoke|originally performed|in the style of|made famous"), ()),
    ("instrumental", re.compile(r"instrumental"), ()),
    ("acapella", re.compile(r"a\s?cappella|acapella|vocals? only"), ()),
    ("speed", re.compile(r"sped[\s-]?up|speed up|nightcore|faster"), ("sped",)),
    ("speed", re.compile(r"slowed|slow\s?(?:\+|and|&)\s?reverb"), ("slowed",)),
    ("speed", re.compile(r"\breverb\b"), ("reverb",)),
    ("8d", re.compile(r"\b8d\b"), ()),
    # "- Spotify Singles: Recorded at Electric Lady", "(Recorded at Spotify Studios NYC)"
    ("session", re.compile(r"\brecorded (?:at|in|live)\b|\bsessions?\b|spotify singles"), None),
    ("live", re.compile(r"\blive\b|unplugged|en vivo|ao vivo|\bconcert\b"), None),
    ("remix", re.compile(r"\bre-?mix(?:ed)?\b|\brmx\b|\bvip\b|\bbootleg\b|\bflip\b"), None),
    ("extended", re.compile(r"\bextended\b|club mix|12\"|12 inch"), ()),
    ("edit", re.compile(r"\bradio\b"), ("radio",)),
    ("edit", re.compile(r"\bedit\b"), None),
    ("acoustic", re.compile(r"acoustic|acustic|stripped"), ()),
    ("rework", re.compile(r"restrung|reimagined|rework|orchestral|symphonic|piano ver|demo\b|"
                          r"reprise|alternate|alternative ver|alt\.? ver"), None),
    ("cover", re.compile(r"\bcover\b"), ()),
)
_NEUTRAL = re.compile(
    r"remaster|deluxe|bonus|^from\b|soundtrack|original mix|(?:album|single|original|main|lp|"
    r"mono|stereo|explicit|clean) ver|^(?:explicit|clean|censored|mono|stereo|original)$|"
    r"anniversary|edition|^prod\b|official|from the vault|"
    # "2009 Mix", "2024 Stereo Mix": a remaster's new mix of the same performance
    r"^(?:19|20)\d\d(?: stereo| mono)? mix$")
_PART = re.compile(r"^(?:pts?|parts?|vol|volume|chapter)\.?\s*[\divxlc]+"
                   r"(?:\s*(?:-|–|&|and|,)\s*[\divxlc]+)*$")
_MIX = re.compile(r"\bmix\b")
_VERSION = re.compile(r"^(.+?)\s*\bver(?:sion|\.)?$")
_STOP = frozenset({
    "a", "an", "and", "at", "by", "de", "del", "edit", "feat", "from", "in", "live", "mix", "of",
    "on", "remix", "remixed", "rmx", "recorded", "remaster", "remastered", "the", "unedited",
    "ver", "version", "with", "record", "re", "rerecord", "rerecorded", "take", "taylors"})


def classify(segment: str) -> tuple[Kind, ...]:
    """The kinds a folded segment names ("Acoustic Live" names two); () when none we know."""
    text = segment.strip()
    if _PART.match(text):
        return (Kind("part"),)
    found: dict[str, Kind] = {}
    language = _LANGUAGE.search(text)
    if language:
        word = next(g for g in language.groups() if g)
        found["language"] = Kind("language", frozenset({_LANGUAGES[word]}))
    for kind, pattern, fixed in _KINDS:
        if kind not in found and pattern.search(text):
            words = frozenset(fixed) if fixed is not None else qualifier(text)
            found[kind] = Kind(kind, words)
    if found:
        return tuple(found.values())
    if _NEUTRAL.search(text):
        return (Kind("neutral"),)
    if _MIX.search(text):
        # A named mix is that person's remix ("Dom Dolla Mix" / "Dom Dolla Remix").
        words = qualifier(text)
        return (Kind("remix" if words else "mix", words),)
    version = _VERSION.match(text)
    return (Kind("version", qualifier(version.group(1))),) if version else ()


def qualifier(text: str) -> frozenset[str]:
    """The words of a segment that tell two versions of one kind apart."""
    return frozenset(w for w in names.squash(text).split() if w not in _STOP)
