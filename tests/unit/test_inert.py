"""Outside text made inert by a front's own rule, and nothing else touched."""

from __future__ import annotations

from core.inert import made_inert, visible
from core.models import Candidate, HistoryEntry, PendingChoice, PlaylistAdd, UserKey
from core.outcomes import ChoiceOffered, NotOnSpotify, TrackAdded
from tests.worlds import DRIVE, ORIGINAL


def shout(text: str) -> str:
    return text.upper()


def test_titles_artists_albums_and_playlist_names_are_cleaned_urls_are_not() -> None:
    added = made_inert(TrackAdded(ORIGINAL, PlaylistAdd("my list", "https://x/pl")), shout)
    assert (added.track.name, added.track.artists, added.track.album) == (
        "MIDNIGHT DRIVE", ("LUNA VALE",), "NIGHT ROADS")
    assert added.playlist.playlist_name == "MY LIST"
    assert (added.track.url, added.track.uri, added.playlist.playlist_url) == (
        ORIGINAL.url, ORIGINAL.uri, "https://x/pl")


def test_nested_choices_and_history_entries_are_walked() -> None:
    choice = PendingChoice("id", UserKey("telegram", "1"), "https://reel",
                           (Candidate(ORIGINAL, 0.9),), 1.0, DRIVE)
    offered = made_inert(ChoiceOffered(choice), shout)
    assert offered.choice.candidates[0].track.name == "MIDNIGHT DRIVE"
    assert offered.choice.recognition is not None
    assert offered.choice.recognition.title == "MIDNIGHT DRIVE"
    assert offered.choice.owner == UserKey("telegram", "1") and offered.choice.choice_id == "id"
    entry = made_inert(HistoryEntry("https://reel", "added", 1.0, "t", ("a",)), shout)
    assert (entry.url, entry.title, entry.artists) == ("https://reel", "T", ("A",))
    assert made_inert(NotOnSpotify(DRIVE), shout).recognition.artists == ("LUNA VALE",)


def test_bidirectional_controls_in_a_title_are_removed_and_its_words_kept() -> None:
    turned = ("\u202eevird\u202c \u2066Nova\u2069 \u200fLane\u200e \u061c—"
              "\u202a\u202b\u202d\u2067\u2068")
    assert visible(turned) == "evird Nova Lane —"
    assert visible("Émilie 🎧 Zoë (Remix) — 東京") == "Émilie 🎧 Zoë (Remix) — 東京"
