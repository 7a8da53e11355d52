"""Error reports to Sentry, with tokens, cookies and the given secrets redacted before sending."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any, cast

import sentry_sdk
from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber
from sentry_sdk.transport import Transport
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

from adapters.redact import Redactor

FILTERED = "[Filtered]"
MAX_BREADCRUMBS = 30
# The parts of an event that sentry-sdk writes about the process (their ids and names are the
# SDK's, the runtime's, the threads'); every other part gets people's keys blanked too.
_SDK_PARTS = frozenset({"event_id", "timestamp", "level", "platform", "sdk", "contexts", "modules",
                        "release", "environment", "server_name", "threads", "exception",
                        "logger", "transaction", "type", "start_timestamp", "spans", "dist"})
# A %-placeholder of a log call: its argument is whatever the line quotes (someone's words, an id).
_PLACEHOLDER = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[a-zA-Z%]")
# A quoted part of an exception's message (ValueError quotes the input it could not read), and a
# long number (a chat's, a person's id) in a message.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_NUMBER = re.compile(r"(?<![\w.])-?\d{5,}(?![\w.])")


class EventRedactor(Redactor):
    """Walks an event or breadcrumb and replaces everything that looks like a secret, and what
    people wrote or are called."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__(secrets, FILTERED, personal=True)

    def before_send(self, event: Event, hint: Hint) -> Event:
        """sentry-sdk's before_send: the whole event; a logged error's line without its
        arguments, its `extra=` values blanked; exceptions' messages without what they quote."""
        request = event.get("request")
        if isinstance(request, dict):  # a webhook's body is a person's update; the IP is theirs
            for part in ("data", "cookies", "env"):
                request.pop(part, None)
        record = hint.get("log_record")
        if isinstance(record, logging.LogRecord) and "logentry" in event:
            line = self.message(record)
            event["logentry"] = {"message": line, "formatted": line}
        if isinstance(event.get("extra"), dict):
            event["extra"] = {key: FILTERED for key in event["extra"]}
        for error in (event.get("exception") or {}).get("values") or []:
            if isinstance(error.get("value"), str):
                error["value"] = self.message_text(error["value"])
        redacted: Any = {key: self.value(part, people=key not in _SDK_PARTS)
                         for key, part in event.items()}
        return cast(Event, redacted)

    def before_breadcrumb(self, crumb: Breadcrumb, hint: BreadcrumbHint) -> Breadcrumb | None:
        """sentry-sdk's before_breadcrumb: none for a subprocess (its command line holds the
        media URL someone shared); a log line without its arguments and `extra=`; ids and
        numbers out of every message; people's keys in data blanked."""
        if crumb.get("category") == "subprocess":
            return None
        record = hint.get("log_record")
        if isinstance(record, logging.LogRecord):
            crumb["message"] = self.message(record)
            crumb.pop("data", None)
        elif isinstance(crumb.get("message"), str):
            crumb["message"] = _NUMBER.sub(FILTERED, crumb["message"])
        redacted: Breadcrumb = self.value(crumb)
        return redacted

    def message(self, record: logging.LogRecord) -> str:
        """A log line as its call wrote it, each argument blanked (the shape stays)."""
        if record.args:
            return self.message_text(_PLACEHOLDER.sub(
                lambda found: "%" if found[0] == "%%" else FILTERED, str(record.msg)))
        return self.message_text(str(record.msg))

    def message_text(self, text: str) -> str:
        """`text` redacted, without its quoted parts and long numbers."""
        return _NUMBER.sub(FILTERED, _QUOTED.sub(FILTERED, self.text(text)))


def init_sentry(dsn: str, *, secrets: list[str], environment: str | None = None,
                transport: Transport | type[Transport] | None = None) -> None:
    """Report errors to `dsn`; nothing personal, no secret, and no tracing is sent."""
    redactor = EventRedactor(secrets)
    # send_default_pii is left unset: off by default, and deprecated in recent sentry-sdk.
    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        transport=transport,
        # Frame variables hold what people wrote and who they are under any name (a reply, a
        # step, a match): none are sent, the stack's files, lines and functions are.
        include_local_variables=False,
        max_breadcrumbs=MAX_BREADCRUMBS,
        before_send=redactor.before_send,
        before_breadcrumb=redactor.before_breadcrumb,
        # sentry-sdk's own EventScrubber first (it also drops the user's IP address), ours after.
        event_scrubber=EventScrubber(denylist=[*DEFAULT_DENYLIST, "code_verifier", "dsn"],
                                     recursive=True),
    )
