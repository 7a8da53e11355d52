"""A kept share is added and answered once, on SQLite and on PostgreSQL, even when its owner was
slow rather than dead: too slow to renew its lease (a herd holding every pooled connection), it
still runs the share while another process takes it over. Two Stash processes share one
database and one Spotify; the owner's renewals never run (its lease lapses by the clock)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from adapters.storage import Engine, open_database
from adapters.storage.postgres import PgDatabase
from adapters.storage.shares import SqlShareBook
from core.keeper import CLAIMED_GRACE
from core.kept import Reopened
from core.models import AudioClip, CatalogTrack, KeptShare, Link, PlaylistAdd, UserKey
from core.outcomes import Outcome, TrackAdded
from core.service import ShownOn, Stash
from tests.fakes import Clock, FakeFetcher, MemoryStore
from tests.fakes import RecordingReporter as Reporter
from tests.storage_engines import database, database_url, postgres_database, postgres_url
from tests.worlds import ALICE, ORIGINAL, REEL, kept_stash, take_over

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures
LEASE = 15.0  # kept_stash's


@dataclass
class Spotify:
    """One Spotify for both processes: a playlist holds a track as often as it is added
    (as Spotify's does). With `hold_first`, the first add waits until `answer` is set."""

    items: list[tuple[UserKey, str]] = field(default_factory=list)
    hold_first: bool = False
    adding: asyncio.Event = field(default_factory=asyncio.Event)
    answer: asyncio.Event = field(default_factory=asyncio.Event)

    async def has_account(self, user: UserKey) -> bool:
        return True

    async def add(self, user: UserKey, track: CatalogTrack) -> PlaylistAdd:
        held, self.hold_first = self.hold_first, False
        self.adding.set()
        if held:
            await self.answer.wait()
        already = (user, track.uri) in self.items
        self.items.append((user, track.uri))
        return PlaylistAdd("Stash", already_there=already)


@dataclass
class HeldFetcher(FakeFetcher):
    """The owner's download: it starts, then waits for `go` (the owner is slow, not dead)."""

    started: asyncio.Event = field(default_factory=asyncio.Event)
    go: asyncio.Event = field(default_factory=asyncio.Event)

    async def fetch(self, link: Link, window: int = 0) -> AudioClip:
        self.started.set()
        await self.go.wait()
        return await super().fetch(link, window)


@dataclass
class Answers:
    """What the person is shown, by either process."""

    shown: list[Outcome] = field(default_factory=list)

    async def show(self, outcome: Outcome) -> None:
        self.shown.append(outcome)

    async def reopen(self, share: KeptShare) -> Reopened:
        async def say(text: str) -> None:
            self.shown.append(text)  # type: ignore[arg-type]

        return Reopened(Reporter(), self.show, say)


async def until(event: asyncio.Event) -> None:
    """Wait (a bounded while) for an event."""
    await asyncio.wait_for(event.wait(), 10)


@dataclass
class Two:
    """Two processes on one database, one Spotify and one history: the owner's share of the
    reel under way (`sharing`), and a taker that may take it over."""

    clock: Clock
    spotify: Spotify
    store: MemoryStore
    answers: Answers
    owner: Stash
    sharing: asyncio.Task[Outcome | None]
    taker: Stash

    async def take_over(self) -> int:
        """One turn of the taker's take-over; how many shares it took (and finished)."""
        return await take_over(self.taker, "telegram", self.answers.reopen)

    def added_once(self) -> Outcome:
        """The one answer shown, once Spotify has the one add and history its one line."""
        assert self.spotify.items == [(ALICE, ORIGINAL.uri)]
        assert len(self.store.entries[ALICE]) == 1
        [answer] = self.answers.shown
        assert isinstance(answer, TrackAdded)
        return answer


def two(database: Engine, spotify: Spotify, fetcher: FakeFetcher | None = None) -> Two:
    clock, store, answers = Clock(), MemoryStore(), Answers()
    owner = kept_stash(SqlShareBook(database, clock), clock, fetcher, playlists=spotify,
                       store=store)
    sharing = asyncio.create_task(owner.share(ALICE, REEL, Reporter(),
                                              ShownOn(answers.show, "42", "7")))
    return Two(clock, spotify, store, answers, owner, sharing,
               kept_stash(SqlShareBook(database, clock), clock, playlists=spotify, store=store))


async def test_a_slow_owner_says_nothing_once_its_share_was_taken_over(database: Engine) -> None:
    held = HeldFetcher({REEL.canonical_url: [AudioClip(b"drive", "m4a")]})
    world = two(database, Spotify(), held)
    await until(held.started)
    world.clock.advance(LEASE + 1)  # the owner's renewals never got a connection
    assert await world.take_over() == 1
    held.go.set()  # the owner goes on where it was
    left = await asyncio.wait_for(world.sharing, 10)
    assert not world.added_once().playlist.already_there
    assert left is None  # the owner left the answer to the taker


async def test_a_share_claimed_for_its_add_waits_for_its_slow_owner(database: Engine) -> None:
    world = two(database, Spotify(hold_first=True))
    await until(world.spotify.adding)  # claimed; Spotify is slow to answer the owner's add
    world.clock.advance(LEASE + 1)  # and the owner's renewals never got a connection
    assert await world.take_over() == 0  # slow is not dead
    world.spotify.answer.set()
    await asyncio.wait_for(world.sharing, 10)
    assert not world.added_once().playlist.already_there


async def test_a_share_whose_claimer_died_mid_add_is_finished_with_one_add(
        database: Engine) -> None:
    world = two(database, Spotify(hold_first=True))
    await until(world.spotify.adding)
    world.sharing.cancel()  # killed while Spotify had its add (which it never made)
    await asyncio.gather(world.sharing, return_exceptions=True)
    world.clock.advance(LEASE + 1)
    assert await world.take_over() == 0  # it may only be slow
    world.clock.advance(LEASE * CLAIMED_GRACE)
    assert await world.take_over() == 1  # it is dead: finished here
    world.added_once()


async def test_a_process_stopping_hands_its_claimed_shares_over_at_once(
        database: Engine) -> None:
    world = two(database, Spotify(hold_first=True))
    await until(world.spotify.adding)
    await world.owner.hand_over(grace=0.0)  # a redeploy: its add is cut off
    await asyncio.gather(world.sharing, return_exceptions=True)  # cut off, left on record
    assert await world.take_over() == 1
    world.added_once()


async def test_leases_are_renewed_while_every_pooled_connection_is_busy(
        postgres_url: str) -> None:
    # A herd holds every pooled connection; the renewal has the reserved one to itself.
    engine = await open_database(postgres_url, pool_size=2)
    try:
        book = SqlShareBook(engine)
        await book.open(KeptShare("a", ALICE, REEL.original, "42", "7", started_at=1.0),
                        "owner", lease_until=100.0)
        assert isinstance(engine, PgDatabase)
        busy = [await engine.pool.acquire() for _ in range(2)]
        try:
            # Bounded only so that a failure ends: a renewal behind the herd never comes.
            assert await asyncio.wait_for(book.renew("owner", 200.0), 5) == 1
        finally:
            for connection in busy:
                await engine.pool.release(connection)
        assert await book.take_stale("telegram", "taker", 150.0, 165.0, 10) == []
    finally:
        await engine.close()


async def test_only_a_shares_lease_holder_claims_it_and_a_claim_outlasts_one_lapse(
        database: Engine) -> None:
    book = SqlShareBook(database)
    share = KeptShare("a", ALICE, REEL.original, "42", "7", started_at=1.0)
    await book.open(share, "owner", lease_until=100.0)
    assert not await book.claim("a", "other")  # not its lease
    assert await book.claim("a", "owner")
    assert await book.claim("a", "owner")  # asked again (a retry): still its own
    # Lapsed once: its claimer may be slow; lapsed before `abandoned`: it is taken for dead.
    assert await book.take_stale("telegram", "taker", 101.0, 116.0, 10, abandoned=41.0) == []
    [taken] = await book.take_stale("telegram", "taker", 161.0, 176.0, 10, abandoned=101.0)
    assert taken.share_id == "a"
    assert not await book.claim("a", "owner")  # the slow owner comes back: not its share now
    assert await book.claim("a", "taker")
    await book.release("taker")  # stopping: its claims go with it, the share at once
    [again] = await book.take_stale("telegram", "next", 162.0, 177.0, 10, abandoned=102.0)
    assert again.share_id == "a" and await book.claim("a", "next")
    await book.close("a")
    assert not await book.claim("a", "next")  # answered and gone


async def test_a_herds_claims_go_together_and_only_the_lease_holders_are_won(
        database: Engine) -> None:
    book = SqlShareBook(database)
    for n in range(1000):  # more than one statement takes
        await book.open(KeptShare(f"s{n}", ALICE, REEL.original, "42", str(n), started_at=1.0),
                        "owner" if n % 3 else "other", lease_until=100.0)
    assert await book.claim("s3", "owner") is False  # another process's lease
    assert await book.claim("s0", "other")  # claimed by its lease holder before the herd
    claims = await asyncio.gather(*(book.claim(f"s{n}", "owner") for n in range(1000)),
                                  book.claim("s0", "owner"), book.claim("gone", "owner"))
    assert [n for n, won in enumerate(claims[:1000]) if won] == \
        [n for n in range(1000) if n % 3]
    assert claims[1000:] == [False, False]
    assert await book.claim("s1", "owner")  # asked again (a retry): still its own
