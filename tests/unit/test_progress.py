"""A person's status only moves forward, whatever order the stages are reported in."""

from __future__ import annotations

import pytest

from core import texts
from core.ports import Stage
from core.progress import Forward
from tests.fakes import RecordingReporter

D, Q, L, S, A = Stage.DOWNLOADING, Stage.QUEUED, Stage.LISTENING, Stage.SEARCHING, Stage.ADDING
AGAIN = "another part"

CASES = [
    # (reported, shown)
    ([(D, ""), (Q, "12"), (L, ""), (S, ""), (A, "")],
     [(D, ""), (Q, "12"), (L, ""), (S, ""), (A, "")]),
    # a second window waits for its turn again: no step back to Queued, nor to plain Listening
    ([(D, ""), (L, ""), (L, AGAIN), (Q, "6"), (L, ""), (S, "")],
     [(D, ""), (L, ""), (L, AGAIN), (S, "")]),
    # a wait told anew is news; the same wait twice is not
    ([(D, ""), (Q, "24"), (Q, "24"), (Q, "12"), (L, "")],
     [(D, ""), (Q, "24"), (Q, "12"), (L, "")]),
    # a worker's job retried from the start, relayed by a front
    ([(D, ""), (L, ""), (S, ""), (D, ""), (L, ""), (S, ""), (A, "")],
     [(D, ""), (L, ""), (S, ""), (A, "")]),
]


@pytest.mark.parametrize(("reported", "shown"), CASES)
async def test_a_status_never_steps_back(reported: list[tuple[Stage, str]],
                                         shown: list[tuple[Stage, str]]) -> None:
    person = RecordingReporter()
    forward = Forward(person)
    for stage, detail in reported:
        await forward.stage(stage, detail)
    assert list(zip(person.stages, person.details, strict=True)) == shown


def test_the_second_part_reads_as_listening() -> None:
    assert texts.stage_text(L, AGAIN) == "Listening to another part…"
