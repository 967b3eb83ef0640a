"""The suite's moved clock (tests/clock.py): a drawn day, the same for a seed, ticking."""

import time
from datetime import UTC, datetime

import time_machine
from django.utils import timezone

from tests.clock import draw


def test_a_seed_draws_the_same_moment_every_time():
    assert draw(78) == draw(78)
    assert draw(78) != draw(79)


def test_the_seeds_reach_every_kind_of_day_that_trips_dates_up():
    kinds = {draw(seed)[1] for seed in range(200)}
    assert kinds == {
        "any day",
        "the last day of a month",
        "a Sunday",
        "a Monday",
        "a clock change",
        "New Year's Eve",
        "a leap day",
    }
    moments = [draw(seed)[0] for seed in range(200)]
    assert all(2024 <= moment.year <= 2035 for moment in moments)
    assert len({moment.hour for moment in moments}) == 24


def test_the_drawn_days_are_what_they_say():
    for seed in range(200):
        moment, kind = draw(seed)
        if kind == "a leap day":
            assert (moment.month, moment.day) == (2, 29)
        elif kind == "New Year's Eve":
            assert (moment.month, moment.day) == (12, 31)
        elif kind == "a clock change":
            assert (moment.month, moment.weekday()) in {(3, 6), (10, 6), (11, 6)}


def test_each_test_starts_at_the_runs_moment_and_the_clock_ticks(moved_clock):
    start = timezone.now()
    assert abs((start - moved_clock).total_seconds()) < 60
    time.sleep(0.01)
    assert timezone.now() > start


def test_a_tests_own_travel_comes_back_to_the_moved_clock(moved_clock):
    with time_machine.travel(datetime(2026, 5, 3, 12, tzinfo=UTC), tick=False):
        assert timezone.now() == datetime(2026, 5, 3, 12, tzinfo=UTC)
    assert abs((timezone.now() - moved_clock).total_seconds()) < 60
