"""PostgreSQL keeps Stash's promises between processes: real processes race for one thing.

To make each race certain rather than likely, this test holds the table the racers write to
(LOCK TABLE ... IN EXCLUSIVE MODE, reads still pass) until every racer is queued on it, then
lets them all go at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import IO, Any

import asyncpg
from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher
from adapters.spotify.accounts import SpotifyAccounts
from adapters.spotify.app import SpotifyApp
from adapters.storage import SqlAccountStore, SqlStore, open_database
from adapters.storage.migrations import MIGRATIONS
from core.accounts import HeldAccount
from sandbox.spotify import SpotifyStandIn
from tests.adapters.worlds import ALICE, REDIRECT, consent
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]  # fixtures
ROOT = Path(__file__).parents[2]
ADDS = "POST /v1/playlists/{playlist_id}/items"


def open_log(path: Path) -> IO[bytes]:
    return path.open("ab")


class Racer:
    """One child process, set up and waiting for the word."""

    def __init__(self, process: asyncio.subprocess.Process, log: IO[bytes]) -> None:
        self.process = process
        self.log = log  # a child logs to a file: a pipe nobody reads would block it

    @classmethod
    async def start(cls, log: Path, action: str, url: str, *args: str) -> Racer:
        errors = open_log(log)
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "tests.storage_child", action, url, *args, cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors)
        racer = cls(process, errors)
        assert await racer._line() == "ready", "see the child's log in " + str(log)
        return racer

    async def _line(self) -> str:
        assert self.process.stdout is not None
        return (await asyncio.wait_for(self.process.stdout.readline(), 60)).decode().strip()

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"go\n")
        self.process.stdin.close()

    async def result(self) -> Any:
        answer = await self._line()
        code = await asyncio.wait_for(self.process.wait(), 60)
        self.log.close()
        assert code == 0, answer
        return json.loads(answer)


@contextlib.asynccontextmanager
async def held(url: str, table: str, waiters: int) -> AsyncIterator[None]:
    """Hold `table` against writers; on leaving, wait until `waiters` are queued (on the table,
    or behind a racer that is), then let go."""
    connection = await asyncpg.connect(url)
    try:
        async with connection.transaction():
            await connection.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
            yield
            for _ in range(600):
                queued = await connection.fetchval(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND wait_event_type = 'Lock'")
                if queued >= waiters:
                    break
                await asyncio.sleep(0.05)
            assert queued >= waiters, "the racers never reached the table"
    finally:
        await connection.close()


async def race(url: str, table: str, racers: list[Racer]) -> list[Any]:
    async with held(url, table, len(racers)):
        for racer in racers:
            racer.go()
    return [await racer.result() for racer in racers]


async def test_two_processes_claiming_one_message_run_it_once(postgres_url: str,
                                                               tmp_path: Path) -> None:
    await (await open_database(postgres_url)).close()  # the schema, before the race
    racers = [await Racer.start(tmp_path / "child.log", "claim", postgres_url,
                                "telegram", "100", "5") for _ in range(3)]
    assert sorted(await race(postgres_url, "inbox", racers)) == [False, False, True]


async def test_two_processes_taking_one_link_state_one_wins(postgres_url: str,
                                                             tmp_path: Path) -> None:
    database = await open_database(postgres_url)
    await SqlAccountStore(database).save_state("state-1", ALICE, "the-verifier", 2e9)
    await database.close()
    racers = [await Racer.start(tmp_path / "child.log", "take", postgres_url, "state-1", "1e9")
              for _ in range(3)]
    assert sorted(await race(postgres_url, "oauth_states", racers), key=str) == [
        None, None, "the-verifier"]


async def test_two_processes_confirming_one_connect_code_one_links(postgres_url: str,
                                                                 tmp_path: Path) -> None:
    database = await open_database(postgres_url)
    await SqlAccountStore(database).hold_account(
        "LINK-CODE", HeldAccount(ALICE, "alice-sp", "Alice", b"cipher"), 2e9)
    await database.close()
    racers = [await Racer.start(tmp_path / "child.log", "take-held", postgres_url, "LINK-CODE",
                                "1e9") for _ in range(3)]
    assert sorted(await race(postgres_url, "held_links", racers), key=str) == [
        None, None, "alice-sp"]


async def test_two_processes_adding_one_track_for_one_person_add_it_once(
        postgres_url: str, tmp_path: Path) -> None:
    key = Fernet.generate_key().decode()
    async with SpotifyStandIn(redirect_uris=[REDIRECT]) as spotify:
        database = await open_database(postgres_url)
        app = SpotifyApp(spotify.client_id, spotify.client_secret, redirect_uri=REDIRECT,
                         api_base_url=spotify.api_base_url,
                         accounts_base_url=spotify.accounts_base_url)
        accounts = SpotifyAccounts(app, store=SqlAccountStore(database),
                                   cipher=TokenCipher([key]))
        spotify.login_as("alice")
        query = await consent(await accounts.authorize_url(ALICE))
        await accounts.finish(query["state"], query["code"], ALICE)  # pasted back in the chat
        playlist = spotify.create_playlist("alice", "Stash")
        await accounts.use_playlist(ALICE, playlist)
        await database.close()
        racers = [await Racer.start(tmp_path / "child.log", "add", postgres_url, key,
                                    spotify.accounts_base_url, spotify.client_id,
                                    spotify.client_secret) for _ in range(2)]
        results = await race(postgres_url, "playlist_adds", racers)
        assert spotify.playlist_items(playlist) == ["spotify:track:6runItUp0000000012"]
        assert spotify.calls[ADDS] == 1
    assert sorted(r["already_there"] for r in results) == [False, True]


async def test_processes_starting_together_migrate_once(postgres_url: str,
                                                        tmp_path: Path) -> None:
    racers = [await Racer.start(tmp_path / "child.log", "migrate", postgres_url)
              for _ in range(4)]
    for racer in racers:
        racer.go()
    applied = [await racer.result() for racer in racers]
    assert sorted(applied) == [0, 0, 0, len(MIGRATIONS)]
    database = await open_database(postgres_url)
    assert await database.schema_version() == len(MIGRATIONS)
    assert await SqlStore(database).claim_message("telegram", "1", "1")
    await database.close()


async def test_a_process_never_holds_more_connections_than_its_pool(postgres_url: str) -> None:
    database = await open_database(postgres_url, pool_size=2)
    watcher = await asyncpg.connect(postgres_url)
    seen: set[int] = set()
    try:
        busy = asyncio.gather(*(database.fetchone("SELECT pg_sleep(0.4)") for _ in range(8)))
        while not busy.done():  # eight queries at once, watched from outside the pool
            seen.add(await watcher.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                " AND pid <> pg_backend_pid()"))
            await asyncio.sleep(0.05)
        await busy
    finally:
        await watcher.close()
        await database.close()
    assert max(seen) == 2
