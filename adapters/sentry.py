"""Error reports to Sentry, with tokens, cookies and the given secrets scrubbed before sending."""

from __future__ import annotations

from collections.abc import Iterable

import sentry_sdk
from sentry_sdk.scrubber import DEFAULT_DENYLIST, EventScrubber
from sentry_sdk.transport import Transport
from sentry_sdk.types import Breadcrumb, BreadcrumbHint, Event, Hint

from adapters.redact import Redactor

FILTERED = "[Filtered]"
MAX_BREADCRUMBS = 30



class Scrubber(Redactor):
    """Walks an event or breadcrumb and replaces everything that looks like a secret."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__(secrets, FILTERED)

    def before_send(self, event: Event, _hint: Hint) -> Event:
        """sentry-sdk's before_send: the whole event, frame variables included."""
        scrubbed: Event = self.value(event)
        return scrubbed

    def before_breadcrumb(self, crumb: Breadcrumb, _hint: BreadcrumbHint) -> Breadcrumb:
        """sentry-sdk's before_breadcrumb: URLs, log messages and data of each breadcrumb."""
        scrubbed: Breadcrumb = self.value(crumb)
        return scrubbed


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
