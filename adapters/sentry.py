"""Error reports to Sentry, with tokens, cookies and the given secrets scrubbed before sending."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import sentry_sdk
from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber
from sentry_sdk.transport import Transport
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

FILTERED = "[Filtered]"
MAX_BREADCRUMBS = 30

# Key names (lowercased, punctuation as "_") whose values are secret whatever they hold.
_SECRET_KEY = re.compile(
    r"token|secret|passw(?:or)?d|code_verifier|cookie|authori[sz]ation|credential"
    r"|(?:^|_)(?:auth|dsn|key|keys|api_?key|private_?key)(?:$|_)")
# Secrets as they show up inside text: headers, query strings, reprs, URLs, cookie files.
_TEXT_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Telegram puts the bot token in every Bot API URL: .../bot123456:AAE.../getUpdates
    (re.compile(r"\bbot\d+:[\w-]+"), "bot" + FILTERED),
    (re.compile(r"\b\d{6,}:[\w-]{30,}"), FILTERED),
    (re.compile(r"(?i)\b(bearer|basic|bot)(\s+)[\w.~+/-]{16,}=*"), r"\1\2" + FILTERED),
    # "Cookie: a=b; c=d", "'Authorization': 'Bearer x'", "access_token=x", '"token": "x"'
    (re.compile(r"(?i)((?:set-)?cookie|(?:proxy-)?authorization)([\"']?\s*[:=]\s*[\"']?)"
                r"[^\r\n\"']+"), r"\1\2" + FILTERED),
    # Header pairs as tuples in a repr: ('Cookie', 'sessionid=...')
    (re.compile(r"(?i)([\"'](?:set-)?cookie[\"']\s*,\s*[\"'])[^\"']+"), r"\1" + FILTERED),
    (re.compile(r"(?i)([\w-]*(?:token|secret|passw(?:or)?d|code_verifier|api_?key)[\w-]*"
                r"[\"']?\s*[:=]\s*[\"']?)[^\s\"'&,;}]+"), r"\1" + FILTERED),
    # A password in a URL's user info: redis://:password@host, postgresql://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/\s@]*:)[^@\s/]+@"), r"\1" + FILTERED + "@"),
    # OAuth's one-time code in a callback URL or a query string.
    (re.compile(r"(?i)((?:^|[?&])code=)[^&\s#\"']+"), r"\1" + FILTERED),
    # Netscape cookie files (YTDLP_COOKIES_n): domain, flag, path, secure, expiry, name, value.
    (re.compile(r"(?m)^(\S+\t(?:TRUE|FALSE)\t\S*\t(?:TRUE|FALSE)\t\d+\t[^\t\n]+\t)[^\n]*"),
     r"\1" + FILTERED),
)


class Scrubber:
    """Walks an event or breadcrumb and replaces everything that looks like a secret."""

    def __init__(self, secrets: Iterable[str]) -> None:
        known = sorted({s for s in secrets if s}, key=len, reverse=True)
        self._known = re.compile("|".join(map(re.escape, known))) if known else None

    def text(self, value: str) -> str:
        """`value` with known secrets and token-like parts replaced."""
        if self._known is not None:
            value = self._known.sub(FILTERED, value)
        for pattern, replacement in _TEXT_PATTERNS:
            value = pattern.sub(replacement, value)
        return value

    def value(self, value: Any) -> Any:
        """A copy of `value` (dicts, lists, strings, as in a Sentry event) with secrets replaced."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.text(k) if isinstance(k, str) else k:
                    FILTERED if _secret_key(k) else self.value(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [self.value(item) for item in value]
        return value

    def before_send(self, event: Event, _hint: Hint) -> Event:
        """sentry-sdk's before_send: the whole event, frame variables included."""
        scrubbed: Event = self.value(event)
        return scrubbed

    def before_breadcrumb(self, crumb: Breadcrumb, _hint: BreadcrumbHint) -> Breadcrumb:
        """sentry-sdk's before_breadcrumb: URLs, log messages and data of each breadcrumb."""
        scrubbed: Breadcrumb = self.value(crumb)
        return scrubbed


def _secret_key(key: object) -> bool:
    return isinstance(key, str) and bool(_SECRET_KEY.search(re.sub(r"\W", "_", key.lower())))


def init_sentry(dsn: str, *, secrets: list[str], environment: str | None = None,
                transport: Transport | type[Transport] | None = None) -> None:
    """Report errors to `dsn`; nothing personal, no secret, and no tracing is sent."""
    scrubber = Scrubber(secrets)
    # send_default_pii is left unset: off by default, and deprecated in recent sentry-sdk.
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        transport=transport,
        include_local_variables=True,
        max_breadcrumbs=MAX_BREADCRUMBS,
        before_send=scrubber.before_send,
        before_breadcrumb=scrubber.before_breadcrumb,
        # sentry-sdk's own scrubber first (it also drops the user's IP address), ours after.
        event_scrubber=EventScrubber(denylist=[*DEFAULT_DENYLIST, "code_verifier", "dsn"],
                                     recursive=True),
    )
