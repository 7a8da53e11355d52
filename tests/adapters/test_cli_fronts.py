"""`stash run --fronts` and the Discord shard settings: what an operator asks for, or one clear
line on what does not fit (exit 2), before anything starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.bootstrap import build_front
from bot.fronts import build_fronts, choose_fronts
from bot.settings import SettingsError, load_settings
from tests.adapters.worlds import stash

TOKENS = {"telegram_bot_token": "123:abc", "discord_bot_token": "x.y.z"}


@pytest.mark.parametrize(("tokens", "asked", "chosen"), [
    (TOKENS, None, {"telegram", "discord", "web"}),
    ({"discord_bot_token": "x.y.z"}, None, {"discord", "web"}),
    (TOKENS, "telegram,web", {"telegram", "web"}),
    (TOKENS, " Discord ", {"discord"}),
    ({}, "web", {"web"}),  # the Spotify callback and /metrics on their own
])
def test_the_fronts_a_process_runs(tokens: dict[str, str], asked: str | None,
                                   chosen: set[str]) -> None:
    assert choose_fronts(load_settings(**tokens), asked) == chosen


@pytest.mark.parametrize(("tokens", "asked", "said"), [
    ({}, None, "no chat front to run"),
    (TOKENS, "telegram,slack", "unknown front 'slack'"),
    ({"discord_bot_token": "x.y.z"}, "telegram", "TELEGRAM_BOT_TOKEN is missing"),
    ({**TOKENS, "telegram_webhook_url": "https://bot.example/tg"}, "telegram",
     "add web"),
    (TOKENS, ",", "names no front"),
])
def test_fronts_that_cannot_run_are_refused_in_one_line(tokens: dict[str, str], asked: str | None,
                                                         said: str) -> None:
    with pytest.raises(SettingsError, match=said):
        choose_fronts(load_settings(**tokens), asked)


@pytest.mark.parametrize(("env", "said"), [
    ({"DISCORD_SHARD_IDS": "0"}, "DISCORD_SHARD_IDS needs DISCORD_SHARD_COUNT"),
    ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "0,2"}, "between 0 and 1"),
    ({"DISCORD_SHARD_COUNT": "2", "DISCORD_SHARD_IDS": "1,1"}, "names a shard twice"),
    ({"DISCORD_SHARD_COUNT": "0"}, "DISCORD_SHARD_COUNT"),
])
def test_shard_settings_that_do_not_fit_stop_start_up(tmp_path: Path, env: dict[str, str],
                                                      said: str) -> None:
    result = stash("run", "--fronts", "discord", env={"DISCORD_BOT_TOKEN": "x.y.z", **env},
                   cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert said in line


def test_an_unknown_front_is_one_line_and_exit_2(tmp_path: Path) -> None:
    result = stash("run", "--fronts", "telegram,irc", env={"TELEGRAM_BOT_TOKEN": "1:a"},
                   cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "unknown front 'irc'" in line and "Traceback" not in result.stderr


def test_shards_listed_are_the_ones_carried() -> None:
    settings = load_settings(discord_bot_token="x.y.z", discord_shard_count=4,
                             discord_shard_ids="3, 1")
    assert (settings.discord_shard_count, settings.discord_shard_ids) == (4, [3, 1])


@pytest.mark.parametrize(("env", "rate"), [
    ({}, 0), ({"telegram_paid_broadcast_per_second": 50}, 50)])
async def test_paid_broadcasts_are_sent_only_at_the_rate_an_operator_set(
        tmp_path: Path, env: dict[str, int], rate: int) -> None:
    settings = load_settings(_env_file=None, database_url=f"sqlite:///{tmp_path / 's.db'}",
                             telegram_webhook_url="https://bot.example/tg", **TOKENS, **env)
    async with build_front(settings) as app:
        telegram = build_fronts(settings, app, frozenset({"telegram"}))["telegram"].runner
        assert telegram.deps.sender.budget.paid_per_second == rate


def test_a_paid_rate_past_telegrams_limit_stops_start_up(tmp_path: Path) -> None:
    result = stash("run", env={"TELEGRAM_BOT_TOKEN": "1:a",
                               "TELEGRAM_PAID_BROADCAST_PER_SECOND": "5000"}, cwd=tmp_path)
    assert result.returncode == 2
    [line] = result.stderr.strip().splitlines()
    assert "TELEGRAM_PAID_BROADCAST_PER_SECOND" in line
