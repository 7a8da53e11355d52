"""The console (and `stash console --language`) speaks the language asked for: every line of
the bot's, including the ones kept from import time (/help) and the days in /history."""

from __future__ import annotations

from pathlib import Path

from tests.adapters.worlds import lines_from, stash
from tests.translation_helpers import marked, marked_locales
from tests.worlds import REEL

__all__ = ["marked", "marked_locales"]


async def test_the_console_speaks_the_language_asked_for(console: tuple, marked: Path) -> None:
    front, out, _ = console
    front.language = "es"
    await front.run(lines_from("hello", REEL.original, "/history", "/help", "/nope"))
    lines = out.getvalue().splitlines()
    for line in ("[es] Type /help for commands.", "[es] Listening…", "[es] Added to Stash ✓",
                 "[es] I don't know /nope. Type /help for what I can do."):
        assert line in lines
    history = next(line for line in lines if "Midnight Drive" in line and "[es] added" in line)
    assert history.startswith("[es] ") and " dic 2026  " in history  # Babel's Spanish day
    assert any(line.startswith("[es] Paste a link") for line in lines)  # /help, said at import
    assert not any(line.startswith("[") and not line.startswith("[es]") for line in lines)


def test_stash_console_takes_language(tmp_path: Path, marked_locales: Path) -> None:
    result = stash("console", "--language", "es-ES", cwd=tmp_path,
                   env={"STASH_LOCALES": str(marked_locales)},
                   stdin="hello\nhttps://www.tiktok.com/@someone\n/history\n")
    assert result.returncode == 0, result.stderr
    assert "[es] I didn't find a link in that." in result.stdout
    assert "[es] That's a profile, not a video." in result.stdout
    assert "[es] Nothing stashed yet." in result.stdout
    english = stash("console", cwd=tmp_path, env={"STASH_LOCALES": str(marked_locales)},
                    stdin="/history\n")
    assert "Nothing stashed yet." in english.stdout and "[es]" not in english.stdout


def test_an_unknown_language_is_english(tmp_path: Path, marked_locales: Path) -> None:
    result = stash("console", "--language", "xx", cwd=tmp_path,
                   env={"STASH_LOCALES": str(marked_locales)}, stdin="/history\n")
    assert result.returncode == 0, result.stderr
    assert "Nothing stashed yet." in result.stdout and "[" not in result.stdout

