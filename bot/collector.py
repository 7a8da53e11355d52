"""The cyclic garbage collector, set for a process that serves herds.

Profiled in a herd of 1,000 (issue 28), the collector took 2.1 s of a front's loop: every 700
new objects a young collection, and seven full ones of about 0.2 s each, each a pause every
person in flight waited through, mostly spent scanning what start-up built (modules, classes,
the app), which lives as long as the process. Frozen, those are never scanned again; the young
generation is collected every 10,000 new objects (CPython's 700 made 835 collections in one
herd); reference counting still frees everything not in a cycle at once.

The trade-off: an object alive at freeze time is never collected if it later becomes cyclic
garbage (reference counting alone cannot free a cycle). The freeze happens once, after the
fronts are up (their apps, sessions and caches are start-up's too), so that leak is bounded by
what start-up built."""

from __future__ import annotations

import gc

YOUNG = 10_000  # new container objects between young collections (CPython: 700)


def tune_collector() -> None:
    """Once start-up is done: leave what it built out of later collections, collect less often."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG, middle, old)
