"""`stash …` as the command runs it, plus a memory report on a signal (for bench_memory and
bench_fleet): SIGUSR1 writes one, SIGUSR2 runs a full garbage collection first.

Run: python bench/stash_probe.py run --fronts telegram,web   (STASH_PROBE_OUT=folder)
Each report is report-<n>.json in that folder: RSS and its peak, live objects by type, which
big libraries are loaded, and (under PYTHONTRACEMALLOC) a tracemalloc snapshot beside it."""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
import tracemalloc
from collections import Counter
from pathlib import Path
from types import FrameType

LIBRARIES = ("telegram", "discord", "yt_dlp", "shazamio", "spotipy", "saq", "asyncpg",
             "aiosqlite", "httpx", "sentry_sdk")


def status() -> dict[str, int]:
    """VmRSS and VmHWM of this process, in kB, and its threads."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {name: int(fields[name].split()[0]) for name in ("VmRSS", "VmHWM", "Threads")}


def report(collect: bool) -> None:
    out = Path(os.environ["STASH_PROBE_OUT"])
    n = len(list(out.glob("report-*.json")))
    freed = gc.collect() if collect else 0
    types = Counter(type(o).__qualname__ for o in gc.get_objects())
    loaded = sorted({m.split(".")[0] for m in sys.modules} & set(LIBRARIES))
    traced = tracemalloc.get_traced_memory() if tracemalloc.is_tracing() else (0, 0)
    if tracemalloc.is_tracing():
        tracemalloc.take_snapshot().dump(str(out / f"report-{n}.trace"))
    body = {"collected": freed, **status(), "traced": traced, "types": dict(types.most_common(60)),
            "objects": sum(types.values()), "libraries": loaded}
    (out / f"report-{n}.tmp").write_text(json.dumps(body))
    (out / f"report-{n}.tmp").rename(out / f"report-{n}.json")


def _on(signum: int, _: FrameType | None) -> None:
    report(collect=signum == signal.SIGUSR2)


if __name__ == "__main__":
    signal.signal(signal.SIGUSR1, _on)
    signal.signal(signal.SIGUSR2, _on)
    from bot.cli import main

    sys.argv[0] = "stash"
    sys.exit(main())
