"""Whether a track is credited to the artists Shazam heard: main artist, missing and extra ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.names import normalize_artist

Similarity = Callable[[str, str], float]

# Two names at least this alike are one artist ("Luna Vail" / "Luna Vale", "P!nk" / "Pink").
SAME_ARTIST = 0.8


@dataclass(frozen=True)
class Credit:
    """How the credits of a track compare with the heard artists."""

    main: float  # how well the heard main artist is found on the track, 0..1
    missing: int  # heard artists the track does not credit
    extra: int  # artists on the track nobody heard (a remixer the title names is not extra)


def compare_credits(heard: Sequence[str], offered: Sequence[str], similarity: Similarity,
                    excused: frozenset[str] = frozenset(), same: float = SAME_ARTIST) -> Credit:
    """Compare heard artists (Shazam's, plus a title's 'feat.') with a track's artists."""
    mine = [n for n in (normalize_artist(a) for a in heard) if n]
    theirs = [n for n in (normalize_artist(a) for a in offered) if n]
    if not mine or not theirs:
        return Credit(0.0, len(mine), len(theirs))
    # "Simon & Garfunkel" or "Tyler, The Creator" may arrive split on one side, whole on the other.
    joined_heard, joined_offered = normalize_artist(", ".join(heard)), normalize_artist(
        ", ".join(offered))
    whole = similarity(joined_heard, joined_offered)
    if len(theirs) == 1:
        whole = max(whole, similarity(joined_heard, theirs[0]))
    if len(mine) == 1:
        whole = max(whole, similarity(mine[0], joined_offered))
    if whole >= max(0.9, same):
        return Credit(whole, 0, 0)
    main = max(similarity(mine[0], o) for o in theirs)
    missing = sum(1 for h in mine[1:] if not _credited(h, theirs, similarity, same))
    extra = sum(1 for o in theirs
                if not _credited(o, mine, similarity, same) and not set(o.split()) <= excused)
    return Credit(main, missing, extra)


def _credited(name: str, others: Sequence[str], similarity: Similarity, same: float) -> bool:
    return any(similarity(name, other) >= same for other in others)
