"""A stand-in for the Telegram Bot API (api.telegram.org) driven by python-telegram-bot.

    async with TelegramStandIn("123456:TEST-TOKEN") as tg:
        app = Application.builder().token("123456:TEST-TOKEN").base_url(tg.base_url)
        app = app.base_file_url(tg.base_file_url).build()
        alice = tg.add_user(1001, "Alice", "alice")
        tg.user_sends(alice, "/stash https://www.instagram.com/reel/abc/")
        await tg.wait_for(lambda: tg.transcript(alice.id)[-1].from_bot)

Tests drive it through Python control methods on the stand-in (see `control.py`).
"""

from sandbox.telegram.flood import FloodLimits
from sandbox.telegram.model import CallbackAnswer, TgUser, TranscriptEntry
from sandbox.telegram.standin import DEFAULT_TOKEN, ApiCall, TelegramStandIn

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "CallbackAnswer",
    "FloodLimits",
    "TelegramStandIn",
    "TgUser",
    "TranscriptEntry",
]
