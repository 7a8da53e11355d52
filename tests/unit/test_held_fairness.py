"""Files read before they are known (Discord attachments) take fair turns at Shazam's budget."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

from adapters.recognition.budget import RequestBudget
from core import files
from core.models import AudioClip, FileKind, Link, MediaFile, Recognition, UserKey
from core.outcomes import TrackAdded
from core.ports import StatusReporter
from core.requester import requester
from core.service import Held
from tests.fakes import Clock, RecordingReporter, Ticks, settle
from tests.worlds import ALICE, BOB, DRIVE, make_world


def attachment(identity: str) -> Callable[[], AbstractAsyncContextManager[Link]]:
    @asynccontextmanager
    async def hold() -> AsyncIterator[Link]:
        yield files.file_link(identity, MediaFile("discord", identity, FileKind.VIDEO))
    return hold


async def test_ten_attachments_from_one_person_do_not_hold_back_another_persons_one() -> None:
    world = make_world(workers=20)  # every file reaches Shazam's queue
    clock = Clock(0.0)
    ticks = Ticks(clock)
    budget = RequestBudget(5, burst=1, clock=clock, sleep=ticks.sleep)  # a turn every 12 s
    heard_for: list[UserKey | None] = []

    async def recognize(clip: AudioClip, progress: StatusReporter | None = None
                        ) -> Recognition | None:
        # What the Shazam adapter does: wait for the turn of the person the work is for.
        assert await budget.acquire(requester.get())
        heard_for.append(requester.get())
        return DRIVE

    world.recognizer.recognize = recognize  # type: ignore[method-assign]
    for n in range(11):
        world.fetcher.clips[f"discord-file:{n}"] = [AudioClip(b"%d" % n, "wav", True)]

    async def until_waiting(count: int) -> None:
        for _ in range(500):
            if budget.waiting == count:
                return
            await asyncio.sleep(0)
        raise AssertionError(f"{budget.waiting} waiting, not {count}")

    async with asyncio.timeout(30):  # against a hang only
        alice = [asyncio.create_task(world.stash.share(
            ALICE, Held(attachment(f"discord-file:{n}")), RecordingReporter())) for n in range(10)]
        await until_waiting(9)  # one went at once
        bob = asyncio.create_task(world.stash.share(
            BOB, Held(attachment("discord-file:10")), RecordingReporter()))
        await until_waiting(10)
        await ticks.wake()
        await settle()
        assert heard_for == [ALICE, BOB]  # the next turn was his, not her second file's
        assert isinstance(await bob, TrackAdded)
        for _ in range(9):
            await ticks.wake()
        assert all(isinstance(o, TrackAdded) for o in await asyncio.gather(*alice))
    assert heard_for == [ALICE, BOB, *[ALICE] * 9]
    assert requester.get() is None  # nothing is left set once the shares are done
