"""What the pipeline tells operators: outcomes, stage timings, cache use, and a share's id."""

from __future__ import annotations

import contextvars
import secrets
import time
from collections.abc import Callable
from typing import Protocol

from core.outcomes import (
    ChoiceDeclined,
    ChoiceOffered,
    LinkRefused,
    NothingRecognized,
    NotOnSpotify,
    Outcome,
    ShareFailed,
    TrackAdded,
    TrackFound,
)
from core.ports import Stage, StatusReporter

# The id of the share being handled, for every log line on its way (see bot.logs): a share on
# record carries its row's id in the shares table, so its log lines and its row join.
share_id: contextvars.ContextVar[str] = contextvars.ContextVar("share_id", default="-")


def new_share_id() -> str:
    """A random id for one share: its row in the shares table and its log lines carry it."""
    return secrets.token_hex(8)


def this_share_id() -> str:
    """The id of the share being handled; a new one outside any (a share not on record)."""
    current = share_id.get()
    return new_share_id() if current == "-" else current


class Telemetry(Protocol):
    """Receives what operators count; metrics adapters implement it."""

    def share_finished(self, platform: str, outcome: str, error: str) -> None:
        """One share (or choice) ended with `outcome`; `error` is the error kind or ''."""
        ...

    def stage_finished(self, stage: Stage, seconds: float) -> None:
        """An identification or delivery stage took `seconds`."""
        ...

    def cache_lookup(self, hit: bool) -> None:
        """An identification was looked up in the cache."""
        ...


class NoTelemetry:
    """Counts nothing (tests, and instances without metrics)."""

    def share_finished(self, platform: str, outcome: str, error: str) -> None:
        """Ignored."""

    def stage_finished(self, stage: Stage, seconds: float) -> None:
        """Ignored."""

    def cache_lookup(self, hit: bool) -> None:
        """Ignored."""


def outcome_name(outcome: Outcome, *, chosen: bool = False) -> tuple[str, str]:
    """A bounded (outcome, error kind) pair naming what became of a share."""
    match outcome:
        case TrackAdded(playlist=playlist):
            return ("already" if playlist.already_there else "chosen" if chosen else "added"), ""
        case TrackFound():
            return "not_linked", ""
        case ChoiceOffered():
            return "asked", ""
        case ChoiceDeclined():
            return "declined", ""
        case NotOnSpotify():
            return "not_on_spotify", ""
        case NothingRecognized():
            return "not_recognized", ""
        case LinkRefused():
            return "refused", ""
        case ShareFailed(error=error):
            return "failed", error.kind
    return "unknown", ""


class StageTimer:
    """A StatusReporter in front of another that times each stage until the next one."""

    def __init__(self, inner: StatusReporter, telemetry: Telemetry,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._inner = inner
        self._telemetry = telemetry
        self._clock = clock
        self._current: tuple[Stage, float] | None = None

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage, timing the stage that ends here."""
        self.finish()
        self._current = (stage, self._clock())
        await self._inner.stage(stage, detail)

    def finish(self) -> None:
        """Time the stage in progress, if any."""
        if self._current is not None:
            stage, started = self._current
            self._telemetry.stage_finished(stage, self._clock() - started)
            self._current = None
