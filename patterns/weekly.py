"""The weekly view, a week's entries in one category, and the person page charts.

Charts and this week's sentences read week sums (patterns.week_sums, in sentences by
patterns.week_sentences), one query each whatever the number of entries. The person
patterns read each person's newest entries, a bounded number
(patterns.person_patterns.recent_rows).
`patterns.charts` turns the sums into figures and tables.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import Exists, F, OuterRef, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date

from journal.htmx import HtmxHttpRequest, render_page
from journal.lookups import get_person_for_user, parse_id, with_categories, with_days
from journal.models import EARLIEST, ChatConversation, Interaction, Person, WeekRollup
from patterns import charts
from patterns.basics import crossed_lines
from patterns.charts import chart_block
from patterns.classifier.categories import BY_SLUG, CATEGORIES
from patterns.person_patterns import RECENT_DAYS, Row, crumb_span, find_patterns, recent_rows
from patterns.week_sentences import RECENT_PEOPLE, week_summary
from patterns.week_sums import (
    hour_cells,
    local_midnight,
    month_rows,
    people_in_week,
    rollup_rows,
    sum_weeks,
    this_week,
    week_rows,
)


@dataclass(frozen=True)
class Range:
    key: str
    label: str
    weeks: int | None  # None: since the first entry


RANGES = {
    r.key: r
    for r in (
        Range("12w", "12 weeks", 12),
        Range("6m", "6 months", 26),
        Range("1y", "1 year", 52),
        Range("all", "All time", None),
    )
}
DEFAULT_RANGE = "12w"
PERSON_WEEKS = 12
HOURS_WEEKS = 52  # the map of hours on a person's page: the last year, not the whole history
WEEK_ENTRIES_LIMIT = 100
# "All time" past two years of weeks draws a bar a month: 1,400 weekly bars (27 years)
# cannot be told apart, and their table took most of the page's time.
MONTHLY_AFTER_WEEKS = 104
MONTHLY_NOTE = (
    "One bar a month: that many weeks would not fit. Each week, Monday to Sunday, counts "
    "in the month its Monday falls in."
)


# Plain helpers ---------------------------------------------------------------------


def week_links(weeks: list[charts.Week], person: Person | None = None) -> list[dict[str, str]]:
    """For each week, the URL listing its entries in each category it has entries in.

    Dates, slugs and ids need no quoting: the query strings are written out directly.
    """
    base = reverse("patterns-week")
    extra = f"&person={person.pk}" if person else ""
    return [
        {slug: f"{base}?start={w.start.isoformat()}&category={slug}{extra}" for slug in w.counts}
        for w in weeks
    ]


def month_links(months: list[charts.Week], person: Person | None = None) -> list[dict[str, str]]:
    """week_links for months: each month's entries in each category it has entries in."""
    base = reverse("patterns-week")
    extra = f"&person={person.pk}" if person else ""
    return [
        {slug: f"{base}?month={m.start:%Y-%m}&category={slug}{extra}" for slug in m.counts}
        for m in months
    ]


def _long(now_week: date, people: list[Person]) -> bool:
    """Whether the weeks since the first one kept for `people` (their `first_week`)
    are more than MONTHLY_AFTER_WEEKS."""
    starts = [p.first_week for p in people if p.first_week]
    return bool(starts) and (now_week - min(starts)).days // 7 + 1 > MONTHLY_AFTER_WEEKS


SIGNS_SHOWN = "one bar a week, a colour for each sign."


# Views -----------------------------------------------------------------------------


def _person_param(request: HttpRequest) -> Person | None:
    """The ?person= filter: one of the user's own people, or 404."""
    value = request.GET.get("person", "")
    if not value:
        return None
    pk = parse_id(value)
    if pk is None:
        raise Http404("No such person.")
    return get_person_for_user(request, pk)


