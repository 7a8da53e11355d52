"""Whether a track is credited to the artists Shazam heard: main artist, missing and extra ones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from core.acts import act_similarity, merged
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
    # "Tyler, The Creator" or "Earth, Wind & Fire" may arrive split on one side, whole on the
    # other; a guest named in the title and in the credits counts once.
    mine = merged([a for a in heard if normalize_artist(a)], offered)
    theirs = merged([a for a in offered if normalize_artist(a)], mine)
    if not mine or not theirs:
        return Credit(0.0, len(mine), len(theirs))

    def alike(a: str, b: str) -> float:
        return act_similarity(a, b, similarity)

    whole = alike(", ".join(mine), ", ".join(theirs))
    if whole >= max(0.9, same):
        return Credit(whole, 0, 0)
    main = max(alike(mine[0], o) for o in theirs)
    missing = sum(1 for h in mine[1:] if not _credited(h, theirs, alike, same))
    extra = sum(1 for o in theirs if not _credited(o, mine, alike, same)
                and not set(normalize_artist(o).split()) - {"the", "and"} <= excused)
    return Credit(main, missing, extra)


def _credited(name: str, others: Sequence[str], similarity: Similarity, same: float) -> bool:
    return any(similarity(name, other) >= same for other in others)
