"""`stash db copy`: a real SQLite file into a real PostgreSQL database, as an operator runs it."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from cryptography.fernet import Fernet

from adapters.crypto import TokenCipher
from adapters.storage import SqlAccountStore, SqlStore, open_database
from adapters.storage.accounts import ADDED
from adapters.storage.migrations import MIGRATIONS
from core.models import HistoryEntry, PendingChoice, UserKey
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]  # fixtures
ALICE = UserKey("telegram", "42")
BOB = UserKey("discord", "42")
CAROL = UserKey("telegram", "99")
WARNING = ("stash: db copy: stop Stash on the source first: what it writes during the copy is"
           " not copied\n")
TOKEN = {"access_token": "access-1", "refresh_token": "refresh-1", "expires_at": 2_000_000_000}


def stash(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          cwd=cwd, env=clean, timeout=120, check=False)


async def fill_sqlite(path: Path, cipher: TokenCipher) -> None:
    database = await open_database(f"sqlite:///{path}")
    store, accounts = SqlStore(database), SqlAccountStore(database)
    for n in range(30):
        await store.record_history(ALICE, HistoryEntry(
            f"https://youtu.be/a{n}", "added", 1_000.0 + n, f"Alice song {n}", ("Ärtist",),
            f"spotify:track:{n}", f"https://open.spotify.com/track/{n}"))
    await store.record_history(BOB, HistoryEntry("https://youtu.be/b", "not_linked", 5.0, "B"))
    await accounts.save_account(ALICE, "alice-sp", "Alice", cipher.encrypt(ALICE, TOKEN))
    await accounts.set_playlist(ALICE, "pl-1", "Stash")
    await accounts.record_add(ALICE, "pl-1", "spotify:track:1", ADDED)
    await store.save_choice(PendingChoice("c1", ALICE, "u", (), 2e9))  # transient: not copied
    await store.remember_answer(ALICE, ["link:https://youtu.be/a1"], "spotify:track:1")  # neither
    await store.claim_message("telegram", "1", "1")
    await database.close()


async def test_a_sqlite_deployment_moves_into_postgresql(tmp_path: Path, postgres_url: str
                                                         ) -> None:
    cipher = TokenCipher([Fernet.generate_key().decode()])
    await fill_sqlite(tmp_path / "stash.db", cipher)
    source = f"sqlite:///{tmp_path / 'stash.db'}"
    result = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == WARNING
    assert result.stdout == ("copied 2 people, 1 linked accounts (tokens still encrypted), 31 "
                             "history lines and 1 ledger lines from sqlite to postgresql\n")
    database = await open_database(postgres_url)
    store, accounts = SqlStore(database), SqlAccountStore(database)
    history = await store.history(ALICE, 100)
    assert [e.title for e in history] == [f"Alice song {n}" for n in range(29, -1, -1)]
    assert history[0].artists == ("Ärtist",) and history[0].track_uri == "spotify:track:29"
    account = await accounts.account(ALICE)
    assert account is not None and account.playlist_id == "pl-1"
    assert cipher.decrypt(ALICE, account.token_blob) == TOKEN  # same keys, same person
    assert await accounts.ledger_state(ALICE, "pl-1", "spotify:track:1") == ADDED
    assert [e.title for e in await store.history(BOB, 10)] == ["B"]
    assert await store.choice_owner("c1", 0.0) is None
    assert await store.remembered_answer(ALICE, ["link:https://youtu.be/a1"],
                                         ["spotify:track:1"]) is None
    await database.close()


async def test_a_second_copy_is_refused_and_with_merge_adds_nothing(
        tmp_path: Path, postgres_url: str) -> None:
    await fill_sqlite(tmp_path / "stash.db", TokenCipher([Fernet.generate_key().decode()]))
    source = f"sqlite:///{tmp_path / 'stash.db'}"
    first = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr == WARNING + ("stash: db copy: the target database already holds data: "
                            "pass --merge to add to it\n")
    merged = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, "--merge",
                                     cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert merged.stdout.startswith("copied 0 people, 0 linked accounts (tokens still "
                                    "encrypted), 0 history lines and 0 ledger lines")
    database = await open_database(postgres_url)
    assert len(await SqlStore(database).history(ALICE, 100)) == 30
    await database.close()


async def test_merging_keeps_what_the_target_had(tmp_path: Path, postgres_url: str) -> None:
    await fill_sqlite(tmp_path / "stash.db", TokenCipher([Fernet.generate_key().decode()]))
    target = await open_database(postgres_url)
    await SqlStore(target).record_history(CAROL, HistoryEntry("u", "added", 1.0, "Carol's"))
    await SqlStore(target).record_history(ALICE, HistoryEntry("u", "added", 1.0, "Alice's own"))
    source = f"sqlite:///{tmp_path / 'stash.db'}"
    merged = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, "--merge",
                                     cwd=tmp_path)
    assert merged.returncode == 0, merged.stderr
    assert [e.title for e in await SqlStore(target).history(CAROL, 10)] == ["Carol's"]
    assert len(await SqlStore(target).history(ALICE, 100)) == 31
    await target.close()


async def test_a_missing_source_is_refused_and_not_created(tmp_path: Path, postgres_url: str
                                                           ) -> None:
    typo = tmp_path / "stahs.db"
    result = await asyncio.to_thread(stash, "db", "copy", f"sqlite:///{typo}", postgres_url,
                                     cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"stash: storage: no database at {typo}\n"
    assert not os.listdir(tmp_path)


async def test_an_outdated_source_is_refused_and_left_as_it_is(tmp_path: Path, postgres_url: str
                                                               ) -> None:
    await fill_sqlite(tmp_path / "stash.db", TokenCipher([Fernet.generate_key().decode()]))
    older = len(MIGRATIONS) - 1
    with sqlite3.connect(tmp_path / "stash.db") as connection:
        connection.execute(f"PRAGMA user_version = {older}")
    source = f"sqlite:///{tmp_path / 'stash.db'}"
    result = await asyncio.to_thread(stash, "db", "copy", source, postgres_url, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == (f"stash: storage: the source database needs migration {older}→"
                             f"{len(MIGRATIONS)}: start this Stash on it once, then copy\n")
    with sqlite3.connect(tmp_path / "stash.db") as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == older
