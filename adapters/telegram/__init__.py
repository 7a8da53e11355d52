"""The Telegram front (python-telegram-bot): links in chats, commands, choices by buttons."""

from adapters.telegram.config import TelegramConfig, TelegramStartError
from adapters.telegram.front import TelegramFront
from adapters.telegram.pacing import MessagePacing

__all__ = ["MessagePacing", "TelegramConfig", "TelegramFront", "TelegramStartError"]
