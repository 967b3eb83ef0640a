"""Week sums for the charts and this week's sentences, read from the rollups.

journal.rollups keeps a row per person and local week (two where a week has imported
chats or the account's weeks start on Sunday); these read and add them up, one query
each, however many entries the weeks hold. `patterns.charts` turns the sums into figures.
"""

from collections import namedtuple
from datetime import date, datetime, time, timedelta

from django.db.models import BooleanField, Case, DateField, IntegerField, Q, Sum, Value, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast, Coalesce, TruncMonth
from django.utils import timezone

from journal.models import Person, WeekRollup
from patterns import charts
from patterns.classifier.categories import SLUGS


def rollup_rows(user, person: Person | None, first: date | None, chats_apart: bool = False):
    """The account's week sums (journal.rollups) from the week of `first` (None: all of
    them), one person's or everyone's, without imported chats if `chats_apart`. One
    query; rows as many as weeks and people (two where a week has chats)."""
    rows = WeekRollup.objects.filter(user=user)
    if chats_apart:
        rows = rows.filter(chat=False)
    if person is not None:
        rows = rows.filter(person=person)
    if first is not None:  # the ISO week holding `first`: its Sunday may open `first`'s week
        rows = rows.filter(week__gte=first - timedelta(days=first.weekday()))
    return rows


def week_start_of(row, week_start: int) -> date:
    """The start of the account's week that a rollup row falls in."""
    if week_start == 6:  # week_of() keeps to the dates Python can hold
        return charts.week_of(row.week + timedelta(days=6 if row.sunday else 0), week_start)
    return row.week


def _add_sums(found: dict, key, start: date, sums) -> None:
    """Add `sums` (total, signed, feeling_sum, me, them, counts) into `found[key]`, the
    Week (or month) from `start`, made on its first sums."""
    if key not in found:
        found[key] = charts.Week(start)
    found[key].add(charts.Week(start, *sums))


def _row_sums(row) -> tuple:
    """A rollup row's sums, in the order charts.Week takes them."""
    return (row.total, row.signed, row.feeling_sum, row.me, row.them, row.counts)


def sum_weeks(rows, week_start: int, first: date | None = None) -> list[charts.Week]:
    """Sums per week of the account's from rollup `rows`, from the week starting `first`."""
    found: dict[date, charts.Week] = {}
    for row in rows:
        start = week_start_of(row, week_start)
        if first is None or start >= first:
            _add_sums(found, start, start, _row_sums(row))
    return list(found.values())


SUMS = ("person_id", "week", "sunday", "total", "signed", "feeling_sum", "me", "them", "counts")


def week_rows(user, person: Person | None, first: date | None, chats_apart: bool = False):
    """rollup_rows without the hours, as named tuples: what sum_weeks and people_in_week
    read. "All time" over 27 years reads 8,400 rows, and a model instance for each took
    a tenth to a fifth of the page (measured in one process)."""
    return rollup_rows(user, person, first, chats_apart).values_list(*SUMS, named=True)


WeekRow = namedtuple("WeekRow", SUMS)


class MonthOf(TruncMonth):
    """TruncMonth on a date, which SQLite works out itself: Django's own calls back into
    Python twice a row, a third of "All time" over 27 years (14,000 rollup rows)."""

    def as_sqlite(self, compiler, connection, **extra_context):
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, 'start of month')", params


def month_rows(user, person: Person | None, recent: date, chats_apart: bool = False):
    """The account's sums a month at a time up to the ISO week holding `recent`, and
    from that week on a row per person, week and Sunday as week_rows gives them
    (this week's sentences need those). One query, grouped in the database: twelve
    rows a year, whatever the number of weeks and people.

    A month holds the ISO weeks (Monday to Sunday) whose Monday falls in it, so a week
    is never split between two bars; the month's entries page lists those same weeks.
    Returns (month sums, the recent week rows).
    """
    new = Q(week__gte=recent - timedelta(days=recent.weekday()))
    signs = {
        f"n_{slug}": Coalesce(Sum(Cast(KT(f"counts__{slug}"), IntegerField())), 0) for slug in SLUGS
    }
    grouped = (
        rollup_rows(user, person, None, chats_apart)
        .values(
            month=MonthOf("week"),
            recent=Case(When(new, then="week"), default=None, output_field=DateField()),
            who=Case(When(new, then="person_id"), default=None, output_field=IntegerField()),
            side=Case(When(new, then="sunday"), default=Value(False), output_field=BooleanField()),
        )
        .annotate(
            n_total=Sum("total"),
            n_signed=Sum("signed"),
            n_feeling=Sum("feeling_sum"),
            n_me=Sum("me"),
            n_them=Sum("them"),
            **signs,
        )
        .order_by()
    )
    months: dict[date, charts.Week] = {}
    recent_rows = []
    for g in grouped:
        counts = {slug: g[f"n_{slug}"] for slug in SLUGS if g[f"n_{slug}"]}
        sums = (g["n_total"], g["n_signed"], g["n_feeling"], g["n_me"], g["n_them"], counts)
        if g["who"] is not None:
            recent_rows.append(WeekRow(g["who"], g["recent"], g["side"], *sums))
        _add_sums(months, g["month"], g["month"], sums)
    return list(months.values()), recent_rows


def weeks_since(
    user, person: Person | None, first: date | None, chats_apart: bool = False
) -> list[charts.Week]:
    """Sums per week from the week starting `first` (None: since the first entry), read
    from the rollups. One query, whatever the number of entries."""
    return sum_weeks(week_rows(user, person, first, chats_apart), user.week_start, first)


def people_in_week(rows, week_start: int, start: date) -> dict[int, charts.Week]:
    """Each person's sums in the week starting `start`, by person id, from rollup `rows`."""
    found: dict[int, charts.Week] = {}
    for row in rows:
        if week_start_of(row, week_start) == start:
            _add_sums(found, row.person_id, start, _row_sums(row))
    return found


def hour_cells(rows, week_start: int, first: date) -> dict[tuple[int, int], int]:
    """Entries by (ISO weekday, hour) in the account's zone, from the week starting
    `first`, added up from rollup `rows`."""
    cells: dict[tuple[int, int], int] = {}
    for row in rows:
        if week_start_of(row, week_start) < first:
            continue
        for key, n in row.hours.items():
            day, hour = (int(part) for part in key.split(","))
            cells[(day, hour)] = cells.get((day, hour), 0) + n
    return cells


def local_midnight(day: date, tz) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz)


def this_week(user, now: datetime | None = None) -> date:
    return charts.week_of(timezone.localdate(now or timezone.now(), user.tz), user.week_start)