def weekly_context(user, range_key: str, person: Person | None, chats_apart: bool = False) -> dict:
    """Everything the weekly page shows. Queries: 4 or 5, whatever the history.

    The people for the filter (with each one's latest entry), the range's week sums
    (journal.rollups, this week's sentences among them), and the newest entries of the
    RECENT_PEOPLE people in touch last, for their patterns (2 queries, recent_rows).
    `chats_apart`: conversations imported from chats are left out (each person's page
    shows them on their own).
    """
    tz = user.tz
    now = timezone.now()
    now_week = this_week(user, now)
    span = RANGES[range_key]
    first = now_week - timedelta(weeks=span.weeks - 1) if span.weeks else None
    # Whether each person has imported chats: the page offers to leave those out only
    # then. Each one's latest entry is kept on the row; without the chats, one index
    # probe a person finds the latest logged one. Their first week (another probe)
    # says whether "All time" is long enough to draw by the month.
    chats = ChatConversation.objects.filter(interaction__person=OuterRef("pk"))
    latest = F("last_seen")
    weeks_kept = WeekRollup.objects.filter(person=OuterRef("pk"))
    if chats_apart:
        logged = Interaction.objects.for_user(user).filter(person=OuterRef("pk"), chat=None)
        latest = Subquery(logged.order_by("-occurred_at").values("occurred_at")[:1])
        weeks_kept = weeks_kept.filter(chat=False)
    people = list(
        Person.objects.for_user(user).annotate(
            has_chats=Exists(chats),
            latest=latest,
            first_week=Subquery(weeks_kept.order_by("week").values("week")[:1]),
        )
    )
    by_id = {p.pk: p for p in people}
    monthly = first is None and _long(now_week, [by_id[person.pk]] if person else people)
    if monthly:
        five_weeks = now_week - timedelta(weeks=4)  # this week and the four before it
        months, found = month_rows(user, person, five_weeks, chats_apart)
        starts = [m.start for m in months]
        monday = now_week - timedelta(days=now_week.weekday())  # months hold ISO weeks
        bars = charts.fill_weeks(charts.month_list(min(starts), max([monday, *starts])), months)
        near = charts.fill_weeks(
            charts.week_list(five_weeks, now_week), sum_weeks(found, user.week_start, five_weeks)
        )
    else:
        found = list(week_rows(user, person, first, chats_apart))
        rows = sum_weeks(found, user.week_start, first)
        starts = [r.start for r in rows]
        bars = near = charts.fill_weeks(
            charts.week_list(first or min(starts, default=now_week), max([now_week, *starts])),
            rows,
        )
    by_start = {w.start: w for w in near}
    before = [
        by_start.get(now_week - timedelta(weeks=k), charts.Week(now_week)) for k in (1, 2, 3, 4)
    ]
    this_weeks = people_in_week(found, user.week_start, now_week)
    summary = week_summary(
        by_start.get(now_week, charts.Week(now_week)),
        before,
        [(by_id[pk].name, week) for pk, week in this_weeks.items() if week.total and pk in by_id],
        person is None,
    )
    links = month_links(bars, person) if monthly else week_links(bars, person)
    who = f" with {person.name}" if person else ""
    title = f"Signs{who} {'month by month' if monthly else 'week by week'}, and how it felt"
    chart = chart_block(
        "weekly",
        title,
        charts.weekly_figure(bars, links, monthly),
        charts.weekly_table(bars, links, caption=title, monthly=monthly),
        empty=not any(w.total for w in bars),
        empty_text=f"Nothing logged{who} in {span.label.lower()}.",
        entries_target="#week-entries",
        shows=SIGNS_SHOWN,
        note=MONTHLY_NOTE if monthly else "",
    )
    # The people in touch last (ties: the lower id), or the one picked.
    since = now - timedelta(days=RECENT_DAYS)
    active = [p for p in people if p.latest and p.latest >= since]
    shown = [person] if person else sorted(active, key=lambda p: (-p.latest.timestamp(), p.pk))
    shown = shown[:RECENT_PEOPLE]
    recent = recent_rows(user, now=now, logged_only=chats_apart, people=[p.pk for p in shown])
    cards = []
    for p in shown if person else [p for p in shown if p.pk in recent]:
        # Without the links to entries, which are cards on the person page, not this one
        # (the name links to that page).
        rows = recent.get(p.pk, [])
        patterns = find_patterns(rows, now, tz)
        cards.append(
            {
                "person": p,
                "patterns": patterns,
                "crumb_ratio": patterns["crumbs"],
                "crumb_span": crumb_span(rows, now),
            }
        )
    return {
        "nav": "patterns",
        "range": span,
        "ranges": RANGES.values(),
        "person": person,
        "people": people,
        "chart": chart,
        "this_week": now_week,
        "summary": summary,
        "cards": cards,
        "chats_apart": chats_apart,
        "has_chats": chats_apart or any(p.has_chats for p in people),
        # The lines crossed in the last 30 days: 1 query, 2-3 once lines are set.
        "crossed": [
            (by_id[pk], lines)
            for pk, lines in crossed_lines(
                user, {p.pk: p.name for p in people}, now, person
            ).items()
        ],
    }


@login_required
def weekly(request: HtmxHttpRequest) -> HttpResponse:
    """The weekly chart. ?range=12w|6m|1y|all, ?person=<id>, ?chats=apart (imported chats
    left out). htmx gets the chart region only."""
    range_key = request.GET.get("range", DEFAULT_RANGE)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    apart = request.GET.get("chats") == "apart"
    context = weekly_context(request.user, range_key, _person_param(request), apart)
    return render_page(request, "patterns/weekly.html", context, partial="chart")


def _week_start(value: str) -> date | None:
    """The day `?start=` names, or None: not a date, or a week no entry can fall in.

    Entries lie between 1970 and a day from now, so a week far outside (9999-12-25,
    0001-01-01) is no such week, rather than a date too close to the calendar's ends
    to add a week to or to move into the user's zone.
    """
    try:
        start = parse_date(value)
    except ValueError:
        return None
    if start is None:
        return None
    if (
        not EARLIEST.date() - timedelta(weeks=1)
        < start
        <= timezone.now().date() + timedelta(days=2)
    ):
        return None
    return start


