"""Every kind of error travels from a worker to a front as itself, and is counted by its kind.

A job's result goes through Redis as JSON (saq's serializer): what a front raises again must be
the kind the worker raised, with the line the person is shown and the facts it carries, so one
process and a fleet answer and count alike. A result of a kind this version does not know is
refused: the person hears that something went wrong, the operator which kind came.
"""

from __future__ import annotations

import json
import logging

import pytest

from adapters.jobs import wire
from adapters.metrics.instrument import counted
from core import errors
from core.errors import KINDS, ForeignConnectCode, RateLimited, SpotifyAccessDenied, StashError
from core.links import parse_links
from core.models import UserKey

REEL = parse_links("https://www.instagram.com/reel/Creel12345/")[0]
# Every StashError class core/errors.py defines, found without the registry under test.
DEFINED = sorted((value for value in vars(errors).values()
                  if isinstance(value, type) and issubclass(value, StashError)),
                 key=lambda cls: cls.__name__)
# The status classes the alert rules and dashboard know (tests/adapters/test_deploy.py).
STATUSES = {"4xx", "429", "5xx", "none", "other"}
ASKER = UserKey("telegram", "1")


def raised(cls: type[StashError]) -> StashError:
    """An error of the kind `cls` as a worker would raise it, with a line of its own."""
    if cls is RateLimited:
        return RateLimited(7.5, "Shazam asked me to wait a little.")
    if cls is ForeignConnectCode:
        return ForeignConnectCode(ASKER)
    if cls is SpotifyAccessDenied:
        return SpotifyAccessDenied("Spotify said no to this account.", starter=ASKER)
    return cls(f"A line of its own for {cls.kind}.")


class Calls:
    """A CallCounter that keeps what it was told."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []

    def outside_call(self, service: str, result: str, status: str) -> None:
        self.seen.append((service, result, status))


def through_redis(result: dict[str, object]) -> object:
    return json.loads(json.dumps(result))


def test_every_error_class_is_a_kind_of_its_own_in_the_registry() -> None:
    assert len(DEFINED) >= 20
    assert sorted(KINDS.values(), key=lambda cls: cls.__name__) == DEFINED
    assert all(KINDS[cls.kind] is cls for cls in DEFINED)


@pytest.mark.parametrize("cls", DEFINED, ids=lambda cls: cls.__name__)
def test_every_kind_comes_back_from_a_worker_as_itself(cls: type[StashError]) -> None:
    sent = raised(cls)
    with pytest.raises(StashError) as came:
        wire.load_answer(through_redis(wire.failure(REEL, sent)), REEL)
    again = came.value
    assert type(again) is cls
    assert (again.kind, again.user_message, str(again)) == \
        (sent.kind, sent.user_message, str(sent))
    if isinstance(sent, RateLimited):
        assert isinstance(again, RateLimited) and again.retry_after == 7.5


@pytest.mark.parametrize("cls", DEFINED, ids=lambda cls: cls.__name__)
async def test_every_kind_is_counted_with_a_bounded_label_and_status(
        cls: type[StashError]) -> None:
    calls = Calls()

    async def call() -> None:
        raise raised(cls)

    with pytest.raises(cls):
        await counted(calls, "media", call)
    [(service, label, status)] = calls.seen
    assert (service, label) == ("media", cls.kind)
    assert label.isidentifier() and label.islower()
    assert status in STATUSES


@pytest.mark.parametrize("error", [
    {"kind": "from_a_newer_version", "message": "Send me your Spotify password."},
    {"kind": 429, "message": "Too many."},
    ["rate_limited", "Too many."],
    None,
], ids=["unknown kind", "kind not a name", "not a mapping", "no error"])
def test_a_job_carrying_an_error_of_no_known_kind_is_refused_clearly(
        error: object, caplog: pytest.LogCaptureFixture) -> None:
    result = {"link": REEL.canonical_url, "error": error}
    with caplog.at_level(logging.WARNING, logger="adapters.jobs.wire"), \
            pytest.raises(StashError) as refused:
        wire.load_answer(through_redis(result), REEL)
    assert type(refused.value) is StashError
    assert refused.value.user_message == StashError.user_message  # not the job's line
    [said] = [r.getMessage() for r in caplog.records if r.name == "adapters.jobs.wire"]
    assert "no kind this version knows" in said and "refused" in said
    if isinstance(error, dict) and isinstance(error["kind"], str):
        assert error["kind"] in said


def test_a_known_kind_with_odd_facts_keeps_its_own_line_and_no_wait() -> None:
    odd = {"link": REEL.canonical_url,
           "error": {"kind": "rate_limited", "message": 42, "retry_after": "soon"}}
    with pytest.raises(RateLimited) as came:
        wire.load_answer(through_redis(odd), REEL)
    assert came.value.user_message == RateLimited.user_message
    assert came.value.retry_after is None
