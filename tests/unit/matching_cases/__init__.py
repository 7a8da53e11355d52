"""The decision table for matching: realistic Shazam answers against Spotify search results.

Each case names what Shazam heard, what Spotify offered, the verdict a careful person would
reach, and the track(s) that verdict must carry: for an add, the tracks any of which is right
(copies of one recording); for a question, the tracks that must be among the buttons.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.models import CatalogTrack, MusicHint, Recognition, Verdict

MATCHED, AMBIGUOUS, NONE = Verdict.MATCHED, Verdict.AMBIGUOUS, Verdict.NOT_ON_SPOTIFY

RIGHT, ASKED_NEEDLESSLY, WRONG_SILENT_ADD, MISSED = (
    "right", "asked needlessly", "wrong silent add", "missed")


def t(uri: str, name: str, *artists: str, isrc: str | None = None, ms: int | None = None,
      pop: int = 50, album: str | None = None, explicit: bool = False,
      year: int | None = None, kind: str | None = None) -> CatalogTrack:
    """A Spotify track as search returns it; `kind` is its album's album_type."""
    return CatalogTrack(f"spotify:track:{uri}", name, artists, album, ms, pop, isrc, explicit,
                        year=year, album_type=kind)


def heard(title: str, *artists: str, isrc: str | None = None, album: str | None = None,
          ms: int | None = None) -> Recognition:
    """What Shazam answered (its parser never fills a duration; old cases may pass one)."""
    return Recognition(title, artists, album=album, isrc=isrc, duration_ms=ms)


def said(title: str, subtitle: str, *, isrc: str | None = None, album: str | None = None
         ) -> Recognition:
    """What Shazam answered, read by Stash's own parser from Shazam's title and subtitle."""
    from adapters.recognition.shazam import parse_answer

    sections = [{"type": "SONG", "metadata": [{"title": "Album", "text": album}]}] if album else []
    track = {"key": "1", "title": title, "subtitle": subtitle, "isrc": isrc, "sections": sections}
    recognition = parse_answer({"matches": [{"id": "1"}], "track": track})
    assert recognition is not None
    return recognition


@dataclass(frozen=True)
class Case:
    """One row: heard, offered, the right verdict and the track(s) it must carry."""

    name: str
    recognition: Recognition
    candidates: tuple[CatalogTrack, ...]
    verdict: Verdict
    expect: tuple[CatalogTrack, ...] = ()
    hint: MusicHint | None = None
    # Romanized against native script: needs the transliterating similarity of adapters/.
    scripts: bool = False
    # Which shape of the catalogue the row stands for (issue 25's seven); the bench groups by it.
    shape: str = "issue 13"


def judge(case: Case, verdict: Verdict, offered: tuple[CatalogTrack, ...]) -> str:
    """How a decision fares against the row: right, asked needlessly, wrong silent add, missed."""
    if verdict is MATCHED:
        right = case.verdict is MATCHED and offered[:1] and offered[0] in case.expect
        return RIGHT if right else WRONG_SILENT_ADD
    if verdict is AMBIGUOUS and case.verdict is AMBIGUOUS:
        return RIGHT if all(track in offered for track in case.expect) else MISSED
    if verdict is AMBIGUOUS:
        # An add was right: a question still helps when one of its buttons is that recording.
        fits = case.verdict is NONE or any(track in offered for track in case.expect)
        return ASKED_NEEDLESSLY if fits else MISSED
    return RIGHT if case.verdict is NONE else MISSED


def all_cases() -> list[Case]:
    """Every row of the table."""
    from tests.unit.matching_cases import (
        artists,
        basics,
        copies,
        credited_names,
        duplicates,
        held_out,
        isrc_twins,
        lesser,
        other_acts,
        reviewed,
        scripts,
        tags,
        two_scripts,
        unplaced,
        versions,
    )

    return [*basics.CASES, *versions.CASES, *artists.CASES, *scripts.CASES, *duplicates.CASES,
            *held_out.CASES, *unplaced.CASES, *other_acts.CASES, *isrc_twins.CASES,
            *copies.CASES, *two_scripts.CASES, *credited_names.CASES, *tags.CASES,
            *lesser.CASES, *reviewed.CASES]


def held_out_cases() -> list[Case]:
    """Issue 25's held-out rows: written before the matcher changed, never tuned against."""
    from tests.unit.matching_cases import held_out_25

    return list(held_out_25.CASES)


def reviewed_held_out_cases() -> list[Case]:
    """Rows written for the review of issue 25's matcher before its fixes, never tuned against."""
    from tests.unit.matching_cases import held_out_review

    return list(held_out_review.CASES)
