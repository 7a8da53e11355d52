"""The cookie pool: YTDLP_COOKIES_1, _2, ... taken in turn, cooled down when a platform balks."""

from __future__ import annotations

import http.cookiejar
import logging
import shutil
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from core.errors import PlatformBusy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CookieState:
    """One cookie set as metrics show it: by index, never by path or content."""

    state: str  # "ready", "cooling" or "bad"
    seconds_left: float = 0.0


class CookiePool:
    """Cookie sets by index; a login wall cools one down for longer each time it happens."""

    def __init__(self, files: Mapping[int, Path], *, cool_down: float = 300.0,
                 max_cool_down: float = 6 * 3600.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._files = dict(sorted(files.items()))
        self._base, self._max = cool_down, max_cool_down
        self._clock = clock
        self._until: dict[int, float] = {}
        self._strikes: dict[int, int] = {}
        self._next = 0
        # Told of each cool-down (index, seconds): distributed mode shares it with other workers.
        self.on_cool: Callable[[int, float], None] = lambda index, seconds: None
        self.bad = {index for index, path in self._files.items() if not _readable(index, path)}

    @property
    def empty(self) -> bool:
        """True when no cookie set is configured: jobs run without cookies."""
        return not self._files

    def take(self) -> int:
        """The index of the next ready set, in turn; PlatformBusy when all are cooling down."""
        ready = [i for i in self._files if i not in self.bad and self._left(i) <= 0]
        if not ready:
            raise PlatformBusy()
        index = ready[self._next % len(ready)]
        self._next += 1
        return index

    def copy_to(self, index: int, directory: Path) -> Path:
        """A private copy of set `index` for one job (yt-dlp rewrites the file it is given)."""
        copy = directory / f"cookies-{index}.txt"
        shutil.copyfile(self._files[index], copy)
        return copy

    def cool(self, index: int) -> None:
        """Set `index` met a login wall or rate limit: rest it, twice as long as last time."""
        strikes = self._strikes.get(index, 0)
        self._strikes[index] = strikes + 1
        wait = min(self._base * 2**strikes, self._max)
        self._until[index] = self._clock() + wait
        log.warning("cookie set %d cooling down for %.0fs", index, wait)
        self.on_cool(index, wait)

    def rest(self, index: int, seconds: float) -> None:
        """Another process saw set `index` balk: rest it here too, for `seconds` from now."""
        if index in self._files:
            self._until[index] = max(self._until.get(index, 0.0), self._clock() + seconds)

    def worked(self, index: int) -> None:
        """Set `index` got through: its next cool-down starts short again."""
        self._strikes.pop(index, None)

    def state(self) -> dict[int, CookieState]:
        """Every set's state by index, for metrics."""
        return {i: CookieState("bad") if i in self.bad
                else CookieState("cooling", left) if (left := self._left(i)) > 0
                else CookieState("ready") for i in self._files}

    def _left(self, index: int) -> float:
        return max(0.0, self._until.get(index, 0.0) - self._clock())


def _readable(index: int, path: Path) -> bool:
    """True for a readable Netscape cookie file; an error naming the index otherwise."""
    try:
        http.cookiejar.MozillaCookieJar(str(path)).load(ignore_discard=True, ignore_expires=True)
    except (OSError, http.cookiejar.LoadError):
        log.error("YTDLP_COOKIES_%d is not a readable Netscape cookie file", index)
        return False
    return True
