"""A title split into the song's own name and the version descriptors that tell recordings apart.

"Bohemian Rhapsody - Live At Wembley Stadium / July 1986" is the song "bohemian rhapsody" in the
version live (wembley stadium july 1986). Words that do not change what is heard (remastered,
deluxe, from a soundtrack, explicit) are dropped; words we cannot place are kept as notes, which
weigh less than a known version.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core import names
from core.vocabulary import classify

_LEADING = re.compile(r"^\s*[(\[]([^)\]]*)[)\]]\s*")
_BRACKET = re.compile(r"[(\[]([^)\]]*)[)\]]")
_DASH = re.compile(r"\s+[-–—]\s+")
_YEAR = re.compile(r"^(?:19|20)?\d\d$")


@dataclass(frozen=True)
class Descriptor:
    """One way a recording differs from the song's original: a kind and what qualifies it."""

    kind: str  # remix, live, rerecorded, take, edit, extended, mix, speed, acoustic, language, ...
    qualifier: frozenset[str] = frozenset()  # remixer, venue and year, take number, language
    label: str = ""  # the words as the title wrote them, for buttons


@dataclass(frozen=True)
class Title:
    """A parsed title."""

    base: str  # the song's own name, normalized
    short: str  # the base without a leading bracket: "(I Can't Get No) Satisfaction"
    versions: frozenset[Descriptor]
    notes: frozenset[str]  # bracket words we could not place
    featured: tuple[str, ...]


@lru_cache(maxsize=4096)  # a decision parses each title several times; titles are few
def parse_title(title: str, album: str | None = None) -> Title:
    """Split a track title into base, version descriptors, notes and featured artists."""
    title = unicodedata.normalize("NFKC", title)  # full-width brackets and dashes (（Live）)
    lead_match = _LEADING.match(title)
    lead = lead_match.group(1) if lead_match else ""
    rest = title[lead_match.end():] if lead_match else title
    head, *tails = _DASH.split(rest)
    segments = [*_BRACKET.findall(head), *tails]
    head_text, open_featured = names.split_open_feat(names.fold(_BRACKET.sub(" ", head)))
    featured: list[str] = list(open_featured)
    versions: set[Descriptor] = set()
    notes: set[str] = set()
    base_extra: list[str] = []
    for raw in segments:
        folded = names.fold(raw)
        found = names.featuring(folded)
        if found is not None:
            featured += found
            continue
        kinds = classify(folded)
        if not kinds:
            notes.add(names.squash(folded))
        elif kinds[0].kind == "part":
            base_extra.append(names.squash(folded))
        versions.update(Descriptor(k.kind, k.qualifier, raw.strip()) for k in kinds
                        if k.kind not in ("part", "neutral"))
    short = names.squash(" ".join([head_text, *base_extra]))
    base = names.squash(" ".join([names.fold(lead), short])) if lead else short
    return Title(base or names.squash(names.fold(title)), short, _with_album(versions, album),
                 frozenset(n for n in notes if n), tuple(featured))


def _with_album(versions: set[Descriptor], album: str | None) -> frozenset[Descriptor]:
    """A bare 'Live' takes its concert from an album named after it ("Live at Wembley '86")."""
    folded = names.fold(album or "")
    if not re.search(r"\b(?:live|unplugged|concert)\b", folded):
        return frozenset(versions)
    words = next((k.qualifier for k in classify(folded) if k.kind == "live"), frozenset())
    return frozenset(
        Descriptor(d.kind, words, d.label) if d.kind == "live" and not d.qualifier else d
        for d in versions)


def compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two non-empty qualifiers name the same thing: a shared word and no conflicting year."""
    years_a = {w[-2:] for w in a if _YEAR.match(w)}
    years_b = {w[-2:] for w in b if _YEAR.match(w)}
    if years_a and years_b and not years_a & years_b:
        return False
    words_a, words_b = a - {w for w in a if _YEAR.match(w)}, b - {w for w in b if _YEAR.match(w)}
    if words_a and words_b:
        return bool(words_a & words_b)
    return a == b or (bool(years_a & years_b) and not (words_a or words_b))


@dataclass(frozen=True)
class Difference:
    """How far a track's version is from the heard one."""

    kinds: int  # version kinds on one side only, or with qualifiers that disagree
    vague: int  # one kind on both sides, named on one side only ("Remix" / "Joel Corry Remix")
    notes: int  # unplaced bracket words on one side only

    @property
    def same(self) -> bool:
        """The same version, as far as the titles tell."""
        return not (self.kinds or self.vague)


def difference(heard: Title, offered: Title) -> Difference:
    """Compare the version descriptors of two parsed titles."""
    kinds = vague = 0
    for kind in {d.kind for d in heard.versions | offered.versions}:
        mine = {d.qualifier for d in heard.versions if d.kind == kind}
        theirs = {d.qualifier for d in offered.versions if d.kind == kind}
        if not mine or not theirs:
            kinds += 1
        elif frozenset() in mine ^ theirs and (mine | theirs) != {frozenset()}:
            vague += 1
        elif not all(any(q == r or (q and r and compatible(q, r)) for r in theirs)
                     for q in mine):
            kinds += 1
    return Difference(kinds, vague, len(heard.notes ^ offered.notes))
