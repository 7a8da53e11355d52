"""`stash run --check`: one line per check, for an operator setting up a new host."""

from __future__ import annotations

import asyncio
import base64
import functools
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TextIO

import aiohttp

from adapters.storage import StorageUnavailable, inspect_database, schema_behind
from bot.check_media import CheckFailed, CheckWarning, js_runtime, ytdlp_age
from bot.fronts import choose_fronts
from bot.settings import Settings, SettingsError

Check = tuple[str, Callable[[], Awaitable[str]]]
TIMEOUT = aiohttp.ClientTimeout(total=10)


async def run_checks(settings: Settings, out: TextIO, fronts_asked: str | None = None) -> int:
    """Run every check that applies; 0 when all pass (warnings included), 1 otherwise."""
    failures = 0
    for name, check in _checks(settings, fronts_asked):
        try:
            detail = await check()
            out.write(f"ok    {name}{': ' + detail if detail else ''}\n")
        except CheckWarning as err:
            out.write(f"warn  {name}: {err}\n")
        except CheckFailed as err:
            failures += 1
            out.write(f"FAIL  {name}: {err}\n")
        except (aiohttp.ClientError, TimeoutError, OSError) as err:
            failures += 1
            out.write(f"FAIL  {name}: unreachable ({type(err).__name__})\n")
    out.flush()
    return 1 if failures else 0


def _checks(settings: Settings, fronts_asked: str | None) -> list[Check]:
    checks: list[Check] = [("settings", lambda: _settings(settings, fronts_asked)),
                           ("storage", lambda: _storage(settings)),
                           ("javascript runtime", js_runtime), ("yt-dlp", ytdlp_age)]
    for index, path in settings.cookie_files().items():
        checks.append((f"cookies YTDLP_COOKIES_{index}", functools.partial(_cookies, path)))
    if settings.telegram_bot_token:
        checks.append(("telegram", lambda: _telegram(settings)))
    if settings.discord_bot_token:
        checks.append(("discord", lambda: _discord(settings)))
    checks.append(("spotify", lambda: _spotify(settings)))
    if settings.spotify_client_id and settings.token_encryption_keys:
        checks.append(("spotify host account", lambda: _host(settings)))
    checks.append(("shazam", lambda: _reachable(settings.shazam_api_base_url)))
    if settings.redis_url is not None:
        checks.append(("redis", lambda: _redis(settings)))
    return checks


async def _settings(settings: Settings, fronts_asked: str | None) -> str:
    """What `stash run` (with the same --fronts) would refuse is a failure here too."""
    try:
        fronts = choose_fronts(settings, fronts_asked)
    except SettingsError as err:
        raise CheckFailed(str(err)) from None
    return "fronts " + ", ".join(sorted(fronts))


async def _redis(settings: Settings) -> str:
    from adapters.jobs.queue import ping
    from bot.distributed import open_queue

    async with open_queue(settings) as queue:
        if not await ping(queue):
            raise CheckFailed("Redis at REDIS_URL does not answer: distributed mode cannot work")
        return f"queue {settings.redis_queue}: {await queue.count('queued')} jobs waiting"


async def _storage(settings: Settings) -> str:
    """The database as it is: a check never creates it or changes its schema."""
    try:
        database = await inspect_database(settings.database_url,
                                          busy_timeout=settings.database_busy_timeout)
    except StorageUnavailable as err:
        fresh = _not_created_yet(settings.database_url)
        if fresh is not None:  # a new host: the first `stash run` creates it
            raise CheckWarning(f"no database yet at {fresh} (`stash run` creates it there;"
                               " check the path if you expected one)") from None
        raise CheckFailed(str(err)) from None
    try:
        if not await database.ping():
            raise CheckFailed("the database does not answer")
        version, current = await schema_behind(database)
    except StorageUnavailable as err:
        raise CheckFailed(str(err)) from None
    finally:
        await database.close()
    if version < current:
        raise CheckWarning(f"{database.name}, schema version {version}: needs migration"
                           f" {version}→{current} (`stash run` applies it)")
    return f"{database.name}, schema version {version}"


def _not_created_yet(database_url: str) -> Path | None:
    """The SQLite file's absolute path when it is missing but its folder exists."""
    if not database_url.startswith("sqlite:///"):
        return None
    path = Path(database_url.removeprefix("sqlite:///")).absolute()
    return path if not path.exists() and path.parent.is_dir() else None


async def _cookies(path: Path) -> str:
    return await asyncio.to_thread(_read_cookies, path)


