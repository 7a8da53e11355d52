"""Whether two artist names are one act: by the shape of the names, never by a name itself.

Spotify fills its gaps with acts named after others ("Coldplay Tribute", "Band Aid 30",
"Nightcore Reality" beside "Nightcore Kings"), so names that share most letters are not enough.
Words one name has around the other's make a different act, unless they are a band join of the
same act ("Bob Marley & The Wailers", "Florence + The Machine"); another artist joined by a
conjunction ("Queen + Adam Lambert") or an ensemble joined as a band ("<Artist> & The Royal
Philharmonic Orchestra", an overdubbed re-recording) is a collaboration: perhaps the song, never
added unasked. Names alike but not equal once case, accents, joins and punctuation are set aside
("The Weekend" / "The Weeknd") are perhaps a typo, perhaps a knock-off: worth asking, not adding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from core import names

Similarity = Callable[[str, str], float]

SAME_KEY = 0.95  # "Tyler, The Creator" / "Tyler The Creator": one name written two ways
# "<Artist> & The <Band>": the same act, though the exact name leads it by core.matching.MARGIN
BAND_JOIN = 0.8
COLLABORATION = 0.6  # "<Artist> + <Someone>": the act with another; worth asking, not adding
ALIKE = 0.6  # "vail" / "vale", "king" / "kings": a typo or a knock-off; worth asking, not adding
OTHER_ACT = 0.3  # "<Artist> Tribute", "<Channel> Kings" / "<Channel> Reality"
SAME_WORD = 0.75  # "vail" / "vale" may be a typo; "songs" / "sounds" (0.73) another word
_JOINS = re.compile(r"\s*(?:&|\+|,)\s*|\s+(?:x|with|feat\.?|ft\.?)\s+")
_BAND = re.compile(r"^and (?:the|his|her|their) \S")
_WITH = re.compile(r"^(?:and|with|x|feat|ft) \S")
_AS_S = re.compile(r"\$(?=\w)")
_AS_I = re.compile(r"(?<=\w)!(?=\w)")
_ENSEMBLE = re.compile(r"\b(?:orchestra|philharmoni\w*|symphon\w*|sinfoni\w*|choir|chorus|"
                       r"ensemble|quartet|strings|chamber|singers)\b")


def words(artist: str) -> str:
    """A name's words with its joins kept as 'and' ("Bob Marley & The Wailers" → "bob marley
    and the wailers"), without a leading 'The'."""
    text = names.squash(_JOINS.sub(" and ", names.fold(artist)).replace("&", " and "))
    return text.removeprefix("the ") if text != "the" else text


def key(artist: str) -> str:
    """A name with its joins and spaces left out, to recognise a name split at a comma or '&'."""
    return "".join(w for w in words(artist).split() if w not in ("and", "the"))


def act_similarity(a: str, b: str, similarity: Similarity) -> float:
    """How alike two raw artist names are as acts, 0..1 (see the module's rule)."""
    a, b = _spelled(a), _spelled(b)
    first, second = words(a), words(b)
    value = similarity(names.normalize_artist(a), names.normalize_artist(b))
    if key(a) == key(b) and key(a):
        return max(value, 1.0 if first == second else SAME_KEY)
    if names.scripts(first) != names.scripts(second) or not first or not second:
        return value  # another script: the letters are all there is to compare
    short, long = sorted((first, second), key=len)
    if long.startswith(short + " "):
        tail = long[len(short) + 1:]
        if _BAND.match(tail):
            return COLLABORATION if _ENSEMBLE.search(tail) else BAND_JOIN
        return COLLABORATION if _WITH.match(tail) else OTHER_ACT
    if _other_words(first.split(), second.split(), similarity):
        return min(value, OTHER_ACT)
    return value if value >= 1.0 or _initials(first, second) else min(value, ALIKE)


def _spelled(artist: str) -> str:
    """Symbols written for letters spelled out: "Ke$ha" / "Kesha", "P!nk" / "Pink"."""
    return _AS_I.sub("i", _AS_S.sub("s", artist))


def _other_words(first: list[str], second: list[str], similarity: Similarity) -> bool:
    """Words on one side with no near twin on the other ("Kings" / "Reality", "20" / "30");
    a mistyped word ("Vail" / "Vale", "Bay" / "Bays") is the same word."""
    if len(first) != len(second):
        return True
    return any(x != y and not _initial(x, y) and (
        x.isdigit() or y.isdigit() or similarity(x, y) < SAME_WORD)
        for x, y in zip(first, second, strict=True))


def _initials(first: str, second: str) -> bool:
    """The names differ only where one writes the other's initial ("L. Vale" / "Luna Vale")."""
    pairs = zip(first.split(), second.split(), strict=False)
    return all(x == y or _initial(x, y) for x, y in pairs)


def _initial(a: str, b: str) -> bool:
    """"L. Vale" / "Luna Vale": one word is the other's initial."""
    short, long = sorted((a, b), key=len)
    return len(short) == 1 and short.isalpha() and long.startswith(short)


def merged(parts: Sequence[str], wholes: Sequence[str]) -> list[str]:
    """Neighbouring parts that make up one of `wholes` joined again ("Tyler", "The Creator" →
    "Tyler, The Creator"); repeated names (a guest in the title and the credits) once."""
    known = {key(w) for w in wholes}
    out: list[str] = []
    start = 0
    while start < len(parts):
        end = next((end for end in range(len(parts), start + 1, -1)
                    if "".join(key(p) for p in parts[start:end]) in known), start + 1)
        out.append(", ".join(parts[start:end]))
        start = end
    unique: dict[str, str] = {}
    for name in out:
        unique.setdefault(key(name) or name, name)
    return list(unique.values())
