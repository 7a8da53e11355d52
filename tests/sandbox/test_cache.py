"""The stand-ins' disk caches: this user's private folder, or a fresh one, never a shared path."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sandbox import cache


@pytest.fixture
def fresh(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Forget the folder chosen earlier in this process, before and after the test."""
    cache._root.cache_clear()
    yield
    monkeypatch.undo()
    cache._root.cache_clear()


@pytest.mark.usefixtures("fresh")
def test_a_new_cache_folder_is_private_and_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "mine"))
    folder = cache.cache_dir("media")
    assert folder == tmp_path / "mine" / "media"
    assert oct((tmp_path / "mine").stat().st_mode & 0o777) == oct(0o700)
    (folder / "clip.mp3").write_bytes(b"encoded")
    cache._root.cache_clear()  # the next process
    assert (cache.cache_dir("media") / "clip.mp3").read_bytes() == b"encoded"


@pytest.mark.usefixtures("fresh")
@pytest.mark.parametrize("how", ["open to others", "a link", "someone else's"])
def test_a_folder_that_is_not_private_is_never_trusted(
        how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "media").mkdir()
    (shared / "media" / "clip.mp3").write_bytes(b"planted")
    if how == "open to others":
        shared.chmod(0o777)
    elif how == "a link":
        shared.chmod(0o700)
        shared = tmp_path / "link"
        shared.symlink_to(tmp_path / "shared")
    else:
        shared.chmod(0o700)
        monkeypatch.setattr(os, "getuid", lambda: os.stat(shared).st_uid + 1)
    monkeypatch.setenv(cache.ENV, str(shared))
    folder = cache.cache_dir("media")
    assert not folder.is_relative_to(tmp_path)  # a fresh folder for this run instead
    assert folder.parent.stat().st_mode & 0o077 == 0  # made by mkdtemp: private
    assert list(folder.iterdir()) == []


def test_entries_are_named_after_the_code_that_made_them(tmp_path: Path) -> None:
    source = tmp_path / "catalogue.py"
    source.write_text("TEMPO = 120\n")
    before = cache.fingerprint([source], "ffmpeg 7.1")
    assert cache.fingerprint([source], "ffmpeg 7.1") == before
    assert cache.fingerprint([source], "ffmpeg 7.2") != before
    source.write_text("TEMPO = 121\n")
    assert cache.fingerprint([source], "ffmpeg 7.1") != before
