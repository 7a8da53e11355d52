"""Outside tools and services a test needs: skip with a reason on a laptop, fail under CI.

CI (`CI=true`) provides every one of them, so a missing one there is a broken build, never a
quietly skipped test.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def missing(what: str, how: str) -> NoReturn:
    """Skip (or, under CI, fail) because `what` is absent; `how` says how to provide it."""
    reason = f"{what} is not available here: {how}"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(reason)
    pytest.skip(reason)
