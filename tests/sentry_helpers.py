"""Sentry reporting into a local list: real sentry-sdk envelopes, nothing sent anywhere."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sentry_sdk
from sentry_sdk.envelope import Envelope
from sentry_sdk.transport import Transport

from adapters.sentry import init_sentry

DSN = "http://public@127.0.0.1:9/1"  # never contacted: the transport below keeps envelopes


class KeptEnvelopes(Transport):
    """A transport that keeps every envelope here instead of sending it."""

    def __init__(self) -> None:
        super().__init__()
        self.envelopes: list[Envelope] = []

    def capture_envelope(self, envelope: Envelope) -> None:
        """Keep it."""
        self.envelopes.append(envelope)

    def sent(self) -> str:
        """Everything that would have gone over the wire."""
        return b"".join(e.serialize() for e in self.envelopes).decode()

    def events(self) -> list[dict[str, Any]]:
        """The error events."""
        return [dict(event) for e in self.envelopes if (event := e.get_event()) is not None]


@contextmanager
def kept_reports(secrets: list[str]) -> Iterator[KeptEnvelopes]:
    """Sentry on as `stash run` starts it, reporting into a local list; off and forgotten after."""
    transport = KeptEnvelopes()
    init_sentry(DSN, secrets=secrets, environment="test", transport=transport)
    try:
        yield transport
    finally:
        sentry_sdk.get_client().close()
        sentry_sdk.get_global_scope().set_client(None)
        sentry_sdk.get_isolation_scope().clear()
        sentry_sdk.get_current_scope().clear()
    assert not sentry_sdk.get_client().is_active()
