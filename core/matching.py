"""Which Spotify track is the song Shazam heard: pure comparison and the add / ask / not-found rule.

A track is added without asking only when it is the heard version of the heard song (or a copy of
that recording on another album). A heard version Spotify lacks means a question with the
nearest versions, or "not on Spotify": never a silent add of another version.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from core import hints, releases
from core.comparison import Comparison, compare, same_recording
from core.models import Candidate, CatalogTrack, MusicHint, Recognition, Verdict
from core.names import other_script
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
        value += hints.adjustment(hint, recognition, track, similarity)
    return max(0.0, value)


def rank(recognition: Recognition, tracks: Iterable[CatalogTrack], hint: MusicHint | None = None,
         similarity: Similarity = sequence_similarity) -> list[Candidate]:
    """Unique tracks as candidates, best first; popularity, then the URI, break ties."""
    unique = {t.uri: t for t in tracks}
    scored = [Candidate(t, round(score(recognition, t, hint, similarity), 4))
              for t in unique.values()]
    return sorted(scored, key=lambda c: (-c.score, -c.track.popularity, c.track.uri))


def decide(recognition: Recognition, candidates: list[Candidate],
           similarity: Similarity = sequence_similarity, hint: MusicHint | None = None
           ) -> Decision:
    """Add the heard version when one recording of it clearly leads; else ask, or not found."""
    found = [(c, compare(recognition, c.track, similarity)) for c in candidates]

    def recordings(chosen: list[Candidate]) -> list[Candidate]:
        return _recordings(chosen, recognition, similarity)

    by_isrc = [c for c, k in found if k.isrc]
    if by_isrc:
        return Decision(Verdict.MATCHED, (recordings(by_isrc)[0],))
    heard = recordings([c for c, k in found if k.heard_version])
    others = _other_versions(found)
    tag = hints.says(hint, recognition, similarity)
    tagged = [c for c, k in found if k.same_song and hints.fits(hint, c.track, similarity)]
    if tagged and tag is hints.Tag.SHARPENS:
        heard = recordings(tagged)
    elif tag is hints.Tag.DIFFERS and tagged and not all(c in tagged for c in heard):
        return _ask(recordings([*tagged, *heard, *others]))
    extra = {c.track.uri: k.credit.extra for c, k in found}
    if heard and _leads(heard, extra):
        return Decision(Verdict.MATCHED, (heard[0],))
    return _ask(recordings([*heard, *others]))


def _other_versions(found: list[tuple[Candidate, Comparison]]) -> list[Candidate]:
    """The heard song in other versions, the nearest versions first, then by score."""
    others = [(c, k) for c, k in found if k.same_song and not k.heard_version]
    others.sort(key=lambda ck: (ck[1].version.kinds + ck[1].version.vague, -ck[0].score))
    return [c for c, _ in others]


def _leads(heard: list[Candidate], extra: dict[str, int]) -> bool:
    """One recording of the heard version leads the others by MARGIN, and not merely by
    crediting fewer artists nobody heard (performances of a movement heard with its composer)."""
    if len(heard) == 1:
        return True
    return heard[0].score - heard[1].score >= MARGIN and not extra[heard[0].track.uri]


def _ask(offered: list[Candidate]) -> Decision:
    """A question with the best few, or not on Spotify when nothing is near."""
    if not offered:
        return Decision(Verdict.NOT_ON_SPOTIFY, ())
    return Decision(Verdict.AMBIGUOUS, tuple(offered[:ASK_TOP]))


def _recordings(candidates: list[Candidate], recognition: Recognition, similarity: Similarity
                ) -> list[Candidate]:
    """One candidate per recording, in the given order, each the copy of the release heard
    (core.releases) with the best score among its copies."""
    kept: list[Candidate] = []
    for candidate in candidates:
        twin = next((i for i, k in enumerate(kept)
                     if same_recording(k.track, candidate.track, similarity)), None)
        if twin is None:
            kept.append(candidate)
        elif (releases.preference(candidate.track, recognition.album)
              < releases.preference(kept[twin].track, recognition.album)):
            kept[twin] = Candidate(candidate.track, kept[twin].score)
    return kept


def confirmed_isrc(recognition: Recognition, track: CatalogTrack, similarity: Similarity
                   ) -> bool:
    """The track carries the heard ISRC and nothing in it contradicts what was heard."""
    return compare(recognition, track, similarity).isrc


def search_queries(recognition: Recognition) -> list[str]:
    """Spotify queries from most to least precise: ISRC, then fields, then free text.

    Fields are asked with Shazam's whole credit too when its split differs ("Tyler, The
    Creator", not "Tyler"), and with a title's name in the other script ("밤편지 (Through the
    Night)" → "through the night"). The free text keeps the heard version's words, so a remix or
    live recording that a plain title search would rank below the tenth result is still found.
    """
    title = parse_title(recognition.title)
    base = _unquoted(title.base or recognition.title)
    artist = _unquoted(recognition.artists[0]) if recognition.artists else ""
    credit = _unquoted(recognition.credit or "")
    queries = [f"isrc:{recognition.isrc}"] if recognition.isrc else []
    if artist:
        songs = [base, *(_unquoted(s) for s in title.subtitles if other_script(s, title.short))]
        queries += [f'track:"{song}" artist:"{artist}"' for song in songs]
        if credit and credit != artist:
            queries.append(f'track:"{base}" artist:"{credit}"')
    words = " ".join(sorted(d.label for d in title.versions))
    queries.append(" ".join(p for p in (base, words, artist) if p))
    return queries


def _unquoted(text: str) -> str:
    return text.replace('"', "")
