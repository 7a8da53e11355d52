"""A process loads only the chat libraries it talks through: python-telegram-bot and
discord.py cost about 40 MB together (bench/bench_memory.py). A `stash worker` talks to no chat;
`stash run` loads a front's library when that front is built."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHAT_LIBRARIES = "sorted({m.split('.')[0] for m in sys.modules} & {'telegram', 'discord'})"


@pytest.mark.parametrize("command", ["bot.worker", "bot.run"])
def test_a_command_loads_no_chat_library_before_it_builds_a_front(command: str) -> None:
    loaded = subprocess.run(
        [sys.executable, "-c", f"import sys, bot.cli, {command}; print({CHAT_LIBRARIES})"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
