"""What a share leaves in the log: one line each, and a traceback only for the unexpected."""

from __future__ import annotations

import logging

import pytest

from core.errors import MediaUnavailable, NetworkTrouble, StashError
from core.outcomes import ShareFailed
from tests.fakes import RecordingReporter
from tests.worlds import ALICE, REEL, make_world


def raised_from(error: StashError, cause: Exception) -> StashError:
    """`error` as an adapter raises it: `raise error from cause`, with the cause's traceback."""
    try:
        try:
            raise cause
        except Exception as inner:
            raise error from inner
    except StashError as outer:
        return outer


@pytest.mark.parametrize("error", [
    raised_from(MediaUnavailable(), OSError("HTTP Error 404: Not Found")),
    raised_from(NetworkTrouble(), ConnectionError("Connection refused")),
])
async def test_an_expected_failure_is_one_line_without_a_traceback(
        error: StashError, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [error]
    outcome = await world.stash.share(ALICE, REEL, RecordingReporter())
    assert isinstance(outcome, ShareFailed)
    assert [r for r in caplog.records if r.exc_info] == []
    [failed] = [r for r in caplog.records if r.getMessage().startswith("failed:")]
    assert failed.levelno == logging.INFO
    assert failed.getMessage() == f"failed: {error.kind} ({error.__cause__.__class__.__name__}: " \
        f"{error.__cause__})"


async def test_an_unexplained_failure_keeps_its_traceback(caplog: pytest.LogCaptureFixture
                                                          ) -> None:
    world = make_world()
    world.fetcher.clips[REEL.canonical_url] = [raised_from(StashError(), KeyError("smil"))]
    await world.stash.share(ALICE, REEL, RecordingReporter())
    [traced] = [r for r in caplog.records if r.exc_info]
    assert traced.levelno == logging.WARNING
    assert isinstance(traced.exc_info[1].__cause__, KeyError)  # type: ignore[index,union-attr]
