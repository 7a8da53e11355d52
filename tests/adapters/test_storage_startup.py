"""Start-up with storage that cannot be used: one line, exit code 2, the process gone.

Each case runs `stash run` as a real process with a deadline: a process that hangs after its
error is never restarted by systemd, so a hang fails here as surely as a traceback.
"""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from adapters.storage import StorageUnavailable, open_database
from sandbox.databases import admin
from tests.storage_engines import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]  # fixtures

LOG_RECORD = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")


def stash_run(database_url: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items()
             if not k.startswith(("TELEGRAM_", "DISCORD_", "SPOTIFY_", "TOKEN_", "DATABASE_"))}
    env = {**clean, "DATABASE_URL": database_url, "DATABASE_BUSY_TIMEOUT": "1",
           "TELEGRAM_BOT_TOKEN": "123:never-used", "HTTP_PORT": "1",
           "TELEGRAM_API_BASE_URL": "http://127.0.0.1:9/bot"}
    return subprocess.run([sys.executable, "-m", "bot", "run", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60, check=False)


def assert_one_line_and_exit_2(result: subprocess.CompletedProcess[str], says: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if not LOG_RECORD.match(line)]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith("stash: storage:") and says in errors[0]


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "stash.db").write_bytes(os.urandom(8192))
    result = stash_run(f"sqlite:///{tmp_path / 'stash.db'}", tmp_path)
    assert_one_line_and_exit_2(result, "not a database")


def test_a_truncated_database(tmp_path: Path) -> None:
    path = tmp_path / "stash.db"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE filler (x TEXT)")
        raw.executemany("INSERT INTO filler VALUES (?)", [("x" * 500,)] * 200)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    result = stash_run(f"sqlite:///{path}", tmp_path)
    assert_one_line_and_exit_2(result, "malformed")


@pytest.mark.parametrize("wal", [False, True], ids=["rollback-journal", "wal"])
def test_a_database_locked_by_another_process(tmp_path: Path, wal: bool) -> None:
    path = tmp_path / "stash.db"
    other = sqlite3.connect(path, isolation_level=None)
    if wal:
        other.execute("PRAGMA journal_mode = WAL")
    other.execute("BEGIN EXCLUSIVE")  # this test's process holds the lock throughout
    try:
        result = stash_run(f"sqlite:///{path}", tmp_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_one_line_and_exit_2(result, "locked")


@pytest.mark.parametrize("where", ["a-file/stash.db", "/proc/no-such-folder/stash.db"])
def test_a_folder_that_cannot_be_made(tmp_path: Path, where: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    path = where if where.startswith("/") else str(tmp_path / where)
    result = stash_run(f"sqlite:///{path}", tmp_path)
    assert_one_line_and_exit_2(result, "cannot open the database")


def test_the_database_file_is_its_owners_alone(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "bot", "console"], input="/quit\n",
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env={**os.environ, "DATABASE_URL": "sqlite:///data/stash.db"},
                            check=False)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE((tmp_path / "data" / "stash.db").stat().st_mode) == 0o600


PASSWORD = "hunter2-never-printed"


@pytest.mark.parametrize(("url", "says"), [
    (f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/stash", "cannot connect to PostgreSQL at"
                                                           " 127.0.0.1:1/stash"),
    # The machine's server trusts every local login, so a wrong password cannot be provoked
    # here; a login the server refuses (no such role) fails at the same step.
    (f"postgresql://no_such_role:{PASSWORD}@127.0.0.1:5432/postgres", "no_such_role"),
    ("postgresql://postgres@127.0.0.1:5432/stash_no_such_database", "does not exist"),
])
def test_postgresql_that_cannot_be_used(tmp_path: Path, url: str, says: str,
                                        postgres_database: str) -> None:
    result = stash_run(url, tmp_path)
    assert_one_line_and_exit_2(result, says)
    assert PASSWORD not in result.stderr + result.stdout


async def test_a_postgresql_schema_newer_than_the_code(tmp_path: Path, postgres_url: str) -> None:
    await (await open_database(postgres_url)).close()
    await admin("UPDATE stash_schema SET version = version + 1",
                database=postgres_url.rsplit("/", 1)[1])
    result = await asyncio.to_thread(stash_run, postgres_url, tmp_path)
    assert_one_line_and_exit_2(result, "newer than this Stash")


MALFORMED = [f"postgresql://stash:{PASSWORD}@127.0.0.1:notaport/stash",
             f"postgresql://stash:{PASSWORD}@[::1/stash",
             f"postgresql://stash:{PASSWORD}@127.0.0.1:99999/stash"]


@pytest.mark.parametrize("url", MALFORMED)
def test_a_malformed_database_url_is_one_line_naming_the_setting(tmp_path: Path, url: str
                                                                 ) -> None:
    result = stash_run(url, tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("stash: setting DATABASE_URL is invalid: ")
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert PASSWORD not in result.stderr + result.stdout


@pytest.mark.parametrize("url", MALFORMED)
async def test_a_malformed_postgresql_url_given_directly_is_storage_unavailable(url: str) -> None:
    # `stash db copy` takes its URLs from the command line, not through the settings.
    with pytest.raises(StorageUnavailable) as raised:
        await open_database(url)
    assert "malformed" in str(raised.value) and PASSWORD not in str(raised.value)
