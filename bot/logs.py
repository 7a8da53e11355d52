"""Logging set-up: text by default, one JSON object a line with LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any, TextIO

from core.telemetry import share_id


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


def configure(level: str = "INFO", fmt: str = "text", stream: TextIO | None = None) -> None:
    """Send logs to stderr (or `stream`) in the chosen format and quiet chatty libraries."""
    handler = logging.StreamHandler(stream or sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(
            "%(asctime)s %(levelname)s [%(share_id)s] %(name)s: %(message)s"))
    handler.addFilter(ShareIdFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # These log request URLs or headers: Telegram's URLs carry the bot token, spotipy's debug
    # lines carry Authorization headers.
    for name in ("httpx", "httpcore", "urllib3", "aiosqlite", "spotipy"):
        logging.getLogger(name).setLevel(logging.WARNING)
