"""Kept shares in the core: on record until shown, finished by another process when theirs
stopped renewing, and answered plainly when too old to finish."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field, replace

from core import files, texts
from core.kept import Reopened
from core.models import AudioClip, FileKind, KeptShare, Link, MediaFile, UserKey
from core.outcomes import Outcome, TrackAdded
from core.service import Held, ShownOn, Stash
from tests.fakes import Clock, FakeFetcher, FakePlaylists, RecordingReporter, until
from tests.worlds import ALICE, ORIGINAL, REEL, kept_stash, take_over


@dataclass
class MemoryShareBook:
    """The ShareBook port in a dict: share id -> (share, owner, lease end)."""

    rows: dict[str, tuple[KeptShare, str, float]] = field(default_factory=dict)
    renewals: int = 0
    claims: dict[str, str] = field(default_factory=dict)  # share id -> claimer

    async def open(self, share: KeptShare, owner: str, lease_until: float) -> None:
        self.rows[share.share_id] = (share, owner, lease_until)

    async def stage(self, share_id: str, stage: str) -> None:
        share, owner, until = self.rows[share_id]
        self.rows[share_id] = (replace(share, stage=stage), owner, until)

    async def close(self, share_id: str) -> None:
        self.rows.pop(share_id, None)

    async def posted(self, share_id: str, message_id: str) -> None:
        share, owner, until = self.rows[share_id]
        self.rows[share_id] = (replace(share, message_id=message_id), owner, until)

    async def renew(self, owner: str, lease_until: float) -> int:
        self.renewals += 1
        mine = [k for k, (_, o, _) in self.rows.items() if o == owner]
        for key in mine:
            self.rows[key] = (self.rows[key][0], owner, lease_until)
        return len(mine)

    async def release(self, owner: str) -> None:
        await self.renew(owner, 0.0)
        for key in [k for k, (_, o, _) in self.rows.items() if o == owner]:
            self.claims.pop(key, None)

    async def claim(self, share_id: str, owner: str) -> bool:
        row = self.rows.get(share_id)
        if row is None or row[1] != owner or self.claims.get(share_id, owner) != owner:
            return False
        self.claims[share_id] = owner
        return True

    async def take_stale(self, platform: str, owner: str, now: float, lease_until: float,
                         limit: int, abandoned: float | None = None) -> list[KeptShare]:
        before = now if abandoned is None else min(abandoned, now)
        stale = [s for s, _, until in self.rows.values()
                 if until < (before if s.share_id in self.claims else now)
                 and s.user.platform == platform][:limit]
        for share in stale:
            self.rows[share.share_id] = (share, owner, lease_until)
            self.claims.pop(share.share_id, None)
        return stale


@dataclass
class Screen:
    """What a front shows on a reopened status message."""

    finals: list[object] = field(default_factory=list)
    reporter: RecordingReporter = field(default_factory=RecordingReporter)

    async def reopen(self, share: KeptShare) -> Reopened:
        async def show(outcome: Outcome) -> None:
            self.finals.append(outcome)

        async def say(text: str) -> None:
            self.finals.append(text)

        return Reopened(self.reporter, show, say)


@dataclass
class UnderWay:
    """A first process's share, on record and fetching (for `delay` seconds), and what it
    showed of its outcome."""

    process: Stash
    task: asyncio.Task[Outcome | None]
    shown: list[Outcome]
    show: Callable[[Outcome], Awaitable[None]]


async def under_way(book: MemoryShareBook, clock: Clock, delay: float) -> UnderWay:
    fetcher = FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")]}, delay=delay)
    first, shown = kept_stash(book, clock, fetcher), []

    async def show(outcome: Outcome) -> None:
        shown.append(outcome)

    task = asyncio.create_task(first.share(ALICE, REEL, RecordingReporter(),
                                           ShownOn(show, "42", "7")))
    await until(lambda: fetcher.fetched)
    return UnderWay(first, task, shown, show)


async def test_a_share_is_on_record_until_its_outcome_is_shown() -> None:
    book, clock = MemoryShareBook(), Clock()
    seen: list[int] = []

    async def show(outcome: Outcome) -> None:
        seen.append(len(book.rows))

    outcome = await kept_stash(book, clock).share(ALICE, REEL, RecordingReporter(),
                                             ShownOn(show, "42", "7"))
    assert isinstance(outcome, TrackAdded)
    assert seen == [1] and book.rows == {}


async def test_a_share_cut_off_by_its_process_stopping_stays_on_record() -> None:
    book, clock = MemoryShareBook(), Clock()
    first = await under_way(book, clock, delay=5)
    first.task.cancel()
    await asyncio.gather(first.task, return_exceptions=True)
    [(kept, _, _)] = book.rows.values()
    assert (kept.user, kept.link, kept.chat_id, kept.message_id) == (
        ALICE, REEL.original, "42", "7")
    assert first.shown == []

    second, screen = kept_stash(book, clock), Screen()
    assert await take_over(second, "telegram", screen.reopen) == 0  # still leased
    clock.advance(16)
    assert await take_over(second, "telegram", screen.reopen) == 1
    [final] = screen.finals
    assert isinstance(final, TrackAdded) and final.track == ORIGINAL
    assert book.rows == {}


async def test_a_status_message_posted_after_its_share_started_is_the_one_resumed() -> None:
    # A busy Discord channel: the share starts at once, its status message is posted when the
    # channel has room; a restart after that finishes the share on that message, not a new one.
    book, clock = MemoryShareBook(), Clock()
    slow = FakeFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")]}, delay=5)
    posted: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def show(outcome: Outcome) -> None:
        raise AssertionError("cut off before its outcome")

    task = asyncio.create_task(kept_stash(book, clock, slow).share(
        ALICE, REEL, RecordingReporter(), ShownOn(show, "42", "", posted=posted)))
    await until(lambda: book.rows)
    [(kept, _, _)] = book.rows.values()
    assert kept.message_id == ""  # on record before its message exists
    posted.set_result("99")
    await until(lambda: [k.message_id for k, _, _ in book.rows.values()] == ["99"])
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)

    second, reopened = kept_stash(book, clock), []
    screen = Screen()

    async def reopen(share: KeptShare) -> Reopened:
        reopened.append(share.message_id)
        return await screen.reopen(share)

    clock.advance(16)
    assert await take_over(second, "telegram", reopen) == 1
    assert reopened == ["99"]
    assert isinstance(screen.finals[0], TrackAdded)


async def test_a_share_too_old_to_finish_is_answered_not_left_on_a_stage() -> None:
    book, clock = MemoryShareBook(), Clock()
    await book.open(KeptShare("s1", ALICE, REEL.original, "42", "7",
                              started_at=clock() - 601), "dead", clock() - 1)
    later, screen = kept_stash(book, clock), Screen()
    assert await take_over(later, "telegram", screen.reopen) == 1
    assert screen.finals == [texts.say("outcome.restarted")] and book.rows == {}


async def test_a_process_renews_only_while_it_holds_shares() -> None:
    book, clock, screen = MemoryShareBook(), Clock(), Screen()
    idle = kept_stash(book, clock)
    assert await take_over(idle, "telegram", screen.reopen) == 0
    assert book.renewals == 0  # nothing held: no write
    renewed: list[int] = []

    async def show(outcome: Outcome) -> None:
        await take_over(idle, "telegram", screen.reopen)  # a turn while this share is held
        renewed.append(book.renewals)

    await idle.share(ALICE, REEL, RecordingReporter(), ShownOn(show, "42", "7"))
    await take_over(idle, "telegram", screen.reopen)
    assert renewed == [1] and book.renewals == 1


async def test_a_stopping_process_hands_unfinished_shares_over_at_once() -> None:
    book, clock = MemoryShareBook(), Clock()
    first = await under_way(book, clock, delay=5)
    await first.process.hand_over(grace=0.1)
    assert first.task.cancelled() and first.shown == []  # no error, no "restarting"
    late = await first.process.share(ALICE, REEL, RecordingReporter(),
                                     ShownOn(first.show, "42", "8"))
    assert late is None and first.shown == []  # after the hand-over it is only put on record
    assert sorted(kept.message_id for kept, _, _ in book.rows.values()) == ["7", "8"]
    assert all(until < clock() for _, _, until in book.rows.values())  # released

    second, screen = kept_stash(book, clock), Screen()
    assert await take_over(second, "telegram", screen.reopen) == 2  # no lease to wait out


async def test_shares_that_finish_within_the_grace_period_are_shown_and_closed() -> None:
    book, clock = MemoryShareBook(), Clock()
    first = await under_way(book, clock, delay=0.05)  # under way when the hand-over starts
    await first.process.hand_over(grace=5)
    assert isinstance(await first.task, TrackAdded) and len(first.shown) == 1
    assert book.rows == {}


async def test_files_sent_on_either_front_are_on_record_and_resumed_by_the_next_process(
        ) -> None:
    """A Telegram file (fetched again by its file id) and a Discord attachment (read again
    through its message) go through the one Stash.share; a front's one Stash.resume call
    finishes both after a restart, with no other call."""
    book, clock = MemoryShareBook(), Clock()
    carol = UserKey("discord", "7")
    telegram_file = files.file_link("telegram-file:AgAD1", MediaFile("telegram", "f1",
                                                                     FileKind.VOICE))
    discord_file = files.file_link("discord-file:abc", MediaFile("discord", "k", FileKind.VOICE))
    stuck = asyncio.Event()

    class Stuck(FakeFetcher):  # the first process never gets past the download
        async def fetch(self, link: Link, window: int = 0) -> AudioClip:
            await stuck.wait()
            raise AssertionError("the first process was stopped")

    def held(link: Link) -> Callable[[], AbstractAsyncContextManager[Link]]:
        @asynccontextmanager
        async def hold() -> AsyncIterator[Link]:
            yield link
        return hold

    async def never(outcome: Outcome) -> None:
        raise AssertionError("the first process shows nothing")

    first = kept_stash(book, clock, Stuck(), playlists=FakePlaylists({ALICE, carol}))
    shares = [asyncio.create_task(first.share(ALICE, telegram_file, RecordingReporter(),
                                              ShownOn(never, "42", "7"))),
              asyncio.create_task(first.share(carol, Held(held(discord_file), "kept:abc"),
                                              RecordingReporter(),
                                              ShownOn(never, "9", "8")))]
    await until(lambda: len(book.rows) == 2)  # both on record
    on_record = {share.user.platform: share.link for share, _, _ in book.rows.values()}
    assert on_record["discord"] == "kept:abc" and "f1" in on_record["telegram"]
    await first.hand_over(grace=0)
    assert all(task.cancelled() for task in shares) and len(book.rows) == 2

    clips = {url: [AudioClip(b"drive", "wav", final_window=True)]
             for url in ("telegram-file:AgAD1", "discord-file:abc")}
    second = kept_stash(book, clock, FakeFetcher(clips),
                        playlists=FakePlaylists({ALICE, carol}))
    on_telegram, on_discord = Screen(), Screen()

    async def reopen_discord(share: KeptShare) -> Reopened:
        reopened = await on_discord.reopen(share)
        return replace(reopened, hold=held(discord_file))  # read again through its message

    second.resume("telegram", on_telegram.reopen)
    second.resume("discord", reopen_discord)
    await until(lambda: on_telegram.finals and on_discord.finals)
    assert [type(f) for f in on_telegram.finals + on_discord.finals] == [TrackAdded] * 2
    assert book.rows == {}
    await second.close()
