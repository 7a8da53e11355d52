"""Housekeeping: what is only kept for a while goes on schedule, on both engines."""

from __future__ import annotations

import asyncio

from prometheus_client import CollectorRegistry, generate_latest

from adapters.storage import Engine, SqlAccountStore, SqlStore
from adapters.storage.housekeeping import DAY, Housekeeper
from adapters.storage.leases import SqlLeases
from bot.bootstrap import build_front
from bot.run import count_pruned
from bot.settings import load_settings
from core.accounts import HeldAccount
from core.models import HistoryEntry, Identification, PendingChoice, UserKey, Verdict
from tests.storage_engines import database, database_url, postgres_database, postgres_url

__all__ = ["database", "database_url", "postgres_database", "postgres_url"]  # fixtures
ALICE = UserKey("telegram", "42")
PER_DAY = 4  # messages a simulated day; each also makes an identification and a choice


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


async def count(database: Engine, table: str) -> int:
    row = await database.fetchone(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 - fixed names
    assert row is not None
    return int(row[0])


async def one_day(store: SqlStore, accounts: SqlAccountStore, clock: Clock, day: int) -> None:
    for n in range(PER_DAY):
        assert await store.claim_message("telegram", "1", f"{day}-{n}")
        url = f"https://youtu.be/{day}-{n}"
        await store.cache_identification(Identification(url, Verdict.NOT_RECOGNIZED),
                                         clock.now + 3 * DAY)
    await store.save_choice(PendingChoice(f"c{day}", ALICE, "u", (), clock.now + 600))
    await accounts.save_state(f"s{day}", ALICE, "verifier", clock.now + 600)
    await accounts.hold_account(f"code{day}", HeldAccount(ALICE, "a", "A", b"c"), clock.now + 600)
    await store.record_history(ALICE, HistoryEntry("u", "added", clock.now, f"song {day}"))
    # A process killed while identifying a link leaves its lease behind.
    await SqlLeases(store.database, clock).take(f"identify {day}", "a killed process", 30)


async def test_a_year_of_traffic_leaves_the_database_bounded(database: Engine) -> None:
    clock = Clock()
    store, accounts = SqlStore(database, clock), SqlAccountStore(database, clock)
    pruned: dict[str, int] = {}
    keeper = Housekeeper(database, interval=DAY, inbox_days=7, clock=clock,
                         on_pruned=lambda t, n: pruned.__setitem__(t, pruned.get(t, 0) + n))
    for day in range(365):
        await one_day(store, accounts, clock, day)
        clock.now += DAY
        await keeper.run_once()
    # What is left is at most the retention window's worth, whatever the length of the run.
    assert await count(database, "inbox") <= 8 * PER_DAY
    assert await count(database, "identifications") <= 3 * PER_DAY
    assert await count(database, "choices") == 0
    assert await count(database, "oauth_states") == 0
    assert await count(database, "held_links") == 0
    assert await count(database, "leases") == 0
    assert pruned["inbox"] + await count(database, "inbox") == 365 * PER_DAY
    assert pruned["choices"] == pruned["oauth_states"] == pruned["held_links"] == 365
    assert pruned["leases"] == 365
    # The person's own history is theirs: it stays until /forget.
    assert len(await store.history(ALICE, 1000)) == 365


async def test_the_running_process_prunes_on_schedule_and_counts_it(database_url: str) -> None:
    settings = load_settings(_env_file=None, database_url=database_url, prune_interval=0.05)
    registry = CollectorRegistry()
    async with build_front(settings, on_pruned=count_pruned(registry)) as app:
        await app.store.save_choice(PendingChoice("old", ALICE, "u", (), 1.0))
        await app.store.claim_message("telegram", "1", "1")
        for _ in range(200):
            if await app.store.choice_owner("old", 0.0) is None:
                break
            await asyncio.sleep(0.05)
        assert await app.store.choice_owner("old", 0.0) is None
        assert not await app.store.claim_message("telegram", "1", "1")  # a week is kept
    metrics = generate_latest(registry).decode()
    assert 'stash_storage_pruned_rows_total{table="choices"} 1.0' in metrics
