"""`stash run --check`: one line per check, against stand-ins and against nothing."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import deno
import pytest
import yt_dlp_ejs
from yt_dlp.version import __version__ as YTDLP_VERSION

from adapters.storage import open_database
from adapters.storage.migrations import MIGRATIONS
from bot.check import run_checks
from bot.check_media import CheckWarning, ytdlp_age_text
from bot.settings import load_settings
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from sandbox.telegram import TelegramStandIn
from tests.adapters.worlds import stash


async def test_every_check_passes_against_working_services(tmp_path: Path) -> None:
    await (await open_database(f"sqlite:///{tmp_path / 'stash.db'}")).close()  # as run leaves it
    cookies = tmp_path / "cookies.txt"
    cookies.write_text("# Netscape HTTP Cookie File\n"
                       ".instagram.com\tTRUE\t/\tTRUE\t0\tsessionid\tabc\n")
    async with TelegramStandIn("123456:TEST-TOKEN") as telegram, SpotifyStandIn() as spotify:
        settings = load_settings(
            _env_file=None, database_url=f"sqlite:///{tmp_path / 'stash.db'}",
            telegram_bot_token="123456:TEST-TOKEN", telegram_api_base_url=telegram.base_url,
            spotify_client_id=SANDBOX_CLIENT_ID, spotify_client_secret=SANDBOX_CLIENT_SECRET,
            spotify_accounts_base_url=spotify.accounts_base_url,
            token_encryption_keys="x" * 43 + "=", shazam_api_base_url=spotify.origin)
        out = io.StringIO()
        assert await run_checks(settings, out) == 0
    lines = out.getvalue().splitlines()
    assert lines[0] == "ok    settings: fronts telegram, web"
    assert f"ok    storage: sqlite, schema version {len(MIGRATIONS)}" in lines
    assert "ok    telegram: @stash_test_bot" in lines
    assert "ok    spotify: app credentials accepted" in lines
    assert (f"ok    javascript runtime: deno {deno_version()} ({deno.find_deno_bin()}), "
            f"solver scripts yt-dlp-ejs {yt_dlp_ejs.version}") in lines
    [age] = [line for line in lines if line[6:].startswith("yt-dlp: ")]
    assert age.startswith((f"ok    yt-dlp: {YTDLP_VERSION} (",
                           f"warn  yt-dlp: {YTDLP_VERSION} is "))
    assert lines[-1] == f"ok    shazam: {spotify.origin} answered 404"


def deno_version() -> str:
    """What the Deno binary itself says, not what Stash's code thinks."""
    out = subprocess.run([deno.find_deno_bin(), "--version"], capture_output=True, text=True,
                         check=True, timeout=30).stdout
    return out.split()[1]


async def test_failing_checks_say_what_failed_and_never_the_secret(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad_cookies = tmp_path / "cookies.txt"
    bad_cookies.write_text("not a cookie file\n")
    monkeypatch.setenv("YTDLP_COOKIES_3", str(bad_cookies))
    async with TelegramStandIn("123456:TEST-TOKEN") as telegram:
        settings = load_settings(
            _env_file=None, database_url=f"sqlite:///{tmp_path / 'stash.db'}",
            telegram_bot_token="654321:WRONG-TOKEN", telegram_api_base_url=telegram.base_url,
            shazam_api_base_url="http://127.0.0.1:9")
        out = io.StringIO()
        assert await run_checks(settings, out) == 1
    text = out.getvalue()
    assert "FAIL  cookies YTDLP_COOKIES_3: not a Netscape cookie file" in text
    assert "FAIL  telegram: Telegram rejected TELEGRAM_BOT_TOKEN" in text
    assert "FAIL  shazam: unreachable at http://127.0.0.1:9 (ClientConnectorError)" in text
    assert "WRONG-TOKEN" not in text and str(bad_cookies) not in text


def test_the_check_refuses_what_run_refuses_in_the_same_words(tmp_path: Path) -> None:
    env = {"SHAZAM_API_BASE_URL": "http://127.0.0.1:9"}  # no chat token at all
    run = stash("run", env=env, cwd=tmp_path)
    check = stash("run", "--check", env=env, cwd=tmp_path)
    assert run.returncode == 2
    refusal = run.stderr.strip().removeprefix("stash: ")
    assert refusal.startswith("no chat front to run: set TELEGRAM_BOT_TOKEN")
    assert check.returncode == 1
    assert check.stdout.splitlines()[0] == f"FAIL  settings: {refusal}"


async def test_spotify_not_set_up_is_a_warning_saying_what_it_means(tmp_path: Path) -> None:
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'stash.db'}",
                             discord_bot_token="unchecked", discord_api_base_url="http://127.0.0.1:9",
                             shazam_api_base_url="http://127.0.0.1:9")
    out = io.StringIO()
    await run_checks(settings, out)
    assert ("warn  spotify: SPOTIFY_CLIENT_ID and SPOTIFY_CLIENT_SECRET not set: Stash names the"
            " songs it hears but cannot find them on Spotify or add them to anyone's playlist"
            ) in out.getvalue().splitlines()


@pytest.mark.parametrize(("version", "today", "expected"), [
    ("2026.10.26", date(2026, 11, 30), "2026.10.26 (35 days old)"),
    ("2026.10.26", date(2026, 12, 25), "2026.10.26 (60 days old)"),
    ("2026.10.26.233700", date(2026, 10, 26), "2026.10.26.233700 (0 days old)"),  # nightly
])
def test_a_recent_yt_dlp_is_ok_with_its_age(version: str, today: date, expected: str) -> None:
    assert ytdlp_age_text(version, today) == expected


@pytest.mark.parametrize(("version", "today", "says"), [
    ("2026.10.26", date(2026, 12, 26), "2026.10.26 is 61 days old"),
    ("2025.11.12", date(2026, 11, 30), "2025.11.12 is 383 days old"),
    ("1.0", date(2026, 11, 30), "1.0: cannot tell when it was released"),
    ("2026.13.40", date(2026, 11, 30), "cannot tell when it was released"),
])
def test_an_old_yt_dlp_is_a_warning_naming_the_update_command(
        version: str, today: date, says: str) -> None:
    with pytest.raises(CheckWarning) as warning:
        ytdlp_age_text(version, today)
    assert says in str(warning.value)
    assert 'pip install --upgrade "yt-dlp[default]" deno' in str(warning.value)


async def test_no_javascript_runtime_fails_the_check_and_says_how_to_install_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed() -> str:
        raise FileNotFoundError("deno")

    monkeypatch.setattr(deno, "find_deno_bin", not_installed)
    monkeypatch.setenv("PATH", str(tmp_path))  # and none on PATH either
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'stash.db'}",
                             shazam_api_base_url="http://127.0.0.1:9")
    out = io.StringIO()
    assert await run_checks(settings, out) == 1
    assert ("FAIL  javascript runtime: no Deno found: YouTube links will fail. Install it: "
            'pip install --upgrade "yt-dlp[default]" deno') in out.getvalue().splitlines()


async def test_a_deno_too_old_for_yt_dlp_fails_the_check(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = tmp_path / "deno"
    old.write_text("#!/bin/sh\necho 'deno 2.0.0 (stable, release, x86_64-unknown-linux-gnu)'\n")
    old.chmod(0o755)
    monkeypatch.setattr(deno, "find_deno_bin", lambda: str(old))
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 'stash.db'}",
                             shazam_api_base_url="http://127.0.0.1:9")
    out = io.StringIO()
    assert await run_checks(settings, out) == 1
    assert "FAIL  javascript runtime: deno 2.0.0 is too old for yt-dlp" in out.getvalue()
