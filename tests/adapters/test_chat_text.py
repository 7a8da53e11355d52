"""Clipping to a platform's limit, in UTF-16 code units on both fronts."""

from __future__ import annotations

import pytest

from adapters.chat.text import clip, units


@pytest.mark.parametrize(("text", "limit", "clipped"), [
    ("short", 10, "short"),
    ("exactly10!", 10, "exactly10!"),
    ("eleven chars", 10, "eleven ch…"),
    ("🎧🎧🎧🎧🎧", 6, "🎧🎧…"),  # two units each: never half of one
    ("a🎧", 2, "a…"),
])
def test_a_text_is_cut_to_its_limit_in_utf16_units(text: str, limit: int, clipped: str) -> None:
    assert clip(text, limit) == clipped
    assert units(clip(text, limit)) <= limit
