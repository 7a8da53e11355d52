"""Which of Stash's modules one Telegram link share passes through: the Telegram front as
`stash run` wires it (tests.telegram_helpers: real PTB, SQLite and the Telegram stand-in, fakes
for the media, Shazam and Spotify ports), one warm-up share, then one link from the message
that carries it to its "Added" result, under sys.setprofile.

Run: PYTHONPATH=<tree> python bench/trace_share.py [--order]
(the tree's own tests.telegram_helpers is used, so main and a branch compare side by side;
figures printed, never asserted)
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import threading
from pathlib import Path
from types import FrameType
from typing import Any

import adapters
from core.models import UserKey
from tests.telegram_helpers import ALICE_ID, World, running_bot
from tests.worlds import OTHER, REEL

ROOT = Path(adapters.__file__).resolve().parent.parent
PROJECT = ("adapters", "bot", "core")  # not the stand-ins (sandbox) nor the test fakes
FRONT = "adapters.telegram"
# The front's modules that send and edit messages, whatever handler asked: left out of the list
# of the front's functions, which shows the way an update takes to its handler.
MESSAGES = ("status", "sending", "http", "budget", "pacing", "render")


class Touched:
    """The project modules whose code ran, in the order they first ran."""

    def __init__(self) -> None:
        self.modules: dict[str, None] = {}
        self.functions: dict[str, None] = {}  # the front's own, in the order they first ran
        self._files: dict[str, str | None] = {}

    def __call__(self, frame: FrameType, event: str, arg: Any) -> None:
        if event != "call":
            return
        filename = frame.f_code.co_filename
        name = self._files.get(filename, "")
        if name == "":
            name = self._files[filename] = self._project_module(frame)
        if name is None:
            return
        self.modules.setdefault(name, None)
        if name.startswith(FRONT + ".") and name.rsplit(".", 1)[1] not in MESSAGES:
            self.functions.setdefault(f"{name.rsplit('.', 1)[1]}.{frame.f_code.co_qualname}", None)

    @staticmethod
    def _project_module(frame: FrameType) -> str | None:
        path = Path(frame.f_code.co_filename)
        if not path.is_absolute() or ROOT not in path.resolve().parents:
            return None
        name = str(frame.f_globals.get("__name__", ""))
        return name if name.split(".")[0] in PROJECT else None


async def share(bot: World, link: str) -> None:
    """Alice sends `link` in her private chat; back once its status shows the outcome."""
    sent = bot.tg.user_sends(ALICE_ID, link)
    await bot.settled(ALICE_ID, sent["message_id"])


async def quiet(tasks: int) -> None:
    """Let the warm-up share's last tasks end (back to `tasks` running), for a few seconds at
    most: the list of what ran then starts with the share measured."""
    for _ in range(300):
        if len(asyncio.all_tasks()) <= tasks:
            return
        await asyncio.sleep(0.01)


async def trace() -> Touched:
    touched = Touched()
    with tempfile.TemporaryDirectory() as folder:
        async with running_bot(Path(folder)) as bot:
            bot.playlists.connected.add(UserKey("telegram", str(ALICE_ID)))
            running = len(asyncio.all_tasks())
            await share(bot, OTHER.original)  # warm-up: first calls, caches, connections
            await quiet(running)
            threading.setprofile(touched)
            sys.setprofile(touched)
            try:
                await share(bot, REEL.original)
            finally:
                sys.setprofile(None)
                threading.setprofile(None)  # type: ignore[arg-type]
    return touched


def files_in(package: str) -> int:
    """How many modules the package holds (its .py files)."""
    return len(list(ROOT.joinpath(*package.split(".")).glob("*.py")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--order", action="store_true", help="list the modules in first-run order")
    args = parser.parse_args()
    touched = asyncio.run(trace())
    front = [m for m in touched.modules if m == FRONT or m.startswith(FRONT + ".")]
    print(f"tree: {ROOT}")
    print(f"{FRONT}: {len(front)} of {files_in(FRONT)} modules: {', '.join(front)}")
    print(f"the front's functions that ran (not sending): {', '.join(touched.functions)}")
    print(f"project ({'/'.join(PROJECT)}): {len(touched.modules)} modules")
    if args.order:
        for name in touched.modules:
            print(f"  {name}")


if __name__ == "__main__":
    main()
