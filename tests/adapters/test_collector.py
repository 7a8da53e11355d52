"""Once start-up is done, a front's process leaves what it built out of the collector's scans
and collects young objects less often (a herd's loop waited through 2.1 s of collections)."""

from __future__ import annotations

import subprocess
import sys

from bot.collector import YOUNG


def test_start_up_is_frozen_and_young_objects_are_collected_less_often() -> None:
    # In a process of its own: the collector is the whole process's.
    seen = subprocess.run(
        [sys.executable, "-c", "import gc; from bot.collector import tune_collector;"
         " tune_collector(); print(gc.get_freeze_count() > 1000, gc.get_threshold()[0])"],
        capture_output=True, text=True, check=True).stdout.split()
    # Only the young threshold: what the older ones mean differs between CPython versions.
    assert seen == ["True", str(YOUNG)]
