"""How Stash's words fit Telegram: one message under 4,096 UTF-16 units, outside text inert."""

from __future__ import annotations

from adapters.telegram import render


def test_notes_are_said_once_and_clipped_saying_how_many_were_left_out() -> None:
    lines = [f"Note {n}: " + "x" * 90 for n in range(100)] * 2
    text = render.notes_text(lines)
    units = len(text.encode("utf-16-le")) // 2
    assert units <= render.TEXT_MAX
    kept = text.splitlines()[:-1]
    assert kept == [f"Note {n}: " + "x" * 90 for n in range(len(kept))]
    assert text.splitlines()[-1] == f"…and {100 - len(kept)} more notes left out."
    assert render.notes_text(["a", "b", "a"]) == "a\nb"


def test_clip_counts_as_telegram_does() -> None:
    emoji = "🎵" * 3000  # two UTF-16 units each: 6,000 units in 3,000 characters
    clipped = render.clip(emoji)
    assert len(clipped.encode("utf-16-le")) // 2 <= render.TEXT_MAX and clipped.endswith("…")
    assert render.clip("short") == "short"
    assert render.inert("hi @alice, see evil.com or https://x.io #tag /cmd") == (
        "hi @\u2060alice, see evil.\u2060com or https:\u2060//\u2060x.\u2060io "
        "#\u2060tag /\u2060cmd")
