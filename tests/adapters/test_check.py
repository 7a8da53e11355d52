"""`stash run --check`: one line per check, against stand-ins and against nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from adapters.storage.migrations import MIGRATIONS
from bot.check import run_checks
from bot.settings import load_settings
from sandbox.spotify import SpotifyStandIn
from sandbox.spotify.standin import SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET
from sandbox.telegram import TelegramStandIn


async def test_every_check_passes_against_working_services(tmp_path: Path) -> None:
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
    assert lines[0] == "ok    settings"
    assert f"ok    storage: schema version {len(MIGRATIONS)}" in lines
    assert "ok    telegram: @stash_test_bot" in lines
    assert "ok    spotify: app credentials accepted" in lines
    assert lines[-1].startswith("ok    shazam")


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
    assert "FAIL  shazam: unreachable" in text
    assert "WRONG-TOKEN" not in text and str(bad_cookies) not in text
