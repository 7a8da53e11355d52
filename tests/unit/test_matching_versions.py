"""Titles split into the song's name and its version descriptors, as Spotify writes them."""

from __future__ import annotations

import pytest

from core import matching
from core.models import CatalogTrack, Recognition, Verdict
from core.versions import parse_title

TITLES = [
    ("With or Without You", "with or without you", set()),
    ("With A Little Help From My Friends - Remastered 2009",
     "with a little help from my friends", set()),
    ("Bad Habits (Joel Corry Remix)", "bad habits", {("remix", "corry joel")}),
    ("Blinding Lights (with ROSALÍA) - Remix", "blinding lights", {("remix", "")}),
    ("Bohemian Rhapsody - Live At Wembley Stadium / July 1986", "bohemian rhapsody",
     {("live", "1986 july stadium wembley")}),
    ("Love Story (Taylor's Version)", "love story", {("rerecorded", "")}),
    ("Venus (2011 Re-Record)", "venus", {("rerecorded", "2011")}),
    ("Strawberry Fields Forever - Take 7", "strawberry fields forever", {("take", "7")}),
    ("Animals - Radio Edit", "animals", {("edit", "radio")}),
    ("Animals (Extended Mix)", "animals", {("extended", "")}),
    ("Animals (Original Mix)", "animals", set()),
    ("Kill Bill - Sped Up Version", "kill bill", {("speed", "sped")}),
    ("Creepin' (slowed & reverb)", "creepin", {("speed", "slowed")}),
    ("BOOMBAYAH - JP Ver.", "boombayah", {("language", "japanese")}),
    ("Despacito (Versión en Español)", "despacito", {("language", "spanish")}),
    ("Paris - Restrung", "paris", {("rework", "restrung")}),
    ("About A Girl - Live On MTV Unplugged, 1993 / Unedited", "about a girl",
     {("live", "1993 mtv unplugged")}),
    ("Lose Yourself - From \"8 Mile\" Soundtrack", "lose yourself", set()),
    ("Bad Habit, Pt. 2", "bad habit pt 2", set()),
    ("(I Can't Get No) Satisfaction - Mono Version", "i cant get no satisfaction", set()),
    ("Rock & Roll - Remaster", "rock and roll", set()),
    ("Dynamite - Acoustic Remix", "dynamite", {("remix", "acoustic"), ("acoustic", "")}),
    ("Bad Habits - Joel Corry Remix - Radio Edit", "bad habits",
     {("remix", "corry joel"), ("edit", "radio")}),
    ("夜に駆ける（Live）", "夜に駆ける", {("live", "")}),
]


@pytest.mark.parametrize(("title", "base", "versions"), TITLES, ids=[t[0] for t in TITLES])
def test_a_title_is_split_into_base_and_versions(title: str, base: str,
                                                 versions: set[tuple[str, str]]) -> None:
    parsed = parse_title(title)
    assert parsed.base == base
    assert {(d.kind, " ".join(sorted(d.qualifier))) for d in parsed.versions} == versions


def test_featured_artists_are_read_from_brackets_and_open_feat() -> None:
    assert parse_title("STAY (with Justin Bieber)").featured == ("justin bieber",)
    assert parse_title("Run It Up ft. Dex Rivers & Kiro").featured == ("dex rivers", "kiro")


@pytest.mark.parametrize("title", ["", "()", " - ", "[]", "((", "- Remix", "¥$"])
def test_odd_titles_neither_crash_nor_match(title: str) -> None:
    track = CatalogTrack("spotify:track:x", "Midnight Drive", ("Luna Vale",), duration_ms=1)
    recognition = Recognition(title, ())
    ranked = matching.rank(recognition, [track])
    assert matching.decide(recognition, ranked).verdict is Verdict.NOT_ON_SPOTIFY
    assert isinstance(matching.search_queries(recognition), list)


def test_folding_keeps_the_voicing_marks_of_kana_and_drops_accents() -> None:
    from core.names import fold

    assert fold("アイドル") == "アイドル" and fold("ドラえもん") == "ドラえもん"
    assert fold("Beyoncé Ünder Ёлка") == "beyonce under елка"
