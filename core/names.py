"""Names as matching compares them: folded case and accents, punctuation, featured artists."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})
# Dropped inside a word ("P!nk", "M.I.A.", "Don't"); other punctuation separates words.
_SILENT = re.compile(r"['.!?$*]")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_FEATURING = re.compile(r"^(?:feat\.?|ft\.?|featuring|with)\s+(.+)$")
# Only an explicit feat./ft. may sit in the open title: "With or Without You" is a title.
_OPEN_FEAT = re.compile(r"\s+(?:feat\.?|ft\.?|featuring)\s+(.+)$")
_NAME_SPLIT = re.compile(r"\s*,\s*|\s+&\s+|\s+and\s+|\s+x\s+")


def fold(text: str) -> str:
    """Compatibility forms, no accents, one kind of quote, case-folded."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    kept: list[str] = []
    for char in decomposed:
        # Marks on Latin, Greek or Cyrillic letters are accents; on kana ("ド" = "ト" + ゙) or
        # Devanagari they are part of the letter.
        if unicodedata.combining(char) and kept and _accented(kept[-1]):
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept)).casefold()


def _accented(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").split(" ")[0] in (
        "LATIN", "GREEK", "CYRILLIC")


def squash(text: str) -> str:
    """Words only, single-spaced ('&' read as 'and')."""
    text = _SILENT.sub("", text.replace("&", " and "))
    return " ".join(_PUNCT.sub(" ", text).split())


def normalize_artist(artist: str) -> str:
    """An artist name without case, accents, punctuation or a leading 'The'."""
    folded = fold(artist)
    text = squash(folded.replace("&", " "))
    if not text:  # a name made of symbols only ("¥$") is its symbols
        return "".join(folded.split())
    return text.removeprefix("the ") if text != "the" else text


def featuring(segment: str) -> tuple[str, ...] | None:
    """The artists a folded bracket or dash segment features, or None when it features none."""
    match = _FEATURING.match(segment.strip())
    if not match:
        return None
    return tuple(n.strip() for n in _NAME_SPLIT.split(match.group(1)) if n.strip())


def split_open_feat(folded: str) -> tuple[str, tuple[str, ...]]:
    """A folded title without an unbracketed 'feat. X' tail, and the artists it names."""
    match = _OPEN_FEAT.search(folded)
    if not match:
        return folded, ()
    names = tuple(n.strip() for n in _NAME_SPLIT.split(match.group(1)) if n.strip())
    return folded[: match.start()], names


def scripts(text: str) -> frozenset[str]:
    """The writing systems of a text's letters: latin, han, kana, hangul, cyrillic, ..."""
    found = set()
    for char in text:
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if "CJK" in name:
            found.add("han")
        elif "HIRAGANA" in name or "KATAKANA" in name:
            found.add("kana")
        else:
            found.add(name.split(" ")[0].lower())
    return frozenset(found)


def other_script(a: str, b: str) -> bool:
    """True when one text is in Latin letters and the other in another script."""
    first, second = scripts(a), scripts(b)
    return bool(first and second) and (first == {"latin"}) != (second == {"latin"})


def split_scripts(text: str) -> tuple[str, ...]:
    """'봄날 Spring Day' → ('봄날', 'spring day'): a title that carries two names gives both."""
    latin = " ".join(w for w in text.split() if scripts(w) <= {"latin"})
    native = " ".join(w for w in text.split() if not scripts(w) <= {"latin"})
    return (latin, native) if latin and native else ()
