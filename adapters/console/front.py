"""Chat with Stash in a terminal: the same service and storage as the chat fronts."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Awaitable, Callable
from typing import TextIO

from adapters.console.accounts import AccountCommands
from core import texts
from core.connecting import Connecting
from core.labels import choice_labels
from core.models import Link, UserKey
from core.outcomes import ChoiceOffered, Outcome
from core.ports import Stage
from core.service import Stash

PROMPT = "> "
HELP = texts.say("console.help")
HISTORY_PAGE = 10


class ConsoleReporter:
    """Shows a share's stages as status lines (rewritten in place on a terminal)."""

    def __init__(self, out: TextIO, label: str, in_place: bool) -> None:
        self._out = out
        self._label = label
        self._in_place = in_place

    def show(self, text: str, *, final: bool = False) -> None:
        """Print (or overwrite) this share's status line."""
        line = f"{self._label}{text}"
        if self._in_place:
            end = "\n" if final else ""
            self._out.write("\r\x1b[2K" + line.replace("\n", "\n   ") + end)
        else:
            self._out.write(line.replace("\n", "\n   ") + "\n")
        self._out.flush()

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage."""
        self.show(texts.stage_text(stage, detail))


class ConsoleFront:
    """Reads lines, answers them; one person ('console' platform) at one terminal."""

    def __init__(self, stash: Stash, connecting: Connecting, *, user: UserKey, out: TextIO,
                 in_place: bool = False, welcome: str = texts.say("welcome"),
                 language: str = "en") -> None:
        self._stash = stash
        self._accounts = AccountCommands(connecting, user, self.say)
        self._user = user
        self._out = out
        self._in_place = in_place
        self._welcome = welcome
        self._pending: ChoiceOffered | None = None
        self.language = language

    def say(self, text: str) -> None:
        """Print a reply (a sentence kept from before, like HELP, in the person's language)."""
        self._out.write(texts.resay(text, texts.speaking.get()) + "\n")
        self._out.flush()

    async def run(self, read_line: Callable[[], Awaitable[str | None]]) -> None:
        """Answer lines until /quit or the end of input, in the person's language."""
        with texts.in_language(self.language):
            await self._answer(read_line)

    async def _answer(self, read_line: Callable[[], Awaitable[str | None]]) -> None:
        self.say(self._welcome)
        self.say(texts.say("console.type_help"))
        while True:
            line = await read_line()
            if line is None or line.strip() in ("/quit", "/exit"):
                break
            await self.handle(line.strip())

    async def handle(self, line: str) -> None:
        """Answer one line. Nothing a person types escapes as an exception."""
        if await self._accounts.maybe_confirm(line) or await self._accounts.maybe_pasted(line):
            return
        if self._pending is not None and (line.isdigit() or line.lower() == "none"):
            await self._choose(line)
        elif line.startswith("/"):
            await self._command(line)
        else:
            await self._links(line)

    async def _command(self, line: str) -> None:
        name, _, arg = line.partition(" ")
        if name in ("/help", "/start"):
            self.say(HELP)
        elif name == "/history":
            page = max(int(arg) - 1, 0) if arg.strip().isdigit() else 0
            entries = await self._stash.history(self._user, HISTORY_PAGE, page * HISTORY_PAGE)
            self.say(texts.history_text(entries, page=page))
        elif not await self._accounts.handle(name, arg):
            self.say(texts.say("console.unknown_command", command=name))

    async def _links(self, line: str) -> None:
        plan = self._stash.admit_links(line, self._user)
        for note in plan.notes():
            self.say(note)
        several = len(plan.links) > 1
        await asyncio.gather(*(self._share(link, f"[{n}] " if several else "")
                               for n, link in enumerate(plan.links, start=1)))

    async def _share(self, link: Link, label: str) -> None:
        reporter = ConsoleReporter(self._out, label, self._in_place and not label)
        self._finish(reporter, await self._stash.share(self._user, link, reporter))

    def _finish(self, reporter: ConsoleReporter, outcome: Outcome) -> None:
        reporter.show(texts.outcome_text(outcome), final=True)
        if isinstance(outcome, ChoiceOffered):
            self._pending = outcome
            labels = choice_labels(outcome.choice.candidates)
            for n, (label, candidate) in enumerate(zip(labels, outcome.choice.candidates,
                                                       strict=True), start=1):
                link = f"\n     {candidate.track.url}" if candidate.track.url else ""
                self.say(f"  {n}) {label}{link}")
            self.say(texts.say("console.choose"))

    async def _choose(self, line: str) -> None:
        offered, self._pending = self._pending, None
        if offered is None:
            return
        index = int(line) - 1 if line.isdigit() and int(line) > 0 else None
        reporter = ConsoleReporter(self._out, "", self._in_place)
        self._finish(reporter, await self._stash.choose(
            self._user, offered.choice.choice_id, index, reporter))


def stdin_lines(stream: TextIO) -> Callable[[], Awaitable[str | None]]:
    """Lines of `stream`, read by a daemon thread so that Ctrl-C never waits on input."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[str | None] = asyncio.Queue()

    def pump() -> None:
        while True:
            line = stream.readline()
            loop.call_soon_threadsafe(queue.put_nowait, line.rstrip("\n") if line else None)
            if not line:
                return

    threading.Thread(target=pump, name="console-input", daemon=True).start()

    async def read() -> str | None:
        if stream.isatty():
            print(PROMPT, end="", flush=True)
        return await queue.get()

    return read
