"""String similarity for matching: rapidfuzz for speed, anyascii to compare across scripts.

anyascii (ISC licence, no dependencies, maintained) turns Cyrillic, Greek, Hangul, kana, Han
characters (as pinyin) and Arabic into Latin letters, so "Группа крови" meets "Gruppa Krovi" and
后来 meets 後來. Unidecode does the same job under the GPL and covers fewer scripts.
"""

from __future__ import annotations

import re

from anyascii import anyascii
from rapidfuzz import fuzz

_NOT_LETTER = re.compile(r"[^a-z0-9]")
_VOWELS = re.compile(r"[aeiouy]")
_REPEATS = re.compile(r"(.)\1+")


def similarity(a: str, b: str) -> float:
    """Normalized Indel similarity of two normalized strings, 0..1, across scripts too."""
    if not a or not b:
        return 0.0
    plain = fuzz.ratio(a, b) / 100.0
    if a.isascii() and b.isascii():
        return plain
    # Romanizations space words freely ("Hou Lai" / 后来 → "HouLai"): compare letters only.
    first, second = _latin(a), _latin(b)
    if not first or not second:
        return plain
    value = max(plain, fuzz.ratio(first, second) / 100.0)
    if _abjad(a) or _abjad(b):
        # Arabic and Hebrew spell no short vowels: compare the consonants ("hbyby" / "habibi").
        value = max(value, fuzz.ratio(_consonants(first), _consonants(second)) / 100.0)
    return value


def _latin(text: str) -> str:
    return _NOT_LETTER.sub("", anyascii(text).lower())


def _consonants(latin: str) -> str:
    return _REPEATS.sub(r"\1", _VOWELS.sub("", latin))


def _abjad(text: str) -> bool:
    return any("\u0590" <= c <= "\u06ff" for c in text)
