"""Button labels for a choice between versions: each names what sets its track apart."""

from __future__ import annotations

import re
from collections.abc import Sequence

from core import names
from core.models import Candidate, CatalogTrack
from core.texts import say
from core.versions import parse_title

_DASH = re.compile(r"\s+[-–—]\s+")
_BRACKET = re.compile(r"\s*[(\[]([^)\]]*)[)\]]")


def version_label(track: CatalogTrack) -> str:
    """'Original', or the version words of the title ('Sped Up Version', 'Joel Corry Remix')."""
    versions = sorted(parse_title(track.name, track.album).versions, key=lambda d: d.kind)
    words = []
    for version in versions:
        bare_live = version.kind == "live" and version.label.casefold() == "live"
        # Spotify often writes a bare "Live" and names the concert in the album.
        words.append(track.album if bare_live and track.album else version.label)
    return " · ".join(dict.fromkeys(words)) or say("label.original")


def song_name(track: CatalogTrack) -> str:
    """The title without its version suffix and brackets; a leading bracket stays, and so does
    one naming the song in another script ("사랑을 했다 (LOVE SCENARIO)")."""
    head = _DASH.split(track.name, maxsplit=1)[0]
    start = head.index(")") + 1 if head.startswith("(") and ")" in head else 0
    title = parse_title(track.name)

    def bracket(found: re.Match[str]) -> str:
        words = names.squash(names.fold(found.group(1)))
        other = words in title.subtitles and names.other_script(words, title.short)
        return found.group(0) if other else ""

    return (head[:start] + _BRACKET.sub(bracket, head[start:])).strip() or track.name


def choice_labels(candidates: Sequence[Candidate], limit: int | None = None) -> list[str]:
    """One label per candidate, what sets it apart first: 'Sped Up Version · Kill Bill — SZA'.
    Tracks of one version are told apart by their album and year, length and explicitness.
    With a `limit` (a platform's button length) the song's name is shortened, never what differs.
    """
    tracks = [c.track for c in candidates]
    versions = [version_label(t) for t in tracks]
    shared = len(set(versions)) == 1  # one version throughout: it tells nothing apart
    whats = []
    for track, version in zip(tracks, versions, strict=True):
        twins = [t for t, v in zip(tracks, versions, strict=True) if v == version and t != track]
        whats.append(" · ".join([*([] if shared else [version]), *_details(track, twins)]))
    labels = [_fitted(what, f"{song_name(t)} — {', '.join(t.artists)}", limit)
              for what, t in zip(whats, tracks, strict=True)]
    return _distinct(labels, whats, limit)


def _fitted(what: str, name: str, limit: int | None) -> str:
    label = f"{what} · {name}" if what else name
    if limit is None or len(label) <= limit:
        return label
    room = limit - len(what) - len(" · …")
    if what and room >= 8:  # enough of the name to recognise it
        return f"{what} · {name[:room].rstrip()}…"
    if len(what) < limit - 1:
        return label[: limit - 1] + "…"
    # What differs is too long itself: its end often tells ("…, December 2019" / "…, 2021").
    head = (limit - 1) // 2
    return f"{what[:head].rstrip()}…{what[head - limit + 1:]}"


def _distinct(labels: list[str], whats: list[str], limit: int | None) -> list[str]:
    """Labels cut alike are cut again around where their tracks differ; numbered if need be."""
    out = list(labels)
    for i, label in enumerate(labels):
        twins = [whats[j] for j, other in enumerate(labels)
                 if other == label and whats[j] != whats[i]]
        if twins and limit:
            at = min(next((n for n, (a, b) in enumerate(zip(whats[i], t, strict=False))
                           if a != b), min(len(whats[i]), len(t))) for t in twins)
            start = max(0, min(at - limit // 2, len(whats[i]) - limit + 2))
            piece = whats[i][start:start + limit - 2]
            cut = start + len(piece) < len(whats[i])
            out[i] = ("…" if start else "") + piece + ("…" if cut else "")
    # Nothing on them tells the tracks apart: their order does.
    return [_fitted("", f"{i + 1}. {label}", limit) if out.count(label) > 1 else label
            for i, label in enumerate(out)]


def _details(track: CatalogTrack, twins: list[CatalogTrack]) -> list[str]:
    """What tells a track from others of the same version (artists are always shown): its
    album and year, its length, its explicitness, each where some twin differs."""
    twins = [t for t in twins if set(t.artists) == set(track.artists)]
    if not twins:
        return []
    album = track.album if any(t.album != track.album for t in twins) else None
    year = track.year if any(t.year != track.year for t in twins) else None
    release = ", ".join(str(part) for part in (album, year) if part)
    length = track.duration_ms and any(t.duration_ms != track.duration_ms for t in twins)
    details = [*([release] if release else []), *([_length(track.duration_ms)] if length else [])]
    if not details or any(t.explicit != track.explicit for t in twins):
        details.append(say("label.explicit" if track.explicit else "label.clean"))
    return details


def _length(ms: int | None) -> str:
    seconds = round((ms or 0) / 1000)
    return f"{seconds // 60}:{seconds % 60:02d}"


def places(total: int) -> list[str]:
    """Where each of a message's `total` shares stands ("2/3"); "" for a message's only one.

    A share's place travels as data (in its choice buttons too), never read back from text.
    """
    return [f"{n}/{total}" if total > 1 else "" for n in range(1, total + 1)]


def place_label(place: str) -> str:
    """What a share's messages start with: "[2/3] ", or nothing."""
    return f"[{place}] " if place else ""
