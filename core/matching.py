"""Which Spotify track is the song Shazam heard: pure scoring and the add / ask / not-found rule."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher

from core.models import Candidate, CatalogTrack, MusicHint, Recognition, Verdict

# Add without asking when the best candidate scores at least this: title and artist agree.
CONFIDENT = 0.85
# ...and leads the runner-up by at least this much; closer than that, the person picks.
MARGIN = 0.08
# Below this even the best candidate is another song: "not on Spotify".
FLOOR = 0.6
# Titles less alike than this are probably another song ("Midnight Drive" / "Midnight Train").
TITLE_DOUBT = 0.8
# Artists less alike than this are another act (the same title by someone else).
ARTIST_DOUBT = 0.5
# The same ISRC is the same recording: it outranks any amount of textual likeness.
ISRC_SCORE = 2.0
# How many candidates the person is offered when asked.
ASK_TOP = 3

VERSION_WORDS = ("remix", "live", "acoustic", "sped up", "slowed", "reverb", "karaoke",
                 "instrumental", "cover", "8d", "nightcore", "edit")

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


_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "´": "'", "`": "'"})
_FEAT = re.compile(r"[(\[]?\s*\b(?:feat\.?|ft\.?|featuring|with)\s+[^)\]]*[)\]]?", re.IGNORECASE)
_BRACKETS = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_DASH_SUFFIX = re.compile(r"\s+[-–—]\s+.*$")
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.translate(_QUOTES))
    kept = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", kept).casefold()


def normalize_title(title: str) -> str:
    """A title without featured artists, version suffixes, accents, case or punctuation."""
    text = _FEAT.sub(" ", _fold(title))
    text = _DASH_SUFFIX.sub("", _BRACKETS.sub("", text))
    return _squash(text)


def normalize_artist(artist: str) -> str:
    """An artist name without case, accents, punctuation or a leading 'The'."""
    text = _squash(_fold(artist))
    return text.removeprefix("the ") if text != "the" else text


def _squash(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.replace("'", "")).split())


def version_words(title: str) -> frozenset[str]:
    """The version markers (remix, live, sped up, ...) a title carries."""
    folded = _squash(_fold(title))
    return frozenset(w for w in VERSION_WORDS if re.search(rf"\b{w}\b", folded))


def featured_artists(title: str) -> tuple[str, ...]:
    """Artists named in a title's 'feat.' part."""
    match = _FEAT.search(_fold(title))
    if not match:
        return ()
    names = re.sub(r"^[(\[]?\s*(?:feat\.?|ft\.?|featuring|with)\s+", "", match.group().strip())
    return tuple(n.strip() for n in re.split(r",|&| and ", names.rstrip(")] ")) if n.strip())


def same_recording(recognition: Recognition, track: CatalogTrack) -> bool:
    """True when both carry the same ISRC."""
    return bool(recognition.isrc and track.isrc
                and recognition.isrc.upper() == track.isrc.upper())


def score(
    recognition: Recognition,
    track: CatalogTrack,
    hint: MusicHint | None = None,
    similarity: Similarity = sequence_similarity,
) -> float:
    """How well `track` matches what was heard: 0 to about 1.2; ISRC_SCORE for the same ISRC."""
    if same_recording(recognition, track):
        return ISRC_SCORE
    title = similarity(normalize_title(recognition.title), normalize_title(track.name))
    artist = _artist_similarity(recognition, track, similarity)
    value = 0.55 * title + 0.45 * artist
    value -= 0.35 if title < TITLE_DOUBT else 0.0
    value -= 0.3 if artist < ARTIST_DOUBT else 0.0
    heard, offered = version_words(recognition.title), version_words(track.name)
    value -= 0.25 * len(offered - heard)
    value -= 0.15 * len(heard - offered)
    value += 0.05 * len(offered & heard)
    value += _duration_adjustment(recognition.duration_ms, track.duration_ms)
    if title >= TITLE_DOUBT and artist >= ARTIST_DOUBT:
        value += _hint_adjustment(hint, track, similarity)
    return max(0.0, value)


def _artist_similarity(recognition: Recognition, track: CatalogTrack, similarity: Similarity
                       ) -> float:
    heard = [normalize_artist(a) for a in recognition.artists]
    heard += [normalize_artist(a) for a in featured_artists(recognition.title)]
    offered = [normalize_artist(a) for a in track.artists]
    offered += [normalize_artist(a) for a in featured_artists(track.name)]
    if not heard or not offered:
        return 0.0
    # The main artist matters most; a featured one found anywhere is a small bonus.
    main = max(similarity(heard[0], o) for o in offered)
    # "Simon & Garfunkel" may arrive split in two on one side and whole on the other.
    whole = similarity(" ".join(heard), " ".join(offered))
    if len(heard) == 1:
        return max(main, whole)
    rest = sum(max(similarity(h, o) for o in offered) for h in heard[1:]) / (len(heard) - 1)
    return max(0.8 * main + 0.2 * rest, whole)


def _hint_adjustment(hint: MusicHint | None, track: CatalogTrack, similarity: Similarity
                     ) -> float:
    """The platform's own music tag agreeing with a track corroborates it."""
    if hint is None or similarity(normalize_title(hint.title), normalize_title(track.name)) < 0.8:
        return 0.0
    offered = {normalize_artist(a) for a in track.artists}
    if any(normalize_artist(h) in offered for h in hint.artists):
        return 0.1
    return 0.03


def _duration_adjustment(heard_ms: int | None, offered_ms: int | None) -> float:
    if not heard_ms or not offered_ms:
        return 0.0
    gap = abs(heard_ms - offered_ms) / max(heard_ms, offered_ms)
    if gap <= 0.03:
        return 0.05
    return -0.1 if gap > 0.15 else 0.0


def rank(
    recognition: Recognition,
    tracks: Iterable[CatalogTrack],
    hint: MusicHint | None = None,
    similarity: Similarity = sequence_similarity,
) -> list[Candidate]:
    """Unique tracks as candidates, best first (popularity breaks ties)."""
    unique = {t.uri: t for t in tracks}
    scored = [Candidate(t, round(score(recognition, t, hint, similarity), 4))
              for t in unique.values()]
    return sorted(scored, key=lambda c: (-c.score, -c.track.popularity))


def decide(recognition: Recognition, candidates: list[Candidate]) -> Decision:
    """Add the clear winner, ask among close ones, or say Spotify does not have it."""
    plausible = [c for c in candidates if c.score >= FLOOR]
    if not plausible:
        return Decision(Verdict.NOT_ON_SPOTIFY, ())
    best = plausible[0]
    runner_up = plausible[1].score if len(plausible) > 1 else 0.0
    if same_recording(recognition, best.track) or (
            best.score >= CONFIDENT and best.score - runner_up >= MARGIN):
        return Decision(Verdict.MATCHED, (best,))
    return Decision(Verdict.AMBIGUOUS, tuple(plausible[:ASK_TOP]))


def search_queries(recognition: Recognition) -> list[str]:
    """Spotify queries from most to least precise: ISRC, then fields, then free text."""
    title = normalize_title(recognition.title) or recognition.title
    artist = recognition.artists[0] if recognition.artists else ""
    queries = [f"isrc:{recognition.isrc}"] if recognition.isrc else []
    plain_title = title.replace('"', "")
    if artist:
        queries.append(f'track:"{plain_title}" artist:"{artist.replace(chr(34), "")}"')
    queries.append(f"{plain_title} {artist}".strip())
    return queries
