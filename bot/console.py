"""`stash console`: the console front on the real wiring."""

from __future__ import annotations

from typing import TextIO

from adapters.console.front import ConsoleFront, stdin_lines
from bot.bootstrap import build_front
from bot.settings import Settings
from core.models import UserKey
from core.texts.languages import pick


async def run_console(settings: Settings, stdin: TextIO, stdout: TextIO, *, user: str,
                      language: str | None = None) -> int:
    """Chat until /quit or end of input, in `language` (a code; English when None or one
    Stash does not speak); 0 when it ends normally."""
    async with build_front(settings) as app:
        front = ConsoleFront(app.stash, app.connecting, user=UserKey("console", user), out=stdout,
                             in_place=stdout.isatty(), language=pick(language))
        await front.run(stdin_lines(stdin))
    return 0
