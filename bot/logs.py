"""Logging set-up: text by default, one JSON object a line with LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from adapters.redact import RedactingFilter, Redactor
from core.telemetry import share_id

# These log request URLs or headers at INFO/DEBUG: Telegram's URLs carry the bot token,
# spotipy's debug lines carry Authorization headers, python-telegram-bot's debug lines carry
# whole updates (people's messages, OAuth codes pasted back in a chat).
QUIET = ("adapters.telegram.http", "httpx", "httpcore", "urllib3", "aiosqlite", "spotipy",
         "telegram")
# discord.py's gateway and HTTP debug lines carry every event and request body (messages,
# slash command options): kept at INFO, where they say only that they connected.
NO_DEBUG = ("discord.gateway", "discord.http", "discord.client", "discord.state")
class ShareIdFilter(logging.Filter):
    """Stamps each record with the id of the share being handled ('-' outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.share_id = share_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the fields a log pipeline indexes."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "share": getattr(record, "share_id", "-"),
            "message": record.getMessage(),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure(level: str = "INFO", fmt: str = "text", stream: TextIO | None = None,
              secrets: Iterable[str] = ()) -> None:
    """Send logs to stderr (or `stream`) in the chosen format, secrets blanked, libraries quiet."""
    handler = logging.StreamHandler(stream or sys.stderr)
    # On the handler, not on loggers: a logger's filter misses records of its child loggers.
    handler.addFilter(RedactingFilter(Redactor(secrets)))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s [%(share_id)s] %(name)s: %(message)s"))
    handler.addFilter(ShareIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in NO_DEBUG:
        logging.getLogger(name).setLevel(max(root.getEffectiveLevel(), logging.INFO))
