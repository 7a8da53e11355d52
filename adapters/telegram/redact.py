"""Keep the bot token out of logs: httpx logs every request URL, and the token is in it."""

from __future__ import annotations

import logging

# Loggers that are known to print Bot API URLs.
_LOGGERS = ("httpx", "httpcore", "telegram", "telegram.ext")


class TokenRedactor(logging.Filter):
    """A logging filter that replaces the token in a record's message with a placeholder."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record when its message holds the token; never drop it."""
        if not self._token:
            return True
        message = record.getMessage()
        if self._token in message:
            record.msg, record.args = message.replace(self._token, "<token>"), None
        return True

    def install(self) -> None:
        """Filter the loggers that print URLs."""
        for name in _LOGGERS:
            logging.getLogger(name).addFilter(self)

    def remove(self) -> None:
        """Stop filtering (the front stopped)."""
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self)
