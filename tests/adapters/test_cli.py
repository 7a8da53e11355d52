"""The `stash` command line as an operator meets it: one clear line, exit code 2, no secrets."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from tests.adapters.worlds import stash

SECRET = "do-not-print-this-value-7f3a"


@pytest.mark.parametrize(("env", "named"), [
    ({"HTTP_PORT": "not-a-port"}, "HTTP_PORT"),
    ({"HTTP_PORT": "70000"}, "HTTP_PORT"),
    ({"TOKEN_ENCRYPTION_KEYS": SECRET}, "TOKEN_ENCRYPTION_KEYS"),
    ({"SPOTIFY_CLIENT_ID": "app", "SPOTIFY_CLIENT_SECRET": SECRET}, "TOKEN_ENCRYPTION_KEYS"),
    ({"DATABASE_URL": f"mysql://user:{SECRET}@db/stash"}, "DATABASE_URL"),
    ({"LOG_FORMAT": "xml"}, "LOG_FORMAT"),
    ({"SPOTIFY_REDIRECT_URI": "http://localhost:8080/spotify/callback"}, "SPOTIFY_REDIRECT_URI"),
    ({"MEDIA_EXTRA_HOSTS": "http://x y"}, "MEDIA_EXTRA_HOSTS"),
    ({"MEDIA_EXTRA_HOSTS": "a.example b.example"}, "MEDIA_EXTRA_HOSTS"),
    ({"TELEGRAM_WEBHOOK_URL": "http://bot.example/tg"}, "TELEGRAM_WEBHOOK_URL"),
])
def test_a_bad_setting_stops_start_up_with_one_line_naming_it(
        tmp_path: Path, env: dict[str, str], named: str) -> None:
    result = stash("console", env=env, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and named in lines[0]
    assert "Traceback" not in result.stderr
    assert SECRET not in result.stderr + result.stdout


@pytest.mark.parametrize(("env", "advice"), [
    ({"SPOTIFY_CLIENT_ID": "app"}, "make one with `stash keygen`"),
    ({"MEDIA_EXTRA_HOSTS": "http://x y"}, "host or host:port, separated by commas"),
    ({"TELEGRAM_WEBHOOK_URL": "http://bot.example/tg"}, "must be https://"),
])
def test_a_refused_setting_says_what_to_do(tmp_path: Path, env: dict[str, str], advice: str
                                          ) -> None:
    result = stash("console", env=env, cwd=tmp_path)
    assert result.returncode == 2 and advice in result.stderr


@pytest.mark.parametrize("env", [
    {"MEDIA_EXTRA_HOSTS": "media.example.org, 10.0.0.5:8000"},
    # a local Bot API server (not Telegram's cloud) may post to http://
    {"TELEGRAM_WEBHOOK_URL": "http://127.0.0.1:8443/tg",
     "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot"},
])
def test_settings_in_the_right_shape_are_accepted(tmp_path: Path, env: dict[str, str]) -> None:
    result = stash("console", env=env, cwd=tmp_path, stdin="/quit\n")
    assert result.returncode == 0, result.stderr


def test_stash_alone_suggests_the_demo(tmp_path: Path) -> None:
    result = stash(cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == (
        "stash: choose a command; new here? `stash demo` shows the whole flow with no accounts"
        " and no network")


def test_a_bad_setting_in_the_env_file_is_reported_too(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("HTTP_PORT=eighty\n")
    result = stash("console", cwd=tmp_path)
    assert result.returncode == 2 and "HTTP_PORT" in result.stderr


def test_worker_without_redis_names_the_setting(tmp_path: Path) -> None:
    result = stash("worker", cwd=tmp_path)
    assert result.returncode == 2 and "REDIS_URL" in result.stderr


def test_keygen_prints_a_key_the_settings_accept(tmp_path: Path) -> None:
    result = stash("keygen", cwd=tmp_path)
    key = result.stdout.strip()
    Fernet(key.encode())
    with_key = stash("console", env={"TOKEN_ENCRYPTION_KEYS": key}, cwd=tmp_path, stdin="/quit\n")
    assert with_key.returncode == 0, with_key.stderr


def test_console_answers_and_keeps_its_database(tmp_path: Path) -> None:
    result = stash("console", cwd=tmp_path,
                   stdin="hello\nhttps://www.tiktok.com/@someone\n/history\n")
    assert result.returncode == 0, result.stderr
    assert "I didn't find a link in that." in result.stdout
    assert "That's a profile, not a video." in result.stdout
    assert "Nothing stashed yet." in result.stdout
    assert (tmp_path / "stash.db").exists()
    assert "INFO" not in result.stderr  # log lines would land amid the chat on the screen


def test_the_example_env_file_starts_as_it_is(tmp_path: Path) -> None:
    example = Path(__file__).parents[2] / ".env.example"
    (tmp_path / ".env").write_text(example.read_text())
    result = stash("console", cwd=tmp_path, stdin="/quit\n")
    assert result.returncode == 0, result.stderr


def test_the_example_env_file_names_every_setting() -> None:
    from bot.settings import Settings

    example = (Path(__file__).parents[2] / ".env.example").read_text()
    for name in Settings.model_fields:
        assert f"{name.upper()}=" in example
    assert "YTDLP_COOKIES_1=" in example


def test_rotate_keys_needs_the_keys_and_reports_its_count(tmp_path: Path) -> None:
    missing = stash("rotate-keys", cwd=tmp_path)
    assert missing.returncode == 2 and "TOKEN_ENCRYPTION_KEYS" in missing.stderr
    keys = f"{Fernet.generate_key().decode()},{Fernet.generate_key().decode()}"
    done = stash("rotate-keys", env={"TOKEN_ENCRYPTION_KEYS": keys}, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "re-encrypted 0 stored Spotify tokens" in done.stdout


def test_sentry_starts_from_its_setting_without_reaching_out(tmp_path: Path) -> None:
    result = stash("console", env={"SENTRY_DSN": "http://public@127.0.0.1:9/1",
                                   "SENTRY_RELEASE": "test"}, cwd=tmp_path, stdin="/quit\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
