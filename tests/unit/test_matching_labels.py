"""The buttons of 'Which one is it?' name what sets each version apart."""

from __future__ import annotations

from core.labels import choice_labels, version_label
from core.models import Candidate, CatalogTrack
from tests.unit.matching_cases import t
from tests.unit.matching_cases.versions import BH, BH_FE, BH_JC, BR, BR_MTL, BR_WEM, KB, KB_SPED


def labels(*tracks: CatalogTrack) -> list[str]:
    return choice_labels([Candidate(track, 1.0) for track in tracks])


def test_each_version_is_named_first() -> None:
    assert labels(KB, KB_SPED) == ["Original · Kill Bill — SZA",
                                   "Sped Up Version · Kill Bill — SZA"]


def test_remixes_are_named_by_their_remixer() -> None:
    assert labels(BH, BH_JC, BH_FE) == [
        "Original · Bad Habits — Ed Sheeran",
        "Joel Corry Remix · Bad Habits — Ed Sheeran, Joel Corry",
        "Fumez The Engineer Remix · Bad Habits — Ed Sheeran, Fumez The Engineer"]


def test_concerts_are_named_by_venue_and_year() -> None:
    assert labels(BR, BR_WEM, BR_MTL)[1:] == [
        "Live At Wembley Stadium / July 1986 · Bohemian Rhapsody — Queen",
        "Live at Rock Montreal 1981 · Bohemian Rhapsody — Queen"]


def test_a_bare_live_takes_the_concert_from_its_album() -> None:
    live = t("l", "Bohemian Rhapsody - Live", "Queen", album="Live at Wembley '86")
    assert version_label(live) == "Live at Wembley '86"


def test_versions_alike_are_told_apart_by_length_then_album_then_explicitness() -> None:
    short = t("a", "Signs", "Drake", ms=206_000, album="More Life")
    long = t("b", "Signs", "Drake", ms=231_000, album="Signs")
    assert labels(short, long) == ["3:26 · Signs — Drake", "3:51 · Signs — Drake"]
    deluxe = t("c", "Signs", "Drake", ms=206_000, album="More Life (Deluxe)")
    assert labels(short, deluxe) == ["More Life · Signs — Drake",
                                     "More Life (Deluxe) · Signs — Drake"]
    clean = t("d", "Signs", "Drake", ms=206_000, album="More Life")
    explicit = t("e", "Signs", "Drake", ms=206_000, album="More Life", explicit=True)
    assert labels(clean, explicit) == ["Clean · Signs — Drake", "Explicit · Signs — Drake"]


def test_other_artists_need_no_more_words() -> None:
    assert labels(t("a", "Stay", "Rihanna"), t("b", "Stay", "Justin Bieber")) == [
        "Stay — Rihanna", "Stay — Justin Bieber"]


def test_a_leading_bracket_stays_in_the_song_name() -> None:
    sat = t("s", "(I Can't Get No) Satisfaction - Mono Version", "The Rolling Stones")
    live = t("l", "(I Can't Get No) Satisfaction - Live", "The Rolling Stones")
    assert labels(sat, live) == [
        "Original · (I Can't Get No) Satisfaction — The Rolling Stones",
        "Live · (I Can't Get No) Satisfaction — The Rolling Stones"]
