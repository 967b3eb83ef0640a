"""The weekly view, a week's entries in one category, and the person page charts.

The last 90 days of entries are loaded once (patterns.people.recent_rows): this week's
sentences, the person patterns and the 12-week charts come from them. Longer ranges, and
the map of hours, run one grouped query each (sums in the database, in the user's time
zone). `patterns.charts` turns the sums into figures and tables.
"""

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay, Trunc
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.safestring import SafeString

from journal.models import EARLIEST, ChatConversation, Interaction, Person
from journal.views import parse_id, with_categories, with_days
from patterns import charts
from patterns.categories import BY_SLUG, CATEGORIES, SLUGS
from patterns.people import (
    RECENT_DAYS,
    RECENT_MAX,
    Row,
    entry_signs,
    find_patterns,
    recent_rows,
    sign_set,
    signed_count,
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
RECENT_PEOPLE = 5  # person patterns beside the chart, for this many recently active people
PERSON_WEEKS = 12
HOURS_WEEKS = 52  # the map of hours on a person's page: the last year, not the whole history
WEEK_ENTRIES_LIMIT = 100


# Queries ---------------------------------------------------------------------------


SUMS = {
    "total": Count("pk"),
    "feeling_sum": Sum("feeling"),
    "me": Count("pk", filter=Q(initiated_by="me")),
    "them": Count("pk", filter=Q(initiated_by="them")),
}


def _sums(entries, keys: list[str]) -> list[dict]:
    """The sums every weekly chart reads, per group of `entries` sharing `keys`. One query.

    The database groups by `keys` and by the set of signs an entry has; the few groups
    with different signs are added up here.
    """
    rows = entries.annotate(signs=entry_signs()).values(*keys, "signs").annotate(**SUMS).order_by()
    groups: dict[tuple, dict] = {}
    for row in rows:
        group = groups.get(key := tuple(row[k] for k in keys))
        if group is None:
            group = groups[key] = {k: row[k] for k in keys} | dict.fromkeys(
                ["total", "signed", "feeling_sum", "me", "them", *(f"n_{s}" for s in SLUGS)], 0
            )
        n, signs = row["total"], sign_set(row["signs"])
        group["total"] += n
        group["feeling_sum"] += row["feeling_sum"] or 0
        group["me"] += row["me"]
        group["them"] += row["them"]
        if signs:
            group["signed"] += n
            for slug in signs:
                group[f"n_{slug}"] += n
    return list(groups.values())


def _week(row: dict, start: date) -> charts.Week:
    return charts.Week(
        start=start,
        total=row["total"],
        signed=row["signed"],
        feeling_sum=row["feeling_sum"] or 0,
        me=row["me"],
        them=row["them"],
        counts={slug: row[f"n_{slug}"] for slug in SLUGS if row[f"n_{slug}"]},
    )


def week_rows(entries, tz, week_start: int) -> list[charts.Week]:
    """Sums per week of `entries`, weeks read in `tz`. One grouped query.

    TruncWeek gives the Monday of the ISO week in the user's zone. For weeks that start
    on Sunday, Sundays are grouped apart and moved to the week they open.
    """
    rows = entries.annotate(week=Trunc("occurred_at", "week", output_field=DateField(), tzinfo=tz))
    keys = ["week"]
    if week_start == 6:
        rows = rows.annotate(
            iso_day=ExtractIsoWeekDay("occurred_at", tzinfo=tz),
            sunday=Case(When(iso_day=7, then=Value(True)), default=Value(False)),
        )
        keys.append("sunday")
    found = []
    for row in _sums(rows, keys):
        start = row["week"]
        if week_start == 6:  # week_of() keeps to the dates Python can hold
            start = charts.week_of(start + timedelta(days=6 if row["sunday"] else 0), week_start)
        found.append(_week(row, start))
    return found


def rows_by_week(rows: list[Row], tz, week_start: int) -> list[charts.Week]:
    """Sums per week of entries already loaded, weeks read in `tz`: week_rows without a
    query."""
    weeks: dict[date, charts.Week] = {}
    for r in rows:
        start = charts.week_of(r.occurred_at.astimezone(tz).date(), week_start)
        week = weeks.get(start) or weeks.setdefault(start, charts.Week(start))
        week.total += 1
        week.feeling_sum += r.feeling
        week.me += r.initiated_by == "me"
        week.them += r.initiated_by == "them"
        if r.categories:
            week.signed += 1
            for slug in r.categories:
                week.counts[slug] = week.counts.get(slug, 0) + 1
    return list(weeks.values())


def weeks_since(
    entries, recent: dict[int, list[Row]], since: datetime | None, user, now: datetime
) -> list[charts.Week]:
    """Sums per week of `entries` from `since` (None: all of them, from 1970).

    Counted from `recent` (recent_rows of the same entries, loaded anyway for the
    patterns) when it holds every entry since then, else in the database (1 query).
    """
    loaded = [r for rows in recent.values() for r in rows]
    if since and since >= now - timedelta(days=RECENT_DAYS) and len(loaded) < RECENT_MAX:
        return rows_by_week([r for r in loaded if r.occurred_at >= since], user.tz, user.week_start)
    # "All time" starts in 1970 at the earliest: older dates are typos, refused since.
    return week_rows(entries.filter(occurred_at__gte=since or EARLIEST), user.tz, user.week_start)


def hour_cells(entries, tz) -> dict[tuple[int, int], int]:
    """Entries by (ISO weekday, hour) in `tz`. One grouped query, at most 168 rows."""
    rows = (
        entries.annotate(
            day=ExtractIsoWeekDay("occurred_at", tzinfo=tz),
            hour=ExtractHour("occurred_at", tzinfo=tz),
        )
        .values("day", "hour")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(r["day"], r["hour"]): r["n"] for r in rows}


# Plain helpers ---------------------------------------------------------------------


def local_midnight(day: date, tz) -> datetime:
    return datetime.combine(day, time(), tzinfo=tz)


def this_week(user, now: datetime | None = None) -> date:
    return charts.week_of(timezone.localdate(now or timezone.now(), user.tz), user.week_start)


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


def _times(n: int, word: str = "interaction") -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _commonest(counts: Counter) -> str:
    """ "the most common was X", or the signs by name when none came up more than the rest."""
    top = max(counts.values())
    first = [BY_SLUG[s].label for s in SLUGS if counts[s] == top]  # in taxonomy order
    if len(first) == 1:
        return f"the most common was {first[0]}"
    if top == 1:
        return f"the signs were {_and(first)}, once each"
    return f"{_and(first)} came up most, {top} times each"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def week_summary(
    now_week: charts.Week,
    before: list[charts.Week],
    people: list[tuple[str, list[Row]]],
    everyone: bool,
) -> dict:
    """This week in sentences, and how it compares with the four weeks before.

    `people`: each person's name and entries this week.
    """
    lines = []
    if not now_week.total:
        lines.append("Nothing logged this week yet.")
    elif everyone:
        lines.append(
            f"You logged {_times(now_week.total)} this week; "
            f"{now_week.signed} had a sign of a micro-rejection."
        )
    # The people with the most entries with a sign first, then the most entries.
    people = sorted(people, key=lambda p: (-signed_count(p[1]), -len(p[1]), p[0]))
    for name, rows in people[:RECENT_PEOPLE]:
        total, signed = len(rows), signed_count(rows)
        if signed:
            lines.append(
                f"{signed} of {_times(total)} with {name} had a micro-rejection; "
                f"{_commonest(Counter(slug for r in rows for slug in r.categories))}."
            )
        elif total == 1:
            lines.append(f"Your interaction with {name} had no sign of a micro-rejection.")
        else:
            lines.append(f"None of your {total} interactions with {name} had a micro-rejection.")
    change = ""
    past_total = sum(w.total for w in before)
    if past_total:
        average = sum(w.signed for w in before) / len(before)
        diff = now_week.signed - average
        word = "more than" if diff > 0 else "fewer than" if diff < 0 else "the same as"
        change = (
            f"Interactions with a sign this week: {now_week.signed}, {word} the average of "
            f"the four weeks before ({average:.1f} a week)."
        )
        past_feeling = sum(w.feeling_sum for w in before) / past_total
        if now_week.feeling is not None:
            change += (
                f" It felt {now_week.feeling:+.1f} on average, against {past_feeling:+.1f} before."
            )
    return {"lines": lines, "change": change}


SHOW_ENTRIES = '<span class="visually-hidden"> – show these entries</span>'
LINKED_CELL = '<td><a href="{}">{}' + SHOW_ENTRIES + "</a></td>"
HTMX_CELL = (
    '<td><a href="{}" hx-get="{}" hx-target="{}" hx-swap="innerHTML">{}'
    + SHOW_ENTRIES
    + "</a></td>"
)


def table_rows(table: charts.Table, entries_target: str = "") -> list[tuple[str, SafeString]]:
    """The table's rows as (row header, its cells' HTML), a cell with a URL as a link.

    With `entries_target`, a link loads its entries into that element through htmx.
    Each row is one `format_html` (which escapes every value) rather than a loop in
    _chart.html: the template engine took longer over a 12-week table than over the rest
    of the weekly page, and a year's table has 520 cells (bench/run.py).
    """
    rows = []
    for header, cells in table.rows:
        markup, values = [], []
        for cell in cells:
            if not cell.url:
                markup.append("<td>{}</td>")
                values.append(cell.text)
            elif entries_target:
                markup.append(HTMX_CELL)
                values += [cell.url, cell.url, entries_target, cell.text]
            else:
                markup.append(LINKED_CELL)
                values += [cell.url, cell.text]
        rows.append((header, format_html("".join(markup), *values)))
    return rows


SIGNS_SHOWN = "one bar a week, a colour for each sign."


def chart_block(
    key: str,
    title: str,
    figure: dict,
    table: charts.Table,
    empty: bool,
    empty_text: str,
    entries_target: str = "",
    shows: str = "",
) -> dict:
    """What templates/patterns/_chart.html needs for one chart.

    The figure rides in a data-figure attribute rather than json_script: the chart
    region is swapped by htmx, and with allowScriptTags off (base.html) htmx drops
    every <script> in swapped content, JSON ones included. `entries_target`: the
    element that a click on a bar, or a link in the table, loads entries into (without
    it they open the week's page). `shows`: what logging will draw, said under an
    empty chart ("one bar a week, a colour for each sign").
    """
    return {
        "id": key,
        "title": title,
        "figure_json": json.dumps(figure, separators=(",", ":")),
        "table": table,
        "rows": table_rows(table, entries_target),
        "entries_target": entries_target,
        "empty": empty,
        "empty_text": empty_text,
        "shows": shows,
    }


# Views -----------------------------------------------------------------------------


def _person_param(request: HttpRequest) -> Person | None:
    """The ?person= filter: one of the user's own people, or 404."""
    value = request.GET.get("person", "")
    if not value:
        return None
    pk = parse_id(value)
    if pk is None:
        raise Http404("No such person.")
    return get_object_or_404(Person.objects.for_user(request.user), pk=pk)


def weekly_context(user, range_key: str, person: Person | None, chats_apart: bool = False) -> dict:
    """Everything the weekly page shows. Queries: 2 or 3, whatever the history.

    The people for the filter, and the last RECENT_DAYS days of entries: this week's
    sentences, the person patterns and a short range's weeks come from those. A longer
    range sums its weeks in the database. `chats_apart`: conversations imported from
    chats are left out (each person's page shows them on their own).
    """
    tz = user.tz
    now = timezone.now()
    now_week = this_week(user, now)
    span = RANGES[range_key]
    entries = Interaction.objects.for_user(user)
    if person:
        entries = entries.filter(person=person)
    if chats_apart:
        entries = entries.filter(chat__isnull=True)
    first = now_week - timedelta(weeks=span.weeks - 1) if span.weeks else None
    recent = recent_rows(user, person, now, chats_apart)  # the latest active person first
    since = local_midnight(first, tz) if first else None
    rows = weeks_since(entries, recent, since, user, now)
    starts = [r.start for r in rows]
    weeks = charts.fill_weeks(
        charts.week_list(first or min(starts, default=now_week), max([now_week, *starts])), rows
    )
    by_start = {w.start: w for w in weeks}
    before = [
        by_start.get(now_week - timedelta(weeks=k), charts.Week(now_week)) for k in (1, 2, 3, 4)
    ]
    # Whether each person has imported chats: the page offers to leave those out only then.
    chats = ChatConversation.objects.filter(interaction__person=OuterRef("pk"))
    people = list(Person.objects.for_user(user).annotate(has_chats=Exists(chats)))
    by_id = {p.pk: p for p in people}
    start, end = local_midnight(now_week, tz), local_midnight(now_week + timedelta(weeks=1), tz)
    this_weeks = [
        (by_id[pk].name, [r for r in person_rows if start <= r.occurred_at < end])
        for pk, person_rows in recent.items()
        if pk in by_id
    ]
    summary = week_summary(
        by_start.get(now_week, charts.Week(now_week)),
        before,
        [(name, rows) for name, rows in this_weeks if rows],
        person is None,
    )
    links = week_links(weeks, person)
    who = f" with {person.name}" if person else ""
    title = f"Signs{who} week by week, and how it felt"
    chart = chart_block(
        "weekly",
        title,
        charts.weekly_figure(weeks, links),
        charts.weekly_table(weeks, links, caption=title),
        empty=not any(w.total for w in weeks),
        empty_text=f"Nothing logged{who} in {span.label.lower()}.",
        entries_target="#week-entries",
        shows=SIGNS_SHOWN,
    )
    cards = []
    for p in [person] if person else [by_id[pk] for pk in recent if pk in by_id][:RECENT_PEOPLE]:
        # Without the links to entries, which are cards on the person page, not this one
        # (the name links to that page).
        found = find_patterns(recent.get(p.pk, []), now, tz)
        cards.append({"person": p, "patterns": found, "crumb_ratio": found["crumbs"]})
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
    }


