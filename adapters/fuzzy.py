"""String similarity for matching, from rapidfuzz (fast, and better tested than our own)."""

from __future__ import annotations

from rapidfuzz import fuzz


def similarity(a: str, b: str) -> float:
    """Normalized Indel similarity of two normalized strings, 0..1."""
    if not a or not b:
        return 0.0
    return float(fuzz.ratio(a, b)) / 100.0
