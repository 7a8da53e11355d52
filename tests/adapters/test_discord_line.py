"""A busy channel's line of status messages, on a clock that moves only when the line waits."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from types import SimpleNamespace

from adapters import translations
from adapters.discord.line import GATHER, HOLD_MAX, PER, Lines
from core import texts
from tests.fakes import Sleeps
from tests.language_helpers import said


@dataclass
class Person:
    """A person's shared message as the line sees it; reactions wait until `react_freely`."""

    n: int
    reacted: list[int]
    allowed: asyncio.Event
    id: int = 0
    channel: SimpleNamespace = field(default_factory=lambda: SimpleNamespace(id=1))
    author: SimpleNamespace = field(init=False)

    def __post_init__(self) -> None:
        self.id = 100 + self.n
        self.author = SimpleNamespace(id=self.n, display_name=f"person{self.n}")

    async def add_reaction(self, emoji: str) -> None:
        self.reacted.append(self.n)
        await self.allowed.wait()


async def settle(until: object, rounds: int = 500) -> None:
    for _ in range(rounds):
        if until():  # type: ignore[operator]
            return
        await asyncio.sleep(0)
    raise AssertionError("the line did not get there")


async def test_the_window_keeps_its_last_message_to_name_those_waiting() -> None:
    sleeps = Sleeps()
    line = Lines(sleeps.clock, sleeps).of(1)
    assert [line.now() for _ in range(5)] == [True] * 4 + [False]  # the last one is kept
    reacted: list[int] = []
    allowed = asyncio.Event()
    posts: list[tuple[int, str, float]] = []
    people = [Person(n, reacted, allowed) for n in range(4, 12)]
    start = sleeps.now

    def post_of(person: Person):  # type: ignore[no-untyped-def]
        async def post(heading: str) -> None:
            posts.append((person.n, heading, sleeps.now))
        return post

    for person in people:
        line.join(person, post_of(person))  # type: ignore[arg-type]
    await settle(lambda: len(posts) == len(people))
    # One reaction was on its way when the window's last message went, once the others had
    # waited GATHER: it named them, and no more reactions were needed.
    assert reacted == [4]
    named = texts.say("discord.waiting_named", names=", ".join(f"person{n}" for n in range(5, 12)))
    assert posts[0] == (4, named, start + GATHER)
    # The rest waited for the next windows, in order, each saying only its own part.
    assert [(n, heading) for n, heading, _ in posts[1:]] == [(n, "") for n in range(5, 12)]
    assert {at for _, _, at in posts[1:6]} == {start + PER}
    assert {at for _, _, at in posts[6:]} == {start + 2 * PER}


async def test_the_last_message_waits_no_longer_than_its_limit_when_reactions_keep_up() -> None:
    sleeps = Sleeps()
    line = Lines(sleeps.clock, sleeps).of(1)
    for _ in range(4):
        assert line.now()
    allowed = asyncio.Event()
    allowed.set()  # reactions go at once: nobody needs naming
    posts: list[tuple[str, float]] = []
    start = sleeps.now

    async def post(heading: str) -> None:
        posts.append((heading, sleeps.now))

    line.join(Person(4, [], allowed), post)  # type: ignore[arg-type]
    await settle(lambda: bool(posts))
    assert posts == [("", start + HOLD_MAX)]


async def test_a_quiet_channel_posts_at_once_and_a_share_that_ends_unposted_leaves() -> None:
    sleeps = Sleeps()
    line = Lines(sleeps.clock, sleeps).of(1)
    assert line.now()
    posts: list[str] = []
    allowed = asyncio.Event()
    allowed.set()
    for _ in range(3):
        assert line.now()
    gone = Person(4, [], allowed)
    waiting = line.join(gone, lambda heading: _record(posts, heading))  # type: ignore[arg-type]
    line.leave(waiting)  # e.g. the process is stopping: the next one posts its answer
    for _ in range(20):
        await asyncio.sleep(0)
    assert posts == []
    assert sleeps.now < 1000 + PER  # and nothing waits for the next window for it


async def _record(posts: list[str], heading: str) -> None:
    posts.append(heading)


async def test_the_window_last_message_goes_to_an_answer_already_known() -> None:
    # discord.py returns from the message that fills a window only when the window is over: an
    # answer that needs no edit afterwards goes in it, the one still on a stage waits.
    sleeps = Sleeps()
    line = Lines(sleeps.clock, sleeps).of(1)
    for _ in range(4):
        assert line.now()
    blocked = asyncio.Event()
    posts: list[tuple[int, str]] = []

    def post_of(n: int):  # type: ignore[no-untyped-def]
        async def post(heading: str) -> None:
            posts.append((n, heading))
        return post

    line.join(Person(4, [], blocked), post_of(4))  # type: ignore[arg-type]
    line.join(Person(5, [], blocked), post_of(5), lambda: True)  # type: ignore[arg-type]
    await settle(lambda: len(posts) == 2)
    assert posts == [(5, ""), (4, "")]  # 4 had its reaction; the next window took it


async def test_a_heading_speaks_the_language_of_the_message_it_tops() -> None:
    translations.install()
    sleeps = Sleeps()
    line = Lines(sleeps.clock, sleeps).of(1)
    for _ in range(4):
        assert line.now()
    allowed = asyncio.Event()  # reactions are slow: the window's last message names people
    posts: list[tuple[int, str]] = []
    people = [Person(n, [], allowed) for n in range(4, 8)]

    def post_of(person: Person):  # type: ignore[no-untyped-def]
        async def post(heading: str) -> None:
            posts.append((person.n, heading))
        return post

    line.join(people[0], post_of(people[0]))  # English, still on a stage: its line starts here
    with texts.in_language("es"):  # a Spanish speaker whose answer is known goes first
        line.join(people[1], post_of(people[1]), lambda: True)  # type: ignore[arg-type]
    for person in people[2:]:
        line.join(person, post_of(person))  # type: ignore[arg-type]
    await settle(lambda: bool(posts))
    assert posts[0] == (5, said("es", "discord.waiting_named", names="person6, person7"))