@login_required
def weekly(request: HttpRequest) -> HttpResponse:
    """The weekly chart. ?range=12w|6m|1y|all, ?person=<id>, ?chats=apart (imported chats
    left out). htmx gets the chart region only."""
    range_key = request.GET.get("range", DEFAULT_RANGE)
    if range_key not in RANGES:
        range_key = DEFAULT_RANGE
    apart = request.GET.get("chats") == "apart"
    context = weekly_context(request.user, range_key, _person_param(request), apart)
    template = "patterns/weekly.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#chart"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


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


@login_required
def week_entries(request: HttpRequest) -> HttpResponse:
    """One week's entries in one category: ?start=YYYY-MM-DD&category=<slug>[&person=<id>]."""
    start = _week_start(request.GET.get("start", ""))
    category = BY_SLUG.get(request.GET.get("category", ""))
    if start is None or category is None:
        raise Http404("No such week or category.")
    person = _person_param(request)
    tz = request.user.tz
    entries = Interaction.objects.for_user(request.user).filter(
        occurred_at__gte=local_midnight(start, tz),
        occurred_at__lt=local_midnight(start + timedelta(weeks=1), tz),
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
        "end": start + timedelta(days=6),
        "category": category,
        "person": person,
        "entries": entries[:WEEK_ENTRIES_LIMIT],
        "more": len(entries) > WEEK_ENTRIES_LIMIT,
        "categories": CATEGORIES,
    }
    template = "patterns/week_entries.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#entries"
    response = render(request, template, context)
    patch_vary_headers(response, ("HX-Request",))
    return response


def person_charts(user, person: Person, recent: dict[int, list[Row]], now: datetime) -> dict:
    """The four charts on a person's page; `recent` is recent_rows(user, person, now).

    Queries: 1 (the map of hours), whatever the history.
    """
    tz = user.tz
    now_week = this_week(user, now)
    first = now_week - timedelta(weeks=PERSON_WEEKS - 1)
    entries = Interaction.objects.for_user(user).filter(person=person)
    rows = weeks_since(entries, recent, local_midnight(first, tz), user, now)
    weeks = charts.fill_weeks(
        charts.week_list(first, max([now_week, *(r.start for r in rows)])), rows
    )
    year = local_midnight(now_week - timedelta(weeks=HOURS_WEEKS - 1), tz)
    cells = hour_cells(entries.filter(occurred_at__gte=year), tz)
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
                charts.feeling_figure(weeks),
                charts.feeling_table(weeks),
                quiet,
                nothing,
                shows="how each week felt, on average.",
            ),
        ],
        "empty": quiet and not cells,
    }
