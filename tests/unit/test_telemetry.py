"""What the pipeline reports to operators: outcomes by platform, stages timed once, the cache."""

from __future__ import annotations

import asyncio
import logging

import pytest

from core.errors import LoginWall
from core.ports import Stage
from core.service import Stash
from tests.fakes import RecordingReporter, RecordingTelemetry
from tests.worlds import ALICE, BOB, OTHER, REEL, World, make_world


def with_telemetry() -> tuple[Stash, RecordingTelemetry, World]:
    telemetry = RecordingTelemetry()
    world = make_world(telemetry)
    return world.stash, telemetry, world


async def test_each_share_is_counted_by_platform_and_outcome() -> None:
    stash, telemetry, world = with_telemetry()
    await stash.share(ALICE, REEL, RecordingReporter())
    offered = await stash.share(ALICE, OTHER, RecordingReporter())
    await stash.choose(ALICE, offered.choice.choice_id, 0, RecordingReporter())  # type: ignore[union-attr]
    world.fetcher.clips[REEL.canonical_url] = [LoginWall()]
    world.store.identifications.clear()
    await stash.share(BOB, REEL, RecordingReporter())
    assert telemetry.shares == [("instagram", "added", ""), ("youtube", "asked", ""),
                                ("youtube", "chosen", ""), ("instagram", "failed", "login_wall")]


async def test_stages_of_a_shared_identification_are_timed_once() -> None:
    stash, telemetry, world = with_telemetry()
    world.fetcher.delay = 0.02
    await asyncio.gather(*(stash.share(ALICE, REEL, RecordingReporter()) for _ in range(5)))
    identification = [s for s in telemetry.stages if s is not Stage.ADDING]
    assert identification == [Stage.DOWNLOADING, Stage.LISTENING, Stage.SEARCHING]
    assert telemetry.stages.count(Stage.ADDING) == 5
    # The cache is read once by the flight; the four who joined it are counted as coalesced.
    assert telemetry.lookups == [False]
    assert stash.flights.coalesced == 4
    await stash.share(BOB, REEL, RecordingReporter())
    assert telemetry.lookups[-1] is True


async def test_one_log_line_per_share_carries_its_id(caplog: pytest.LogCaptureFixture) -> None:
    stash, _, _ = with_telemetry()
    with caplog.at_level(logging.INFO, logger="core.service"):
        await stash.share(ALICE, REEL, RecordingReporter())
    [line] = [r for r in caplog.records if r.name == "core.service"]
    assert "share instagram: added" in line.getMessage()
