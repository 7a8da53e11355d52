"""A `stash worker` loads no chat library: it talks to no chat (python-telegram-bot and
discord.py together cost it about 40 MB of memory, bench/bench_memory.py)."""

from __future__ import annotations

import subprocess
import sys


def test_the_worker_command_loads_neither_chat_library() -> None:
    loaded = subprocess.run(  # noqa: S603 - this interpreter, a fixed program
        [sys.executable, "-c", "import sys, bot.cli, bot.worker; "
         "print(sorted({m.split('.')[0] for m in sys.modules} & {'telegram', 'discord'}))"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "[]"
