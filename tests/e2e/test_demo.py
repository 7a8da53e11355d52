"""`stash demo` driven as a newcomer would: paste the sample links, choose, read history, quit."""

from __future__ import annotations

import queue
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from core.links import parse_links
from core.models import Platform


class Terminal:
    """A running `stash demo` with its output read line by line in the background."""

    def __init__(self, cwd: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "demo"], cwd=cwd, text=True, bufsize=1,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 120) -> str:
        """Everything printed up to and including the first line holding `text`."""
        printed: list[str] = []
        while True:
            try:
                line = self.lines.get(timeout=timeout)
            except queue.Empty:
                pytest.fail(f"waited for {text!r}; the demo printed:\n{''.join(self.seen)}")
            printed.append(line)
            self.seen.append(line)
            if text in line:
                return "".join(printed)

    def type(self, line: str) -> None:
        """Type a line."""
        assert self.process.stdin is not None
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()


def test_the_demo_shows_the_whole_flow_and_exits_cleanly(tmp_path: Path) -> None:
    demo = Terminal(tmp_path)
    try:
        welcome = demo.wait_for("/quit leaves.")
        assert "linked to Spotify as Stash Demo" in welcome
        # A newcomer who never links gets the song in a hosted playlist, and its link.
        assert "a newcomer who never linked Spotify" in welcome
        assert re.search(r"Added to Songs from Stash ✓\n.*Golden Hour.*\n.*\n.*I keep this "
                         r"playlist for you on Stash's Spotify account: "
                         r"https://open\.spotify\.com/playlist/\w+", welcome)
        reel, versions, missing, talk = shared(welcome)
        [plain] = re.findall(r"http://127\.0\.0\.1:\d+/clip/\S+", welcome)

        demo.type(reel)
        shown = demo.wait_for("✓")
        stages = ["Downloading audio…", "Listening…", "Finding it on Spotify…",
                  "Adding to your playlist…", "Added to Stash ✓"]
        assert [shown.index(s) for s in stages] == sorted(shown.index(s) for s in stages)
        assert "Midnight Drive — Luna Vale" in demo.wait_for("Midnight Drive")

        # Another shape of the same reel, as the web gives it: one video, nothing downloaded.
        demo.type(reel.split("?")[0].replace("https://www.", "").replace("/reel/", "/reels/"))
        again = demo.wait_for("✓")
        assert "Already in Stash ✓" in again and "Downloading audio…" not in again

        demo.type(versions)
        offered = demo.wait_for("0) None of these")
        assert "Which one is it?" in offered
        assert "2) Echo Park (Deluxe), 2025 · 3:56 · Echo Park — Nova Lane" in offered
        demo.type("2")
        assert "Added to Stash ✓" in demo.wait_for("✓")

        demo.type(missing)
        assert "Basement Tape 7" in demo.wait_for("Spotify doesn't have a match")
        demo.type(talk)
        demo.wait_for("couldn't recognize a song")

        demo.type(plain)  # a plain media file on a host listed in MEDIA_EXTRA_HOSTS
        assert "Golden Hour" in demo.wait_for("Golden Hour")

        # Offline: a reel the demo doesn't have, a short link (no name lookups), a profile.
        demo.type("https://www.instagram.com/reel/C8xYz12AbCd/")
        demo.wait_for("That post was removed or doesn't exist.")
        demo.type("https://vm.tiktok.com/ZMh4abcDe/")
        demo.wait_for("I couldn't find the server of that link.")
        demo.type("https://www.instagram.com/luna.vale/")
        demo.wait_for("That's a profile, not a video.")

        demo.type("/history")
        # the oldest, listed last
        history = demo.wait_for("Midnight Drive — Luna Vale (added to your playlist)")
        assert history.index("Basement Tape 7 — Unsigned Ursula (not on Spotify)") \
            < history.index("Echo Park — Nova Lane (added to your playlist)")
        demo.type("/quit")
        assert demo.process.wait(timeout=60) == 0
    finally:
        if demo.process.poll() is None:
            demo.process.kill()
    assert "Traceback" not in "".join(demo.seen)


def shared(welcome: str) -> list[str]:
    """The sample links, which must read as what each platform's share button gives."""
    links = re.findall(r"https://\S+", welcome.split("Paste one of these links", 1)[1])
    found = [parse_links(link) for link in links]
    assert [[link.platform for link in one] for one in found] == [
        [Platform.INSTAGRAM], [Platform.YOUTUBE], [Platform.TIKTOK], [Platform.FACEBOOK]]
    assert "/reel/" in links[0] and "igsh=" in links[0]
    assert "/shorts/" in links[1] and "si=" in links[1]
    assert not any(link.needs_resolve for one in found for link in one)
    return links
