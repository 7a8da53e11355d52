"""Which fronts one `stash run` process carries (`--fronts`), so operators can place them."""

from __future__ import annotations

from bot.settings import Settings, SettingsError

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
