"""A title split into the song's own name and the version descriptors that tell recordings apart.

"Bohemian Rhapsody - Live At Wembley Stadium / July 1986" is the song "bohemian rhapsody" in the
version live (wembley stadium july 1986). Words that do not change what is heard (remastered,
deluxe, from a soundtrack, explicit) are dropped. Words we cannot place may name a version
("(Techno)", "- Phonk"), so on one side only they block an add without asking, unless they have
the shape of part of the song's name: a bracketed phrase in the title ("(Da Ba Dee)", "(A Deal
With God)"), the title in another script ("(강남스타일)"), or the song's own artists.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from core import names
from core.vocabulary import classify

_LEADING = re.compile(r"^\s*[(\[]([^)\]]*)[)\]]\s*")
_BRACKET = re.compile(r"[(\[]([^)\]]*)[)\]]")
_DASH = re.compile(r"\s+[-–—]\s+")
_YEAR = re.compile(r"^(?:19|20)?\d\d$")
# Words naming the kind of a mix: "Vocal Mix" and "Dub Mix" by one remixer are two recordings.
_MIX_TYPES = frozenset({"vocal", "dub", "club", "instrumental", "extended", "radio", "original",
                        "short", "long", "dance", "acapella", "house", "main", "single"})
# "Symphony No. 5 in C Minor, Op. 67: II. Andante con moto": a work, a movement and its name.
_MOVEMENT = re.compile(r":\s*([IVXL]+)\.\s+(.+)$")
# "Pts. 1-5", "Parts I-V", "Pt. 2" at the end of a name: parts, numbered one way.
_PARTS = re.compile(r"\b(?:parts?|pts?)\s+((?:[\divxl]+\s*)+)$")
_DATE = re.compile(r"^(?:[a-z]+\s+)?\d{1,2},?\s+(?:19|20)\d\d$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50}


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
    notes: frozenset[str]  # bracket or dash words we could not place
    subtitles: frozenset[str]  # unplaced words shaped like part of the song's name
    featured: tuple[str, ...]
    movement: str = ""  # a classical movement's numeral ("ii")
    movement_name: str = ""  # and its name ("andante con moto")


@lru_cache(maxsize=4096)  # a decision parses each title several times; titles are few
def parse_title(title: str, album: str | None = None) -> Title:
    """Split a track title into base, version descriptors, notes and featured artists."""
    title = unicodedata.normalize("NFKC", title)  # full-width brackets and dashes (（Live）)
    lead_match = _LEADING.match(title)
    lead = lead_match.group(1) if lead_match else ""
    rest = title[lead_match.end():] if lead_match else title
    head, *tails = _DASH.split(rest)
    brackets = _BRACKET.findall(head)
    head_text, open_featured = names.split_open_feat(names.fold(_BRACKET.sub(" ", head)))
    found = _Segments(list(open_featured))
    for index, raw in enumerate([*brackets, *tails]):
        found.read(raw, index < len(brackets), head)
    short = _parts(names.squash(" ".join([head_text, *found.base_extra])))
    base = names.squash(" ".join([names.fold(lead), short])) if lead else short
    movement = _MOVEMENT.search(title)
    return Title(base or names.squash(names.fold(title)), short,
                 _with_album(found.versions, album), frozenset(n for n in found.notes if n),
                 frozenset(s for s in found.subtitles if s), tuple(found.featured),
                 movement.group(1).lower() if movement else "",
                 names.squash(names.fold(movement.group(2))) if movement else "")


@dataclass
class _Segments:
    """What a title's bracket and dash segments say, read one at a time."""

    featured: list[str]
    versions: set[Descriptor] = field(default_factory=set)
    notes: set[str] = field(default_factory=set)
    subtitles: set[str] = field(default_factory=set)
    base_extra: list[str] = field(default_factory=list)  # part numbers belong to the name

    def read(self, raw: str, bracketed: bool, head: str) -> None:
        """Place one segment: a guest, a version, part of the song's name, or a note."""
        folded = names.fold(raw)
        found = names.featuring(folded)
        if found is not None:
            self.featured += found
            return
        kinds = classify(folded)
        if not kinds and _DATE.search(folded) and any(d.kind == "live" for d in self.versions):
            return  # "- Live: O2 Arena, London - December 10, 2007": the concert's date
        if not kinds:
            words = names.squash(folded)
            # "(Are Made of This)"; "- Spider-Man: Into the Spider-Verse" names a film
            subtitle = (bracketed and _phrase(words)) or ":" in raw
            (self.subtitles if subtitle or _other_script(words, head) else self.notes).add(words)
        elif kinds[0].kind == "part":
            self.base_extra.append(names.squash(folded))
        self.versions.update(Descriptor(k.kind, k.qualifier, raw.strip()) for k in kinds
                             if k.kind not in ("part", "neutral"))


def _parts(text: str) -> str:
    """'pts 1 5' and 'parts i v' alike: 'pt 1 5'."""
    found = _PARTS.search(text)
    if not found:
        return text
    numbers = [str(_roman(n)) if not n.isdigit() else n for n in found.group(1).split()]
    return f"{text[:found.start()]}pt {' '.join(numbers)}"


def _roman(numeral: str) -> int:
    values = [_ROMAN[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _phrase(words: str) -> bool:
    """A bracketed phrase of three words or more reads as part of the name ("(Are Made of
    This)"); tags are a word or two, or a list joined by 'and' ("(Chopped & Screwed)")."""
    split = words.split()
    return len(split) >= 3 and "and" not in split


def _other_script(words: str, head: str) -> bool:
    """The song's name written in another script: "IDOL (아이돌)"."""
    base = names.squash(names.fold(_BRACKET.sub(" ", head)))
    return bool(base) and names.other_script(words, base)


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
    """Two non-empty qualifiers name the same thing: a shared word and no conflicting year or
    kind of mix."""
    if a & _MIX_TYPES and b & _MIX_TYPES and a & _MIX_TYPES != b & _MIX_TYPES:
        return False
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
    notes: int  # unplaced words on one side only: perhaps another version
    subtitles: int = 0  # parts of the song's name on one side only: the same version

    @property
    def same(self) -> bool:
        """The same version, as far as the titles tell: nothing unexplained on one side."""
        return not (self.kinds or self.vague or self.notes)


def difference(heard: Title, offered: Title, credited: frozenset[str] = frozenset()
               ) -> Difference:
    """Compare the version descriptors of two parsed titles; unplaced words that only name
    `credited` artists (words of the song's artists' names) are credits, not versions."""
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
    unplaced = heard.notes ^ offered.notes
    credits = {n for n in unplaced if set(n.split()) - {"and"} <= credited}
    subtitles = heard.subtitles ^ offered.subtitles
    return Difference(kinds, vague, len(unplaced - credits), len(subtitles | credits))
