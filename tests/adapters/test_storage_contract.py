"""The storage contract, run unchanged on SQLite and on PostgreSQL: every Store and AccountStore
method, as the bot relies on it."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest

from adapters.storage import Engine, SqlAccountStore, SqlStore, StorageUnavailable, open_database
from adapters.storage.accounts import ADDED, PENDING
from adapters.storage.leases import SqlLeases
from adapters.storage.migrations import MIGRATIONS
from adapters.storage.shares import SqlShareBook
from core.accounts import HeldAccount, HeldStatus
from core.models import (
    Candidate,
    CatalogTrack,
    HistoryEntry,
    Identification,
    KeptShare,
    PendingChoice,
    Recognition,
    UserKey,
    Verdict,
)
from tests.storage_engines import database, database_url, postgres_database, postgres_url

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures

ALICE = UserKey("telegram", "42")
SAME_NUMBER_ON_DISCORD = UserKey("discord", "42")
BOB = UserKey("telegram", "7")
TRACK = CatalogTrack("spotify:track:1", "Звёзды", ("Polina Grey",), "Nebo", 168_000, 39,
                     "RU0000000006", url="https://open.spotify.com/track/1")


class Clock:
    """A clock a test moves by hand."""

    def __init__(self, now: float = 1_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def entry(title: str, at: float, url: str | None = None) -> HistoryEntry:
    return HistoryEntry(url or f"https://youtu.be/{title}", "added", at, title, ("Artist",),
                        "spotify:track:1", "https://open.spotify.com/track/1")


async def test_the_schema_is_complete_and_migrating_again_does_nothing(database: Engine,
                                                                       database_url: str) -> None:
    assert await database.schema_version() == len(MIGRATIONS)
    again = await open_database(database_url)
    assert await again.schema_version() == len(MIGRATIONS)
    await again.close()
    assert await database.ping()


async def test_a_schema_newer_than_the_code_is_refused(database: Engine, database_url: str
                                                       ) -> None:
    async with database.write() as db:
        if database.name == "sqlite":
            await db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
        else:
            await db.execute("UPDATE stash_schema SET version = ?", (len(MIGRATIONS) + 1,))
    with pytest.raises(StorageUnavailable, match="newer than this Stash"):
        await open_database(database_url)


async def test_two_people_never_see_each_others_history(database: Engine) -> None:
    store = SqlStore(database)
    await store.record_history(ALICE, entry("alice-song", 1.0))
    await store.record_history(SAME_NUMBER_ON_DISCORD, entry("discord-song", 2.0))
    assert await store.history(ALICE, 10) == [entry("alice-song", 1.0)]
    assert [e.title for e in await store.history(SAME_NUMBER_ON_DISCORD, 10)] == ["discord-song"]
    assert await store.history(BOB, 10) == []


async def test_history_is_newest_first_and_paged(database: Engine) -> None:
    store = SqlStore(database)
    for n in range(7):
        await store.record_history(ALICE, entry(f"song{n}", float(n)))
    first = await store.history(ALICE, 3)
    second = await store.history(ALICE, 3, offset=3)
    assert [e.title for e in first] == ["song6", "song5", "song4"]
    assert [e.title for e in second] == ["song3", "song2", "song1"]


async def test_an_identification_round_trips_expires_and_is_replaced(database: Engine) -> None:
    store = SqlStore(database)
    ident = Identification("https://youtu.be/x", Verdict.AMBIGUOUS,
                           Recognition("Звёзды", ("Polina Grey",), isrc="RU0000000006"),
                           (Candidate(TRACK, 0.8), Candidate(TRACK, 0.7)))
    await store.cache_identification(ident, expires_at=100.0)
    assert await store.cached_identification("https://youtu.be/x", now=99.0) == ident
    assert await store.cached_identification("https://youtu.be/x", now=100.0) is None
    miss = Identification("https://youtu.be/x", Verdict.NOT_RECOGNIZED)
    await store.cache_identification(miss, expires_at=200.0)
    assert await store.cached_identification("https://youtu.be/x", now=150.0) == miss


async def test_a_choice_is_taken_once_and_only_by_its_owner(database: Engine) -> None:
    store = SqlStore(database)
    choice = PendingChoice("c1", ALICE, "https://youtu.be/x", (Candidate(TRACK, 0.8),), 50.0,
                           Recognition("Звёзды", ("Polina Grey",)), platform="youtube")
    await store.save_choice(choice)
    assert await store.choice_owner("c1", now=10.0) == ALICE
    assert await store.take_choice(SAME_NUMBER_ON_DISCORD, "c1", now=10.0) is None
    assert await store.take_choice(ALICE, "c1", now=10.0) == choice
    assert await store.take_choice(ALICE, "c1", now=10.0) is None
    assert await store.choice_owner("c1", now=10.0) is None


async def test_an_expired_choice_cannot_be_taken(database: Engine) -> None:
    store = SqlStore(database)
    await store.save_choice(PendingChoice("c2", ALICE, "u", (), 50.0))
    assert await store.choice_owner("c2", now=60.0) is None
    assert await store.take_choice(ALICE, "c2", now=60.0) is None


async def test_each_incoming_message_is_claimed_once(database: Engine) -> None:
    store = SqlStore(database)
    claims = await asyncio.gather(*(store.claim_message("telegram", "1", "7") for _ in range(20)))
    assert claims.count(True) == 1
    assert await store.claim_message("telegram", "2", "7")
    assert await store.claim_message("discord", "1", "7")


async def test_a_herd_of_messages_is_claimed_once_across_stores(database: Engine) -> None:
    # Claims arriving together commit in groups (more rows than one statement takes); two
    # stores on one database stand for two processes: each message is first exactly once.
    stores = (SqlStore(database), SqlStore(database))
    await stores[0].claim_message("telegram", "9", "5")  # seen before the herd
    messages = [str(n) for n in range(450)]
    claims = await asyncio.gather(*(store.claim_message("telegram", "9", m)
                                    for m in messages for store in stores))
    firsts = [m for m, claim in zip([m for m in messages for _ in stores], claims, strict=True)
              if claim]
    assert sorted(firsts) == sorted(m for m in messages if m != "5")


async def test_a_link_state_works_once_before_it_expires(database: Engine) -> None:
    accounts = SqlAccountStore(database)
    await accounts.save_state("s-old", ALICE, "verifier-0", expires_at=150.0)
    await accounts.save_state("s-1", ALICE, "verifier-1", expires_at=200.0)
    await accounts.save_state("s-gone", ALICE, "verifier-2", expires_at=50.0)
    assert await accounts.take_state("s-gone", now=100.0) is None
    taken = await accounts.take_state("s-1", now=100.0)
    assert taken is not None and (taken.user, taken.code_verifier) == (ALICE, "verifier-1")
    assert await accounts.take_state("s-1", now=100.0) is None


async def test_a_state_pasted_by_someone_else_stays_usable_by_its_owner(database: Engine) -> None:
    accounts = SqlAccountStore(database)
    await accounts.save_state("s-1", ALICE, "verifier-1", expires_at=200.0)
    assert await accounts.take_state("s-1", now=100.0, owner=BOB) is None
    taken = await accounts.take_state("s-1", now=100.0, owner=ALICE)
    assert taken is not None and taken.user == ALICE


async def test_a_held_account_is_taken_once_before_it_expires(database: Engine) -> None:
    accounts = SqlAccountStore(database, Clock(100.0))
    held = HeldAccount(ALICE, "alice-sp", "Alice", b"\x00cipher")
    await accounts.hold_account("CODE-1", held, expires_at=200.0)
    await accounts.hold_account("CODE-2", held, expires_at=150.0)
    assert await accounts.take_held("CODE-3", now=120.0) is None
    assert await accounts.take_held("CODE-1", now=120.0) == held
    assert await accounts.take_held("CODE-1", now=120.0) is None
    assert await accounts.take_held("CODE-2", now=160.0) is None  # expired
    row = await database.fetchone("SELECT COUNT(*) FROM held_links")
    assert row == (0,)


async def test_a_code_used_from_another_account_stays_known_without_its_token(
        database: Engine) -> None:
    accounts = SqlAccountStore(database, Clock(100.0))
    await accounts.hold_account("CODE-1", HeldAccount(ALICE, "a", "A", b"c"), expires_at=200.0)
    assert await accounts.held_status("CODE-1", now=120.0) == HeldStatus(ALICE, False)
    assert await accounts.take_held("CODE-1", now=120.0) is not None
    assert await accounts.held_status("CODE-1", now=120.0) is None  # used: gone
    await accounts.mark_used_elsewhere("CODE-1", ALICE, expires_at=200.0)
    assert await accounts.held_status("CODE-1", now=120.0) == HeldStatus(ALICE, True)
    assert await accounts.take_held("CODE-1", now=120.0) is None  # nothing to take
    assert await accounts.held_status("CODE-1", now=200.0) is None  # expired


async def test_an_account_is_linked_updated_and_unlinked(database: Engine) -> None:
    accounts = SqlAccountStore(database)
    assert await accounts.account(ALICE) is None
    await accounts.save_account(ALICE, "alice-sp", "Alice", b"\x00cipher-1")
    assert await accounts.set_playlist(ALICE, "pl-1", "Stash")
    assert await accounts.set_token(ALICE, b"\x00cipher-2")
    stored = await accounts.account(ALICE)
    assert stored is not None
    assert (stored.spotify_user_id, stored.token_blob, stored.playlist_id) == (
        "alice-sp", b"\x00cipher-2", "pl-1")
    assert await accounts.account(SAME_NUMBER_ON_DISCORD) is None
    await accounts.save_account(ALICE, "alice-sp", "Alice A.", b"\x00cipher-3")
    assert (await accounts.account(ALICE)).playlist_id == "pl-1"  # type: ignore[union-attr]
    await accounts.save_account(ALICE, "someone-else", "Else", b"\x00cipher-4")
    assert (await accounts.account(ALICE)).playlist_id is None  # type: ignore[union-attr]
    assert await accounts.delete_account(ALICE)
    assert not await accounts.delete_account(ALICE)
    assert not await accounts.set_token(ALICE, b"late refresh")
    assert await accounts.account(ALICE) is None


async def test_rewriting_tokens_touches_every_row_it_is_given(database: Engine) -> None:
    accounts = SqlAccountStore(database)
    await accounts.save_account(ALICE, "a", "A", b"old-a")
    await accounts.save_account(BOB, "b", "B", b"keep-b")
    counts = await accounts.rewrite_tokens(lambda blob: b"new" if blob == b"old-a" else None)
    assert counts == (1, 1)
    assert (await accounts.account(ALICE)).token_blob == b"new"  # type: ignore[union-attr]
    assert (await accounts.account(BOB)).token_blob == b"keep-b"  # type: ignore[union-attr]


async def test_the_ledger_lets_one_caller_add_a_track(database: Engine) -> None:
    clock = Clock()
    accounts = SqlAccountStore(database, clock)
    assert await accounts.ledger_state(ALICE, "pl", "spotify:track:1") is None
    claims = await asyncio.gather(*(accounts.claim_add(ALICE, "pl", "spotify:track:1", 60.0)
                                    for _ in range(10)))
    assert claims.count(True) == 1
    assert await accounts.ledger_state(ALICE, "pl", "spotify:track:1") == PENDING
    assert await accounts.ledger_state(SAME_NUMBER_ON_DISCORD, "pl", "spotify:track:1") is None
    assert await accounts.claim_add(BOB, "pl", "spotify:track:1", 60.0)  # someone else's ledger
    clock.now += 61  # the claimant died: after its lease another may take over
    assert await accounts.claim_add(ALICE, "pl", "spotify:track:1", 60.0)
    assert not await accounts.claim_add(ALICE, "pl", "spotify:track:1", 60.0)
    await accounts.release_add(ALICE, "pl", "spotify:track:1")  # its add failed: go at once
    assert await accounts.claim_add(ALICE, "pl", "spotify:track:1", 60.0)
    await accounts.record_add(ALICE, "pl", "spotify:track:1", ADDED)
    clock.now += 1_000
    assert not await accounts.claim_add(ALICE, "pl", "spotify:track:1", 60.0)
    assert await accounts.ledger_state(ALICE, "pl", "spotify:track:1") == ADDED


async def test_forget_removes_everything_held_on_the_person_and_nothing_else(
        database: Engine) -> None:
    store, accounts = SqlStore(database), SqlAccountStore(database)
    shared = "https://youtu.be/alice-only"
    await store.record_history(ALICE, entry("a", 1.0, shared))
    await store.record_history(ALICE, entry("b", 2.0))
    await store.record_history(BOB, entry("bob", 3.0))
    await store.cache_identification(Identification(shared, Verdict.NOT_RECOGNIZED), 1e12)
    await store.cache_identification(Identification("https://youtu.be/bob", Verdict.NOT_RECOGNIZED),
                                     1e12)
    await store.save_choice(PendingChoice("c9", ALICE, shared, (Candidate(TRACK, 0.8),), 1e12))
    await accounts.save_account(ALICE, "alice-sp", "Alice", b"cipher")
    await accounts.save_state("s-9", ALICE, "verifier", 1e12)
    await accounts.record_add(ALICE, "pl", "spotify:track:1", ADDED)
    await accounts.hold_account("CODE-9", HeldAccount(ALICE, "a", "A", b"c"), 1e12)
    assert await store.forget(ALICE) == 2
    assert await accounts.take_held("CODE-9", 0.0) is None
    assert await store.history(ALICE, 10) == []
    assert await store.cached_identification(shared, 0.0) is None
    assert await store.choice_owner("c9", 0.0) is None
    assert await accounts.account(ALICE) is None
    assert await accounts.take_state("s-9", 0.0) is None
    assert await accounts.ledger_state(ALICE, "pl", "spotify:track:1") is None
    assert [e.title for e in await store.history(BOB, 10)] == ["bob"]
    assert await store.cached_identification("https://youtu.be/bob", 0.0) is not None
    assert await store.forget(ALICE) == 0


def kept(share_id: str, user: UserKey = ALICE, at: float = 900.0) -> KeptShare:
    return KeptShare(share_id, user, "https://youtu.be/dQw4w9WgXcQ", "42", "7", "1/2",
                     started_at=at)


async def test_a_share_left_by_its_process_is_taken_over_once(database: Engine) -> None:
    book = SqlShareBook(database)
    await book.open(kept("a"), "dead", lease_until=1_000.0)
    await book.open(kept("b", at=950.0), "alive", lease_until=1_000.0)
    await book.open(kept("c", SAME_NUMBER_ON_DISCORD), "dead", lease_until=1_000.0)
    assert await book.take_stale("telegram", "new", 999.0, 1_030.0, 10) == []  # still leased
    assert await book.renew("alive", 1_060.0) == 1
    await book.stage("a", "adding")
    [taken] = await book.take_stale("telegram", "new", 1_001.0, 1_030.0, 10)
    assert taken == replace(kept("a"), stage="adding")
    assert await book.take_stale("telegram", "other", 1_001.0, 1_030.0, 10) == []  # once
    assert await book.renew("new", 1_045.0) == 1
    await book.close("a")
    assert await book.take_stale("telegram", "other", 1_050.0, 1_080.0, 10) == []  # closed
    [other] = await book.take_stale("telegram", "other", 1_061.0, 1_080.0, 10)
    assert other.share_id == "b"
    [discord] = await book.take_stale("discord", "other", 1_061.0, 1_080.0, 10)
    assert discord.user == SAME_NUMBER_ON_DISCORD


async def test_a_status_message_posted_later_is_on_the_record_taken_over(
        database: Engine) -> None:
    # A busy Discord channel: the share is on record before its status message is posted.
    book = SqlShareBook(database)
    await book.open(replace(kept("a"), message_id=""), "dead", lease_until=1_000.0)
    await book.posted("a", "99")
    [taken] = await book.take_stale("telegram", "new", 1_001.0, 1_030.0, 10)
    assert taken == replace(kept("a"), message_id="99")


async def test_two_processes_taking_over_at_once_take_each_share_once(
        database: Engine, database_url: str) -> None:
    await asyncio.gather(*(SqlShareBook(database).open(kept(str(n)), "dead", 1_000.0)
                           for n in range(20)))
    second = await open_database(database_url)
    try:
        books = [SqlShareBook(database), SqlShareBook(second)]
        found = await asyncio.gather(*(
            books[n % 2].take_stale("telegram", f"p{n % 2}", 1_001.0, 1_030.0, 3)
            for n in range(10)))
        # A batch that lost a race comes back short; the next round takes what is left.
        found.append(await books[0].take_stale("telegram", "p0", 1_001.0, 1_030.0, 20))
    finally:
        await second.close()
    ids = [share.share_id for batch in found for share in batch]
    assert sorted(ids) == sorted(str(n) for n in range(20))  # each once, none twice


async def test_forgetting_a_person_drops_their_kept_shares(database: Engine) -> None:
    book = SqlShareBook(database)
    await book.open(kept("a"), "dead", 1_000.0)
    await book.open(kept("b", BOB), "dead", 1_000.0)
    await SqlStore(database).forget(ALICE)
    assert [s.share_id for s in await book.take_stale("telegram", "new", 1_001.0, 1_030.0, 10)
            ] == ["b"]


async def test_a_lease_is_held_by_one_owner_until_it_lapses_or_is_given_up(database: Engine
                                                                          ) -> None:
    clock = Clock()
    leases = SqlLeases(database, clock)
    assert await leases.take("poll", "a", 10)
    assert not await leases.take("poll", "b", 10)
    assert await leases.take("poll", "a", 10)  # renewed
    assert await leases.take("other", "b", 10)
    clock.now += 11
    assert await leases.take("poll", "b", 10)  # a lapsed
    assert not await leases.take("poll", "a", 10)
    await leases.give_up("poll", "a")  # not a's to give up: nothing happens
    assert not await leases.take("poll", "a", 10)
    await leases.give_up("poll", "b")
    assert await leases.take("poll", "a", 10)


async def test_answers_are_kept_per_person_and_go_with_forget(database: Engine) -> None:
    store = SqlStore(database)
    for person in (ALICE, BOB):  # a person who answered was asked: their row exists
        await store.save_choice(PendingChoice(f"c-{person.user_id}", person, "https://x",
                                              (Candidate(TRACK, 0.8),), 1e12))
    every = ["spotify:track:a", "spotify:track:b", "spotify:track:c"]
    await store.remember_answer(ALICE, ["link:https://x", "shazam:1"], "spotify:track:a")
    assert await store.remembered_answer(ALICE, ["link:https://y", "shazam:1"], every) == \
        "spotify:track:a"
    assert await store.remembered_answer(BOB, ["link:https://x", "shazam:1"], every) is None
    assert await store.remembered_answer(SAME_NUMBER_ON_DISCORD, ["shazam:1"], every) is None
    await store.remember_answer(ALICE, ["shazam:1"], "spotify:track:b")  # a later answer
    assert await store.remembered_answer(ALICE, ["shazam:1"], every) == "spotify:track:b"
    await store.remember_answer(BOB, ["shazam:1"], "spotify:track:c")
    await store.forget(ALICE)
    assert await store.remembered_answer(ALICE, ["link:https://x", "shazam:1"], every) is None
    assert await store.remembered_answer(BOB, ["shazam:1"], every) == "spotify:track:c"


async def test_an_answer_counts_only_when_its_track_is_offered_now(database: Engine) -> None:
    """The link's pick is not among this search's tracks: the recording's pick still is."""
    store = SqlStore(database)
    await store.save_choice(PendingChoice("c", ALICE, "https://x", (Candidate(TRACK, 0.8),), 1e12))
    await store.remember_answer(ALICE, ["link:https://x"], "spotify:track:gone")
    await store.remember_answer(ALICE, ["shazam:1"], "spotify:track:b")
    keys = ["link:https://x", "shazam:1"]
    assert await store.remembered_answer(ALICE, keys, ["spotify:track:b"]) == "spotify:track:b"
    assert await store.remembered_answer(ALICE, keys, ["spotify:track:gone"]) == \
        "spotify:track:gone"
    assert await store.remembered_answer(ALICE, keys, ["spotify:track:z"]) is None
