"""Keep the bot token out of logs: the Bot API request lines hold it in their URLs."""

from __future__ import annotations

import logging

from adapters.redact import RedactingFilter, Redactor, filter_loggers

# Loggers that are known to print Bot API URLs.
_LOGGERS = ("adapters.telegram.http", "httpx", "httpcore", "telegram", "telegram.ext")


class TokenRedactor(RedactingFilter):
    """The shared redaction on the loggers that print URLs, with this front's token as
    `<token>`; on the loggers themselves, so it holds even where bot.logs is not set up."""

    def __init__(self, token: str) -> None:
        super().__init__(Redactor([token], placeholder="<token>"))

    def install(self) -> None:
        """Filter the loggers that print URLs."""
        filter_loggers(_LOGGERS, self)

    def remove(self) -> None:
        """Stop filtering (the front stopped)."""
        for name in _LOGGERS:
            logging.getLogger(name).removeFilter(self)
