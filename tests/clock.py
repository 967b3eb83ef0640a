"""Every run of the suite happens on another day: a test that passes on some days only
fails here, in development, and not in someone's fresh clone.

Each run draws a moment from a seed: a year between 2024 and 2035, a kind of day (any
day, or one that trips date code up: a month's last day, a Sunday, a Monday, a clock
change in London or New York, 31 December, 29 February) and an hour and minute in UTC.
Every test starts at that moment, and the clock ticks on from there, so timeouts and
durations still work. pytest's header says the moment and its seed, and so does the
summary when a test failed; `--clock-seed N` runs on that day again.

A test whose day matters says so with `@pytest.mark.clock(moment)`: it starts there
instead, frozen (`tick=True` to let it run), before any fixture makes its users or logs
them in. A test can still travel on (time_machine.travel or the `time_machine` fixture)
and comes back to its clock; but a login made before a jump of weeks forward ends, as
it would for anyone, so pin with the mark rather than travel from the test's body.
"""

import random
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

ZONES = [ZoneInfo("Europe/London"), ZoneInfo("America/New_York")]  # where tests' users live
YEARS = range(2024, 2036)
LEAP_YEARS = [year for year in YEARS if year % 4 == 0]
MOMENT = pytest.StashKey[tuple[datetime, str, int]]()
# After every fixed day of 2026 that tests log entries on or import (forms and imports
# refuse the future): `pytest.mark.clock(LATE_2026, tick=True)`.
LATE_2026 = datetime(2026, 11, 25, 12, tzinfo=UTC)


def _changes_clock(day: date) -> bool:
    """The clocks go forward or back on `day` in one of ZONES."""
    start, end = datetime.combine(day, time()), datetime.combine(day + timedelta(days=1), time())
    return any(
        start.replace(tzinfo=z).utcoffset() != end.replace(tzinfo=z).utcoffset() for z in ZONES
    )


def draw(seed: int) -> tuple[datetime, str]:
    """The moment (in UTC) a run with `seed` happens at, and what kind of day it is."""
    rng = random.Random(seed)
    year = rng.choice(YEARS)
    days = [date(year, 1, 1) + timedelta(days=n) for n in range(366)]
    days = [day for day in days if day.year == year]
    kinds = {
        "any day": days,
        "the last day of a month": [day for day in days if (day + timedelta(days=1)).day == 1],
        "a Sunday": [day for day in days if day.weekday() == 6],
        "a Monday": [day for day in days if day.weekday() == 0],
        "a clock change": [day for day in days if _changes_clock(day)],
        "New Year's Eve": [date(year, 12, 31)],
        "a leap day": [date(rng.choice(LEAP_YEARS), 2, 29)],
    }
    kind = rng.choice(list(kinds))
    day = rng.choice(kinds[kind])
    moment = time(rng.randrange(24), rng.randrange(60), rng.randrange(60))
    return datetime.combine(day, moment, tzinfo=UTC), kind


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--clock-seed",
        type=int,
        default=None,
        help="run every test on the day this seed draws (tests/clock.py); random if unset",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "clock(moment, tick=False): start the test at this moment (tests/clock.py)"
    )
    seed = config.getoption("--clock-seed")
    if seed is None:
        seed = random.SystemRandom().randrange(1_000_000)
    moment, kind = draw(seed)
    config.stash[MOMENT] = (moment, kind, seed)


def _describe(config: pytest.Config) -> str:
    moment, kind, seed = config.stash[MOMENT]
    return f"clock: {moment:%A %d %B %Y %H:%M:%S} UTC ({kind}), --clock-seed {seed}"


def pytest_report_header(config: pytest.Config) -> str:
    return _describe(config)


def pytest_terminal_summary(terminalreporter, exitstatus, config: pytest.Config) -> None:
    if exitstatus != 0:
        terminalreporter.write_line(f"The tests ran on a moved {_describe(config)}")


@pytest.fixture(autouse=True)
def moved_clock(request: pytest.FixtureRequest):
    """Each test starts at the run's moment, on a clock that ticks, or at its own."""
    moment, _, _ = request.config.stash[MOMENT]
    tick = True
    if mark := request.node.get_closest_marker("clock"):
        moment, tick = mark.args[0], mark.kwargs.get("tick", False)
    with time_machine.travel(moment, tick=tick):
        yield moment
