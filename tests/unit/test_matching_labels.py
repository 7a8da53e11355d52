"""The buttons of 'Which one is it?' name what sets each version apart."""

from __future__ import annotations

import pytest

from core.labels import choice_labels, song_name, version_label
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


ALBUM = t("album", "Echo Park", "Nova Lane", ms=198_000, album="Echo Park", year=2024)
DELUXE = t("deluxe", "Echo Park", "Nova Lane", ms=236_000, album="Echo Park (Deluxe)", year=2025)
SHORT = t("a", "Signs", "Drake", ms=206_000, album="More Life", year=2017)
LONG = t("b", "Signs", "Drake", ms=231_000, album="Signs", year=2017)
SAME_ALBUM = t("c", "Signs", "Drake", ms=231_000, album="More Life", year=2017)
REISSUE = t("d", "Signs", "Drake", ms=206_000, album="More Life", year=2019)
CLEAN = t("e", "Signs", "Drake", ms=206_000, album="More Life", year=2017)
EXPLICIT = t("f", "Signs", "Drake", ms=206_000, album="More Life", year=2017, explicit=True)
LONG_NAME = t("g", "The Night We Met (Extended Director's Cut From The Motion Picture)",
              "Lord Huron", "Phoebe Bridgers", ms=240_000, album="Strange Trails", year=2015)
LONG_NAME_2 = t("h", "The Night We Met (Extended Director's Cut From The Motion Picture)",
                "Lord Huron", "Phoebe Bridgers", ms=208_000,
                album="13 Reasons Why (A Netflix Original Series Soundtrack)", year=2017)

# (tracks, limit, the labels): one version throughout, so each button names its release.
TWINS = [
    ((ALBUM, DELUXE), None, ["Echo Park, 2024 · 3:18 · Echo Park — Nova Lane",
                             "Echo Park (Deluxe), 2025 · 3:56 · Echo Park — Nova Lane"]),
    ((SHORT, LONG), None, ["More Life · 3:26 · Signs — Drake", "Signs · 3:51 · Signs — Drake"]),
    ((SHORT, SAME_ALBUM), None, ["3:26 · Signs — Drake", "3:51 · Signs — Drake"]),
    ((SHORT, REISSUE), None, ["2017 · Signs — Drake", "2019 · Signs — Drake"]),
    ((CLEAN, EXPLICIT), None, ["Clean · Signs — Drake", "Explicit · Signs — Drake"]),
    ((ALBUM, DELUXE), 40, ["Echo Park, 2024 · 3:18 · Echo Park — No…",
                           "Echo Park (Deluxe), 2025 · 3:56 · Echo …"]),
]


@pytest.mark.parametrize(("tracks", "limit", "expected"), TWINS)
def test_tracks_of_one_version_are_told_apart_by_release_length_and_explicitness(
        tracks: tuple[CatalogTrack, ...], limit: int | None, expected: list[str]) -> None:
    assert choice_labels([Candidate(track, 1.0) for track in tracks], limit) == expected


@pytest.mark.parametrize("limit", [60, 64, 80])
def test_within_a_platforms_limit_what_differs_is_kept_and_labels_stay_distinct(
        limit: int) -> None:
    found = choice_labels([Candidate(LONG_NAME, 1.0), Candidate(LONG_NAME_2, 1.0)], limit)
    assert all(len(label) <= limit for label in found) and len(set(found)) == 2
    assert found[0].startswith("Strange Trails, 2015 · 4:00 · ")
    assert found[1].startswith("13 Reasons Why")


def test_other_artists_need_no_more_words() -> None:
    assert labels(t("a", "Stay", "Rihanna"), t("b", "Stay", "Justin Bieber")) == [
        "Stay — Rihanna", "Stay — Justin Bieber"]


def test_a_leading_bracket_stays_in_the_song_name() -> None:
    sat = t("s", "(I Can't Get No) Satisfaction - Mono Version", "The Rolling Stones")
    live = t("l", "(I Can't Get No) Satisfaction - Live", "The Rolling Stones")
    assert labels(sat, live) == [
        "Original · (I Can't Get No) Satisfaction — The Rolling Stones",
        "Live · (I Can't Get No) Satisfaction — The Rolling Stones"]


@pytest.mark.parametrize("limit", [40, 60, 64])
def test_what_differs_too_long_for_a_button_is_cut_so_that_the_labels_differ(limit: int) -> None:
    venue = "Live at Madison Square Garden, New York City, NY, December {}"
    concerts = [t(f"l{y}", "Song - Live", "Artist", album=venue.format(y)) for y in (2019, 2021)]
    found = choice_labels([Candidate(c, 1.0) for c in concerts], limit)
    assert all(len(label) <= limit for label in found) and len(set(found)) == 2
    assert found[0].endswith("December 2019") and found[1].endswith("December 2021")
    discs = [t(f"d{n}", "Song", "Artist", album=f"Greatest Hits: The Platinum Collection, Disc {n}"
               " (2011 Remaster, Deluxe Edition)") for n in (1, 3)]
    found = choice_labels([Candidate(d, 1.0) for d in discs], limit)
    assert all(len(label) <= limit for label in found) and len(set(found)) == 2
    assert "Disc 1" in found[0] and "Disc 3" in found[1]


def test_tracks_nothing_tells_apart_are_numbered() -> None:
    twins = [t("a", "Song", "Artist", album="Album"), t("b", "Song", "Artist", album="Album")]
    assert choice_labels([Candidate(x, 1.0) for x in twins]) == [
        "1. Clean · Song — Artist", "2. Clean · Song — Artist"]


def test_a_bracket_naming_the_song_in_another_script_stays() -> None:
    scenario = t("ls", "사랑을 했다 (LOVE SCENARIO)", "iKON")
    live = t("lslive", "사랑을 했다 (LOVE SCENARIO) - Live", "iKON")
    assert song_name(scenario) == "사랑을 했다 (LOVE SCENARIO)"
    assert song_name(t("sp", "Spring Day (Remastered)", "BTS")) == "Spring Day"
    assert labels(scenario, live)[0] == "Original · 사랑을 했다 (LOVE SCENARIO) — iKON"
