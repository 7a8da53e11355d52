"""Error reports to Sentry, with tokens, cookies and the given secrets scrubbed before sending."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import sentry_sdk
from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber
from sentry_sdk.transport import Transport
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

from adapters.redact import Redactor

FILTERED = "[Filtered]"
MAX_BREADCRUMBS = 30



# Frame variables that hold what people wrote, who they are, or a code or state in flight:
# dropped whole, whatever their repr looks like.
_PERSONAL_VARS = re.compile(
    r"^(?:update|message|text|caption|content|line|pasted|args|payload|user|from_user|person"
    r"|author|member|chat|interaction|sent|held|taken|code|state|link_code|name|display_name"
    r"|first_name|last_name|username|full_name|global_name|query|data|body|form|account)$")


class Scrubber(Redactor):
    """Walks an event or breadcrumb and replaces everything that looks like a secret, and what
    people wrote or are called."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__(secrets, FILTERED, personal=True)

    def before_send(self, event: Event, _hint: Hint) -> Event:
        """sentry-sdk's before_send: the whole event, frame variables included."""
        for frame in _frames(event):
            variables = frame.get("vars")
            if isinstance(variables, dict):
                frame["vars"] = {name: FILTERED if _PERSONAL_VARS.match(str(name)) else value
                                 for name, value in variables.items()}
        request = event.get("request")
        if isinstance(request, dict):  # a webhook's body is a person's update; the IP is theirs
            for part in ("data", "cookies", "env"):
                request.pop(part, None)
        scrubbed: Event = self.value(event)
        return scrubbed

    def before_breadcrumb(self, crumb: Breadcrumb, _hint: BreadcrumbHint) -> Breadcrumb:
        """sentry-sdk's before_breadcrumb: URLs, log messages and data of each breadcrumb."""
        scrubbed: Breadcrumb = self.value(crumb)
        return scrubbed


def _frames(event: Event) -> Iterator[dict[str, Any]]:
    """Every stack frame of an event: its exceptions' and its threads'."""
    for kind in ("exception", "threads"):
        listed: dict[str, Any] = dict(event.get(kind) or {})  # type: ignore[call-overload]
        for value in listed.get("values") or []:
            yield from (value.get("stacktrace") or {}).get("frames") or []


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
