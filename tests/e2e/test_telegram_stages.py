"""What a person's status message shows on Telegram while Shazam's budget is scarce: stages only
move forward, and "Queued" only when others really are ahead (real PTB, the Telegram stand-in,
real shazamio and the fair budget against the Shazam stand-in, on a hand-moved clock)."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from adapters.recognition.budget import RequestBudget
from adapters.recognition.shazam import ShazamRecognizer
from core import texts
from core.links import parse_links
from core.models import AudioClip
from core.ports import Stage
from sandbox import catalogue
from sandbox.shazam import ShazamStandIn
from tests.fakes import Clock, Ticks
from tests.telegram_helpers import ALICE_ID, BOB_ID, World, running_bot, until

RECEIVED = texts.say("received")

pytestmark = pytest.mark.asyncio(loop_scope="module")

QUEUED = "Queued: lots of songs to listen to right now"
# Every text a status may show before its answer, in the order of the stages.
ORDER = [RECEIVED, texts.stage_text(Stage.RESOLVING), texts.stage_text(Stage.DOWNLOADING),
         QUEUED, texts.stage_text(Stage.LISTENING),
         texts.stage_text(Stage.LISTENING, "another part"), texts.stage_text(Stage.SEARCHING),
         texts.stage_text(Stage.ADDING)]


def wav(key: str) -> AudioClip:
    return AudioClip(catalogue.wav(catalogue.render(key, 10, start=20)), "wav")


def reel(n: int) -> str:
    return f"https://www.instagram.com/reel/Cstage{n:05d}/"


class Turns:
    """Shazam's budget on a hand-moved clock: a turn every 12 s (5 a minute), one at once."""

    def __init__(self) -> None:
        self.clock = Clock(0.0)
        self.ticks = Ticks(self.clock)
        self.budget = RequestBudget(5, burst=1, clock=self.clock, sleep=self.ticks.sleep)

    async def until(self, done: Callable[[], bool]) -> None:
        """Give turns one by one until `done()`."""
        for _ in range(40):
            await until(lambda: done() or self.ticks.asleep, rounds=3000)
            if done():
                return
            await self.ticks.wake()
        raise AssertionError("not done after 40 turns")


@pytest_asyncio.fixture(loop_scope="module")
async def bot(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shazam: ShazamStandIn
              ) -> AsyncIterator[tuple[World, Turns]]:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    turns = Turns()
    recognizer = ShazamRecognizer(shazam.origin, budget=turns.budget, timeout=10, deadline=600)
    try:
        async with running_bot(tmp_path, recognizer=recognizer) as world:
            world.tg.set_started(BOB_ID)
            yield world, turns
    finally:
        await recognizer.close()


def shares(world: World, user_id: int, links: list[str]) -> list[int]:
    """The person sends each link in a message of its own; the messages' ids."""
    return [world.tg.user_sends(user_id, link)["message_id"] for link in links]


def seen(world: World, chat_id: int, message_id: int) -> list[str]:
    """Every text the status message answering `message_id` showed, first to last."""
    [status] = world.answers(chat_id, message_id)
    return list(status.history)  # the last is the text it shows now


def answered(world: World, chat_id: int, ids: list[int]) -> Callable[[], bool]:
    def done() -> bool:
        statuses = [world.answers(chat_id, i) for i in ids]
        return all(s and not (s[0].text or "").endswith("…") for s in statuses)
    return done


def place(text: str) -> int:
    return ORDER.index(QUEUED if text.startswith(QUEUED) else text)


def forward_only(texts_seen: list[str]) -> bool:
    """Each text a later stage than the one before (a Queued wait may be told anew)."""
    steps = [place(t) for t in texts_seen[:-1]]
    return all(a < b or (a == b == ORDER.index(QUEUED))
               for a, b in itertools.pairwise(steps))


async def test_one_person_alone_is_never_told_of_a_queue(bot: tuple[World, Turns],
                                                         shazam: ShazamStandIn) -> None:
    world, turns = bot
    links = [reel(n) for n in range(4)]
    for link, key in zip(parse_links(" ".join(links)), ("40000001", "40000002", "40000003"),
                         strict=False):
        world.fetcher.clips[link.canonical_url] = [wav(key)]
    # The last one is talk at first: a second part of it is listened to.
    world.fetcher.clips[parse_links(links[3])[0].canonical_url] = [wav("speech"),
                                                                   wav("40000004")]
    ids = shares(world, ALICE_ID, links)
    await turns.until(answered(world, ALICE_ID, ids))

    shown = [seen(world, ALICE_ID, i) for i in ids]
    assert not [t for texts_seen in shown for t in texts_seen if t.startswith(QUEUED)]
    assert all(forward_only(texts_seen) for texts_seen in shown), shown
    assert texts.stage_text(Stage.LISTENING, "another part") in shown[3]
    assert turns.clock() >= 36.0  # her songs did wait for their turns, behind her own


async def test_a_person_behind_another_persons_backlog_is_queued_then_goes_forward(
        bot: tuple[World, Turns], shazam: ShazamStandIn) -> None:
    world, turns = bot
    alice_links = [reel(n) for n in range(10, 16)]
    for link in parse_links(" ".join(alice_links)):
        world.fetcher.clips[link.canonical_url] = [wav("40000001")]
    bob_link = reel(20)  # talk first: his second part waits for a turn too
    world.fetcher.clips[parse_links(bob_link)[0].canonical_url] = [wav("speech"),
                                                                   wav("40000002")]
    alice = shares(world, ALICE_ID, alice_links)
    await until(lambda: turns.budget.waiting == len(alice_links) - 1, rounds=3000)
    [bob] = shares(world, BOB_ID, [bob_link])
    # No turn is given until Bob reads that he is queued (a later stage would replace it).
    await world.tg.wait_for(lambda: any(QUEUED in (e.text or "")
                                        for e in world.answers(BOB_ID, bob)))
    await turns.until(answered(world, BOB_ID, [bob]))

    bob_saw = seen(world, BOB_ID, bob)
    queued = [t for t in bob_saw if t.startswith(QUEUED)]
    assert queued == [f"{QUEUED}. Yours is up in about 12 s…"]  # the next turn is his
    assert forward_only(bob_saw), bob_saw
    assert not bob_saw[-1].endswith("…")  # and he has his answer
    await turns.until(answered(world, ALICE_ID, alice))
    assert all(forward_only(seen(world, ALICE_ID, i)) for i in alice)

