"""Logging set-up: text by default, one JSON object a line with LOG_FORMAT=json."""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from core.telemetry import share_id

# These log request URLs or headers at INFO/DEBUG: Telegram's URLs carry the bot token,
# spotipy's debug lines carry Authorization headers, python-telegram-bot's debug lines carry
# whole updates (people's messages, OAuth codes pasted back in a chat).
QUIET = ("httpx", "httpcore", "urllib3", "aiosqlite", "spotipy", "telegram")
# discord.py's gateway and HTTP debug lines carry every event and request body (messages,
# slash command options): kept at INFO, where they say only that they connected.
NO_DEBUG = ("discord.gateway", "discord.http", "discord.client", "discord.state")
# OAuth values and Stash's link codes, wherever a library prints them: as URL or form
# parameters (`code=…&state=…`), as dict or JSON fields, as a /start payload, or as a slash
# command option.
_OAUTH_KEYS = "code|state|access_token|refresh_token|code_verifier|id_token|client_secret|start"
_OAUTH_VALUES = (
    (re.compile(rf"(?<![A-Za-z0-9_])((?:{_OAUTH_KEYS})=)[^&\s\"'<>,)]+"), r"\1<redacted>"),
    (re.compile(rf"""(['"](?:{_OAUTH_KEYS})['"]\s*:\s*['"])[^'"]*"""), r"\1<redacted>"),
    (re.compile(r"(/start(?:@\w+)?\s+)\S+"), r"\1<redacted>"),
    # A slash command option named "code" (discord.py's event dumps): {'name': 'code', ...}.
    (re.compile(r"""(['"]name['"]\s*:\s*['"]code['"][^{}]*?['"]value['"]\s*:\s*['"])[^'"]*"""),
     r"\1<redacted>"),
)
# In libraries' debug dumps of messages: a bare authorization code pasted alone, and the link
# code shown on the callback page (Stash's own lines never print either).
_PASTED_VALUES = (
    (re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])"), "<redacted>"),
    (re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]{5}-[A-Za-z0-9]{5}(?![A-Za-z0-9])"), "<redacted>"),
)


class ShareIdFilter(logging.Filter):
    """Stamps each record with the id of the share being handled ('-' outside one)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.share_id = share_id.get()
        return True


class RedactSecrets(logging.Filter):
    """Blanks known secret values, bearer tokens, OAuth codes, states and tokens (and at DEBUG
    anything that looks like a pasted code) in every record a handler emits.

    On the handler, not on loggers: a logger's filter misses records of its child loggers.
    """

    _BEARER = re.compile(r"(Bearer|Basic|Bot)\s+[A-Za-z0-9._~+/=-]{8,}")

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        self._secrets = sorted({s for s in secrets if len(s) >= 6}, key=len, reverse=True)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = self._BEARER.sub(r"\1 <redacted>", message)
        for pattern, replacement in _OAUTH_VALUES + (
                _PASTED_VALUES if record.levelno < logging.INFO else ()):
            cleaned = pattern.sub(replacement, cleaned)
        for secret in self._secrets:
            cleaned = cleaned.replace(secret, "<redacted>")
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if any(secret in text for secret in self._secrets):
                record.exc_info, record.exc_text = None, None
                record.msg = f"{record.msg} (traceback withheld: it held a secret)"
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
    handler.addFilter(RedactSecrets(secrets))
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
