"""Matching a client's peaks against the reference peaks of every song."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from sandbox.shazam.signature import SECONDS_PER_PASS, Peaks

WEAK_MAGNITUDE = 22_000  # lossy codecs add many peaks below this: they get no weight
FREQUENCY_TOLERANCE = 8  # corrected bins, about 1 Hz
OFFSET_BIN = 4  # FFT passes (32 ms) per histogram bin
MIN_SCORE = 0.4  # the share of the query's weight that must line up with one song
MIN_PEAKS = 6
_AMBIGUITY = 0.9  # offsets scoring this close to the best are repeats: report the earliest


@dataclass(frozen=True)
class Match:
    """A song found in a query, where it starts and how well it lines up."""

    key: str
    offset: float  # seconds into the song where the query starts
    time_skew: float
    frequency_skew: float
    score: float


class _Reference:
    """One song's peaks sorted by frequency, for range look-ups."""

    def __init__(self, peaks: Peaks) -> None:
        order = np.argsort(peaks.bins, kind="stable")
        self.bins = peaks.bins[order]
        self.passes = peaks.passes[order]


class Index:
    """Every catalogue song's reference peaks; finds which song a query is, and where."""

    def __init__(self, references: Iterable[tuple[str, Peaks]]) -> None:
        self._songs = {key: _Reference(peaks) for key, peaks in references}

    def best_match(self, query: Peaks) -> Match | None:
        """The song the query lines up with best, or None under the score threshold."""
        weights = np.clip(query.magnitudes - WEAK_MAGNITUDE, 0, None).astype(np.float64)
        if len(query) < MIN_PEAKS or weights.sum() <= 0:
            return None
        found = (_align(key, song, query, weights) for key, song in self._songs.items())
        best = max((match for match in found if match is not None), key=lambda m: m.score,
                   default=None)
        return best if best is not None and best.score >= MIN_SCORE else None


def _pairs(song: _Reference, query: Peaks) -> tuple[np.ndarray, np.ndarray]:
    """(query index, reference index) of every peak pair close enough in frequency."""
    low = np.searchsorted(song.bins, query.bins - FREQUENCY_TOLERANCE, "left")
    high = np.searchsorted(song.bins, query.bins + FREQUENCY_TOLERANCE, "right")
    counts = high - low
    query_index = np.repeat(np.arange(len(query)), counts)
    starts = np.repeat(low - (np.cumsum(counts) - counts), counts)
    return query_index, starts + np.arange(counts.sum())


def _align(key: str, song: _Reference, query: Peaks, weights: np.ndarray) -> Match | None:
    """The best offset of the query in one song: a histogram of reference - query time."""
    query_index, song_index = _pairs(song, query)
    if len(query_index) == 0:
        return None
    delta = song.passes[song_index] - query.passes[query_index]
    slot = delta // OFFSET_BIN
    first = slot.min()
    votes = np.bincount(slot - first, weights=weights[query_index])
    votes[:-1] += votes[1:]  # a peak near a slot edge counts in either neighbour
    best = int(np.flatnonzero(votes >= _AMBIGUITY * votes.max())[0]) + first
    chosen = (slot == best) | (slot == best + 1)
    matched = np.unique(query_index[chosen])
    if len(matched) < MIN_PEAKS:
        return None
    score = float(weights[matched].sum() / weights.sum())
    return _described(key, song, query, query_index[chosen], song_index[chosen], score)


def _described(
    key: str, song: _Reference, query: Peaks, query_index: np.ndarray, song_index: np.ndarray,
    score: float,
) -> Match:
    """Offset and skews of the aligned peak pairs."""
    query_time = query.passes[query_index].astype(np.float64)
    song_time = song.passes[song_index].astype(np.float64)
    offset = float(np.median(song_time - query_time)) * SECONDS_PER_PASS
    ratio = query.bins[query_index] / song.bins[song_index]
    return Match(
        key, round(max(offset, 0.0), 6), _time_skew(query_time, song_time),
        float(np.median(ratio) - 1), score,
    )


def _time_skew(query_time: np.ndarray, song_time: np.ndarray) -> float:
    """How much faster the reference runs than the query: a median of pairwise slopes.

    A median (Theil-Sen) rather than least squares: lossy codecs move single peaks by a
    pass, which on a short clip would read as a skew the audio does not have.
    """
    first, second = np.triu_indices(len(query_time), k=1)
    span = query_time[second] - query_time[first]
    apart = span >= 1 / SECONDS_PER_PASS  # pairs at least a second apart
    if not apart.any():
        return 0.0
    slopes = (song_time[second] - song_time[first])[apart] / span[apart]
    return float(np.median(slopes) - 1)
