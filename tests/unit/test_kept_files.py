"""A kept share of a sent file holds what fetching it again needs; a link is kept as sent."""

from __future__ import annotations

from core import files
from core.models import FileKind, MediaFile
from tests.worlds import REEL


def test_a_file_share_comes_back_from_its_record_whole() -> None:
    link = files.file_link("telegram-file:AgAD", MediaFile("telegram", "BQACAgI", FileKind.VOICE,
                                                           4096, own=False))
    assert files.from_kept(files.kept_form(link)) == link


def test_a_link_is_kept_as_sent_and_is_no_file() -> None:
    assert files.kept_form(REEL) == REEL.original
    assert files.from_kept(REEL.original) is None
    assert files.from_kept("file:{not json") is None