def _month_weeks(value: str) -> tuple[date, date] | None:
    """The weeks `?month=YYYY-MM` counts (its first Monday up to the next month's), or
    None: not a month, or one no entry can fall in (as _week_start)."""
    try:
        first = datetime.strptime(value, "%Y-%m").date() if len(value) == 7 else None
    except ValueError:
        return None
    if first is None or not EARLIEST.year <= first.year <= timezone.now().year + 1:
        return None
    after = (first + timedelta(days=31)).replace(day=1)
    return _monday_from(first), _monday_from(after)


def _monday_from(day: date) -> date:
    """The first Monday on or after `day`: a month's bar holds the weeks starting then."""
    return day + timedelta(days=-day.weekday() % 7)


@login_required
def week_entries(request: HtmxHttpRequest) -> HttpResponse:
    """One week's entries in one category: ?start=YYYY-MM-DD&category=<slug>[&person=<id>];
    or a month's (its bar on the "All time" chart): ?month=YYYY-MM instead of start."""
    month = request.GET.get("month", "")
    if month:
        start, stop = _month_weeks(month) or (None, None)
    else:
        start = _week_start(request.GET.get("start", ""))
        stop = start and start + timedelta(weeks=1)
    category = BY_SLUG.get(request.GET.get("category", ""))
    if start is None or category is None:
        raise Http404("No such week, month or category.")
    person = _person_param(request)
    tz = request.user.tz
    entries = Interaction.objects.for_user(request.user).filter(
        occurred_at__gte=local_midnight(start, tz),
        occurred_at__lt=local_midnight(stop, tz),
        categories__category=category.slug,
        categories__active=True,
    )
    if person:
        entries = entries.filter(person=person)
    entries = list(with_categories(entries).order_by("occurred_at", "id")[: WEEK_ENTRIES_LIMIT + 1])
    with_days(entries, tz)
    context = {
        "nav": "patterns",
        "start": start,
        "end": stop - timedelta(days=1),
        "month": datetime.strptime(month, "%Y-%m").date() if month else None,
        "category": category,
        "person": person,
        "entries": entries[:WEEK_ENTRIES_LIMIT],
        "more": len(entries) > WEEK_ENTRIES_LIMIT,
        "categories": CATEGORIES,
    }
    return render_page(request, "patterns/week_entries.html", context, partial="entries")


def _marks(decisions, first: date, tz) -> list[tuple[date, str]]:
    """The decisions made since the chart's first week, as local days and choices."""
    marks = [(timezone.localdate(d.decided, tz), d.get_choice_display()) for d in decisions]
    return sorted((day, label) for day, label in marks if day >= first)


def person_charts(
    user, person: Person, recent: dict[int, list[Row]], now: datetime, decisions=()
) -> dict:
    """The four charts on a person's page; `recent` is recent_rows(user, person, now);
    `decisions` (loaded by the page) show as markers on "How it felt".

    Queries: 1 (a year of the person's rollups: the weeks and the map of hours),
    whatever the history.
    """
    now_week = this_week(user, now)
    first = now_week - timedelta(weeks=PERSON_WEEKS - 1)
    year = now_week - timedelta(weeks=HOURS_WEEKS - 1)
    found = list(rollup_rows(user, person, year))
    rows = sum_weeks(found, user.week_start, first)
    weeks = charts.fill_weeks(
        charts.week_list(first, max([now_week, *(r.start for r in rows)])), rows
    )
    cells = hour_cells(found, user.week_start, year)
    links = week_links(weeks, person)
    quiet = not any(w.total for w in weeks)
    name = person.name
    nothing = f"Nothing logged with {name} in the last {PERSON_WEEKS} weeks."
    signs_title = f"Signs with {name}, week by week"
    return {
        "blocks": [
            chart_block(
                "person-signs",
                signs_title,
                charts.weekly_figure(weeks, links),
                charts.weekly_table(weeks, links, caption=signs_title),
                # No sign at all: said in words, not drawn as an empty plot ("How it
                # felt", below, still draws those weeks).
                quiet or not any(w.signed for w in weeks),
                nothing if quiet else f"No signs with {name} in the last {PERSON_WEEKS} weeks.",
                shows=SIGNS_SHOWN if quiet else "",
            ),
            chart_block(
                "person-hours",
                f"When you and {name} were in touch, over the last year",
                charts.heatmap_figure(cells, user.week_start),
                charts.heatmap_table(
                    cells, user.week_start, "Interactions by weekday and hour, over the last year"
                ),
                not cells,
                f"Nothing logged with {name} in the last year.",
                shows="a square for each weekday and hour you were in touch.",
            ),
            chart_block(
                "person-effort",
                "Who reached out",
                charts.effort_figure(weeks, name),
                charts.effort_table(weeks, name),
                not any(w.me or w.them for w in weeks),
                f"No entry in the last {PERSON_WEEKS} weeks says who reached out. "
                "Pick “Me” or “Them” when you log.",
            ),
            chart_block(
                "person-feeling",
                "How it felt",
                charts.feeling_figure(weeks, _marks(decisions, first, user.tz)),
                charts.feeling_table(weeks),
                quiet,
                nothing,
                shows="how each week felt, on average.",
            ),
        ],
        "empty": quiet and not cells,
    }