def _read_cookies(path: Path) -> str:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise CheckFailed(f"cannot read the file ({type(err).__name__})") from None
    rows = [line for line in lines if line.strip() and not line.startswith("#")]
    if not rows or not all(len(row.split("\t")) == 7 for row in rows):
        raise CheckFailed("not a Netscape cookie file (7 tab-separated fields a line)")
    return f"{len(rows)} cookies"


async def _telegram(settings: Settings) -> str:
    assert settings.telegram_bot_token is not None  # noqa: S101 - only listed when set
    url = f"{settings.telegram_api_base_url}{settings.telegram_bot_token.get_secret_value()}/getMe"
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session, session.post(url) as response:
        if response.status in (401, 404):
            raise CheckFailed("Telegram rejected TELEGRAM_BOT_TOKEN")
        data = await response.json(content_type=None)
    if not data.get("ok"):
        raise CheckFailed(f"Telegram answered {response.status}")
    return f"@{data['result'].get('username')}"


async def _discord(settings: Settings) -> str:
    assert settings.discord_bot_token is not None  # noqa: S101 - only listed when set
    headers = {"Authorization": f"Bot {settings.discord_bot_token.get_secret_value()}"}
    url = settings.discord_api_base_url.rstrip("/") + "/users/@me"
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session, \
            session.get(url, headers=headers) as response:
        if response.status == 401:
            raise CheckFailed("Discord rejected DISCORD_BOT_TOKEN")
        if response.status != 200:
            raise CheckFailed(f"Discord answered {response.status}")
        return str((await response.json()).get("username"))


async def _spotify(settings: Settings) -> str:
    if not (settings.spotify_client_id and settings.spotify_client_secret):
        unset = [name for name, value in (("SPOTIFY_CLIENT_ID", settings.spotify_client_id),
                                          ("SPOTIFY_CLIENT_SECRET", settings.spotify_client_secret))
                 if not value]
        raise CheckWarning(f"{' and '.join(unset)} not set: Stash names the songs it hears but "
                           "cannot find them on Spotify or add them to anyone's playlist")
    pair = f"{settings.spotify_client_id}:{settings.spotify_client_secret.get_secret_value()}"
    headers = {"Authorization": "Basic " + base64.b64encode(pair.encode()).decode()}
    url = settings.spotify_accounts_base_url.rstrip("/") + "/api/token"
    async with aiohttp.ClientSession(timeout=TIMEOUT) as session, session.post(
            url, data={"grant_type": "client_credentials"}, headers=headers) as response:
        if response.status in (400, 401):
            raise CheckFailed("Spotify rejected SPOTIFY_CLIENT_ID / SPOTIFY_CLIENT_SECRET")
        if response.status != 200:
            raise CheckFailed(f"Spotify answered {response.status}")
    return "app credentials accepted"


async def _host(settings: Settings) -> str:
    """The host account's name, proven by a harmless call (who am I) with its stored token."""
    from bot.host import open_host
    from core.errors import SpotifyNotConnected, StashError

    if not await _schema_current(settings):
        raise CheckWarning("none linked yet (`stash host link`, once `stash run` made the "
                           "database)")
    async with open_host(settings) as host:
        try:
            account = await host.check()
        except SpotifyNotConnected:
            raise CheckWarning("none linked: people with no Spotify account of their own only"
                               " see the match (`stash host link` keeps playlists for them)"
                               ) from None
        except StashError as err:
            raise CheckFailed(f"Spotify refused the host account ({err.kind}): run"
                              " `stash host link` again") from None
    off = "" if settings.hosted_playlists else "; hosted playlists off (HOSTED_PLAYLISTS=false)"
    return f"{account.display_name} ({account.spotify_user_id}), token works{off}"


async def _schema_current(settings: Settings) -> bool:
    """True when the database exists at this Stash's schema (a check never migrates it)."""
    try:
        database = await inspect_database(settings.database_url,
                                          busy_timeout=settings.database_busy_timeout)
    except StorageUnavailable:
        return False
    try:
        version, current = await schema_behind(database)
    except StorageUnavailable:
        return False
    finally:
        await database.close()
    return version == current


async def _reachable(url: str) -> str:
    """Whether `url` answers at all, naming it: the default is the real service's address."""
    try:
        async with aiohttp.ClientSession(timeout=TIMEOUT) as session, \
                session.get(url) as response:
            return f"{url} answered {response.status}"
    except (aiohttp.ClientError, TimeoutError, OSError) as err:
        raise CheckFailed(f"unreachable at {url} ({type(err).__name__})") from None
