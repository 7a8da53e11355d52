"""Which fronts one `stash run` process carries (`--fronts`, so operators can place them), and
building the chat fronts among them that have a token."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.settings import Settings, SettingsError

if TYPE_CHECKING:
    from aiohttp import web
    from telegram.ext import BaseRateLimiter

    from bot.bootstrap import FrontParts

FRONTS = ("telegram", "discord", "web")


def choose_fronts(settings: Settings, asked: str | None) -> frozenset[str]:
    """The fronts this process runs: those `--fronts` names, or every chat front that has a
    token plus the web server. Raises SettingsError naming what does not fit."""
    tokens = {"telegram": settings.telegram_bot_token, "discord": settings.discord_bot_token}
    if asked is None:
        chosen = {name for name, token in tokens.items() if token} | {"web"}
    else:
        chosen = {part.strip().lower() for part in asked.split(",") if part.strip()}
        if unknown := sorted(chosen - set(FRONTS)):
            raise SettingsError(f"--fronts: unknown front {unknown[0]!r} "
                                f"(choose from {', '.join(FRONTS)})")
        for name in sorted(chosen & set(tokens)):
            if not tokens[name]:
                raise SettingsError(f"--fronts names {name} but setting "
                                    f"{name.upper()}_BOT_TOKEN is missing")
    if not chosen & set(tokens) and asked is None:
        raise SettingsError("no chat front to run: set TELEGRAM_BOT_TOKEN or DISCORD_BOT_TOKEN "
                            "(or talk to Stash with `stash console`)")
    if not chosen:
        raise SettingsError("--fronts names no front")
    if "telegram" in chosen and settings.telegram_webhook_url and "web" not in chosen:
        raise SettingsError("--fronts: Telegram's webhook (TELEGRAM_WEBHOOK_URL) is served by "
                            "the web front: add web, or unset TELEGRAM_WEBHOOK_URL to poll")
    return frozenset(chosen)


async def _keep_taking() -> None:
    """Discord does not deliver again what a stopped process missed: go on taking messages
    (their shares are handed over with the rest)."""


@dataclass
class Front:
    """One chat front: started and stopped with `async with runner`."""

    runner: Any  # TelegramFront | DiscordFront
    connected: Callable[[], bool]
    pause: Callable[[], Awaitable[None]] = _keep_taking

    def mount(self, app: web.Application) -> None:
        """Add the front's routes (Telegram's webhook) to the web server before it starts."""
        mount = getattr(self.runner, "mount", None)
        if mount is not None:
            mount(app)


def build_fronts(settings: Settings, app: FrontParts,
                 chosen: frozenset[str] = frozenset(FRONTS)) -> dict[str, Front]:
    """The chosen chat fronts whose token is set, built but not started, by platform name.
    Each chat library is loaded only when its front runs here (tens of MB each)."""
    fronts: dict[str, Front] = {}
    if settings.telegram_bot_token and "telegram" in chosen:
        from adapters.storage.leases import SqlLeases
        from adapters.telegram import MessagePacing, TelegramConfig, TelegramFront
        from adapters.telegram.downloads import FileAccess
        from bot.polling import PollingLease

        secret = settings.telegram_webhook_secret
        telegram = TelegramFront(app.stash, app.connecting, TelegramConfig(
            settings.telegram_bot_token.get_secret_value(), settings.telegram_api_base_url,
            webhook_url=settings.telegram_webhook_url,
            webhook_secret=secret.get_secret_value() if secret else None,
            pacing=MessagePacing(paid_per_second=settings.telegram_paid_broadcast_per_second)),
            app.files, FileAccess(settings.media_max_bytes, settings.telegram_local_files_dir),
            rate_limiter=_shared_rate(settings))
        # Long polling is one process's job; webhook replicas may be many.
        runner: Any = telegram if settings.telegram_webhook_url else \
            PollingLease(telegram, SqlLeases(app.database))
        fronts["telegram"] = Front(runner, lambda: telegram.application.running, telegram.pause)
    if settings.discord_bot_token and "discord" in chosen:
        from adapters.discord import DiscordConfig, DiscordFront

        discord = DiscordFront(app.stash, app.connecting, DiscordConfig(
            settings.discord_bot_token.get_secret_value(), settings.discord_api_base_url,
            cdn_base_url=settings.discord_cdn_base_url,
            shard_count=settings.discord_shard_count,
            shard_ids=tuple(settings.discord_shard_ids)), app.files, settings.media_max_bytes)
        fronts["discord"] = Front(
            discord, lambda: discord.client.is_ready() and not discord.client.is_closed())
    return fronts


def _shared_rate(settings: Settings) -> BaseRateLimiter[Any] | None:
    """With REDIS_URL, Telegram's send rates are one budget for every replica of the bot."""
    if settings.redis_url is None or settings.telegram_bot_token is None:
        return None
    # `limits` comes with the distributed extra, which REDIS_URL needs anyway.
    from limits import RateLimitItemPerSecond

    from adapters.telegram.shared_rate import SharedRateLimiter, redis_windows

    bot_id = settings.telegram_bot_token.get_secret_value().split(":", 1)[0]  # public, no secret
    paid = settings.telegram_paid_broadcast_per_second
    return SharedRateLimiter(redis_windows(settings.redis_url.get_secret_value()),
                             f"stash:telegram:{bot_id}",
                             paid=RateLimitItemPerSecond(paid) if paid else None)


def start_errors() -> tuple[type[Exception], ...]:
    """The start-up errors of the chat fronts loaded in this process."""
    errors: list[type[Exception]] = []
    if "adapters.telegram" in sys.modules:
        from adapters.telegram import TelegramStartError

        errors.append(TelegramStartError)
    if "adapters.discord" in sys.modules:
        from adapters.discord import DiscordStartError

        errors.append(DiscordStartError)
    return tuple(errors)
