"""Which Spotify track is the song Shazam heard: pure comparison and the add / ask / not-found rule.

A track is added without asking only when it is the heard version of the heard song (or a copy of
that recording on another album). A heard version Spotify lacks means a question with the
nearest versions, or "not on Spotify": never a silent add of another version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from core.comparison import TITLE_DOUBT, compare, same_recording
from core.comparison import same_isrc as same_isrc  # the pipeline asks matching, not its parts
from core.models import Candidate, CatalogTrack, MusicHint, Recognition, Verdict
from core.names import normalize_artist
from core.versions import parse_title

# The winner must lead every other recording of the heard version by this much; closer, ask.
MARGIN = 0.08
# The same ISRC is the same recording: it outranks any amount of textual likeness.
ISRC_SCORE = 2.0
# How many candidates the person is offered when asked.
ASK_TOP = 3

Similarity = Callable[[str, str], float]


@dataclass(frozen=True)
class Decision:
    """The verdict and the candidates that back it, best first."""

    verdict: Verdict
    candidates: tuple[Candidate, ...]


def sequence_similarity(a: str, b: str) -> float:
    """Similarity of two normalized strings in 0..1 (standard library only)."""
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def score(recognition: Recognition, track: CatalogTrack, hint: MusicHint | None = None,
          similarity: Similarity = sequence_similarity) -> float:
    """How well `track` matches what was heard: 0 to about 1.1; ISRC_SCORE for the same ISRC."""
    found = compare(recognition, track, similarity)
    if found.isrc:
        return ISRC_SCORE
    value = found.fit - found.penalty
    if found.same_song:
        value += _hint_adjustment(hint, track, similarity)
    return max(0.0, value)


def _hint_adjustment(hint: MusicHint | None, track: CatalogTrack, similarity: Similarity
                     ) -> float:
    """The platform's own music tag agreeing with a track corroborates it."""
    if hint is None:
        return 0.0
    if similarity(parse_title(hint.title).base, parse_title(track.name).base) < TITLE_DOUBT:
        return 0.0
    offered = {normalize_artist(a) for a in track.artists}
    return 0.1 if any(normalize_artist(h) in offered for h in hint.artists) else 0.03


def rank(recognition: Recognition, tracks: Iterable[CatalogTrack], hint: MusicHint | None = None,
         similarity: Similarity = sequence_similarity) -> list[Candidate]:
    """Unique tracks as candidates, best first; popularity, then the URI, break ties."""
    unique = {t.uri: t for t in tracks}
    scored = [Candidate(t, round(score(recognition, t, hint, similarity), 4))
              for t in unique.values()]
    return sorted(scored, key=lambda c: (-c.score, -c.track.popularity, c.track.uri))


def decide(recognition: Recognition, candidates: list[Candidate],
           similarity: Similarity = sequence_similarity) -> Decision:
    """Add the heard version when one recording of it clearly leads; else ask, or not found."""
    found = [(c, compare(recognition, c.track, similarity)) for c in candidates]
    by_isrc = [c for c, k in found if k.isrc]
    if by_isrc:
        return Decision(Verdict.MATCHED, (by_isrc[0],))
    heard = _recordings([c for c, k in found if k.heard_version], similarity)
    if heard and (len(heard) == 1 or heard[0].score - heard[1].score >= MARGIN):
        return Decision(Verdict.MATCHED, (heard[0],))
    others = sorted(((c, k) for c, k in found if k.same_song and not k.heard_version),
                    key=lambda ck: (ck[1].version.kinds + ck[1].version.vague, -ck[0].score))
    offered = heard + _recordings([c for c, _ in others], similarity)
    if not offered:
        return Decision(Verdict.NOT_ON_SPOTIFY, ())
    return Decision(Verdict.AMBIGUOUS, tuple(offered[:ASK_TOP]))


def _recordings(candidates: list[Candidate], similarity: Similarity) -> list[Candidate]:
    """One candidate per recording, in the given order: copies on other albums are left out."""
    kept: list[Candidate] = []
    for candidate in candidates:
        if not any(same_recording(k.track, candidate.track, similarity) for k in kept):
            kept.append(candidate)
    return kept


def search_queries(recognition: Recognition) -> list[str]:
    """Spotify queries from most to least precise: ISRC, then fields, then free text.

    The free text keeps the heard version's words, so a remix or live recording that a plain
    title search would rank below the tenth result is still found.
    """
    title = parse_title(recognition.title)
    base = (title.base or recognition.title).replace('"', "")
    artist = recognition.artists[0] if recognition.artists else ""
    queries = [f"isrc:{recognition.isrc}"] if recognition.isrc else []
    if artist:
        queries.append(f'track:"{base}" artist:"{artist.replace(chr(34), "")}"')
    words = " ".join(sorted(d.label for d in title.versions))
    queries.append(" ".join(p for p in (base, words, artist) if p))
    return queries

