"""Logging set-up: text by default, one JSON object a line with LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the fields a log pipeline indexes."""

    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False)


def configure(level: str = "INFO", fmt: str = "text") -> None:
    """Send logs to stderr in the chosen format and quiet chatty libraries."""
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # These log request URLs or headers: Telegram's URLs carry the bot token, spotipy's debug
    # lines carry Authorization headers.
    for name in ("httpx", "httpcore", "urllib3", "aiosqlite", "spotipy"):
        logging.getLogger(name).setLevel(logging.WARNING)
