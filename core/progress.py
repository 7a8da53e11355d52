"""A status that only moves forward: whatever reports stages (a flight others joined, a worker's
job relayed, a second audio window, a retried job), a person's status message never steps back."""

from __future__ import annotations

from core.ports import Stage, StatusReporter

ORDER = {stage: n for n, stage in enumerate(Stage)}


class Forward:
    """A StatusReporter in front of a person's own that passes only steps forward: a later
    stage, or the same stage with news (how long the wait is now, another part heard)."""

    def __init__(self, inner: StatusReporter) -> None:
        self._inner = inner
        self._shown: tuple[Stage, str] | None = None

    async def stage(self, stage: Stage, detail: str = "") -> None:
        """StatusReporter.stage, dropped when it would step back or repeat."""
        if self._shown is not None:
            shown, shown_detail = self._shown
            if ORDER[stage] < ORDER[shown] or (
                    stage is shown and (not detail or detail == shown_detail)):
                return
        self._shown = (stage, detail)
        await self._inner.stage(stage, detail)
