"""Where each audio window starts: pure arithmetic on the media's duration."""

from __future__ import annotations

from dataclasses import dataclass

# A later window is worth fetching only if it is mostly audio the earlier ones did not cover.
MIN_NEW_FRACTION = 0.5
WINDOWS = 3  # the first window, the middle, the end


@dataclass(frozen=True)
class Window:
    """One window to fetch: its start, and whether any later window would add anything."""

    start: float
    final: bool


def window_starts(duration: float | None, seconds: float, lead: float) -> list[float]:
    """Distinct starts: `lead` seconds in, then the middle, then the end."""
    if duration is None:
        return [0.0]  # nothing known yet: from the top, so a short clip is not missed
    latest = max(0.0, duration - seconds)
    wanted = [min(lead, latest), max(0.0, duration / 2 - seconds / 2), latest]
    starts: list[float] = []
    for start in wanted:
        if not starts or start - starts[-1] >= seconds * MIN_NEW_FRACTION:
            starts.append(start)
    return starts[:WINDOWS]


def plan_window(number: int, duration: float | None, seconds: float, lead: float) -> Window:
    """Window `number` (0 first); past the last distinct window, the last one again."""
    starts = window_starts(duration, seconds, lead)
    index = min(max(number, 0), len(starts) - 1)
    # Without a duration the first window cannot know whether it is the last.
    final = duration is not None and index == len(starts) - 1
    return Window(starts[index], final)
