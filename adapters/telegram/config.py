"""What the Telegram front is configured with, and how its start-up fails."""

from __future__ import annotations

from dataclasses import dataclass, field

from adapters.telegram.pacing import MessagePacing


class TelegramStartError(RuntimeError):
    """The front could not start; the message names the cause and never the token."""


@dataclass(frozen=True)
class TelegramConfig:
    """What the front needs from settings; `token` is a secret and is never logged."""

    token: str = field(repr=False)
    api_base_url: str = "https://api.telegram.org/bot"
    webhook_url: str | None = None
    webhook_secret: str | None = field(default=None, repr=False)
    pacing: MessagePacing = field(default_factory=MessagePacing)
    poll_timeout: float = 10.0
    history_page: int = 5

    @property
    def file_base_url(self) -> str:
        """Where files are downloaded: the API base with /file before its /bot."""
        base = self.api_base_url.rstrip("/")
        return base[:-4] + "/file/bot" if base.endswith("/bot") else base
