"""The per-person share limit."""

from core.limits import ShareLimiter
from core.models import UserKey
from tests.fakes import Clock

ALICE, BOB = UserKey("telegram", "1"), UserKey("telegram", "2")


def test_a_person_gets_ten_links_a_minute_and_others_are_unaffected() -> None:
    clock = Clock(0.0)
    limiter = ShareLimiter(10, clock)
    assert limiter.admit(ALICE, 7) == 7
    assert limiter.admit(ALICE, 7) == 3
    assert limiter.admit(ALICE, 1) == 0
    assert limiter.admit(BOB, 10) == 10
    clock.advance(59.9)
    assert limiter.admit(ALICE, 1) == 0
    clock.advance(0.2)
    assert limiter.admit(ALICE, 12) == 10


def test_people_whose_minute_is_over_are_forgotten() -> None:
    clock = Clock(0.0)
    limiter = ShareLimiter(10, clock)
    for n in range(3000):
        limiter.admit(UserKey("telegram", str(n)), 1)
    assert len(limiter) <= 3000
    clock.advance(61)
    for n in range(1100):
        limiter.admit(UserKey("discord", str(n)), 1)
    assert len(limiter) <= 1100  # the first 3,000 are gone


def test_many_people_within_one_minute_cost_few_sweeps() -> None:
    clock = Clock(0.0)
    limiter = ShareLimiter(10, clock)
    for n in range(20_000):
        clock.advance(0.001)
        assert limiter.admit(UserKey("telegram", str(n)), 1) == 1
    assert len(limiter) == 20_000
    # A sweep each time the count doubles, not one per share past 1,024 people.
    assert limiter.sweeps <= 5


def test_a_herds_people_are_forgotten_a_minute_after_it() -> None:
    clock = Clock(0.0)
    limiter = ShareLimiter(10, clock)
    for n in range(1000):  # fewer than a sweep by count would wait for
        limiter.admit(UserKey("telegram", str(n)), 1)
    clock.advance(61)
    limiter.admit(ALICE, 1)
    assert len(limiter) == 1  # only Alice, who just shared
