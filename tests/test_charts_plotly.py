"""Every figure the charts build is one plotly accepts, and the table beside it holds its
numbers: on the weekly view, a person's page and their chats, with nothing logged, one
week and many weeks.

The figures are plain dicts, which nothing checks on the way to plotly.js: a misspelt
property (`"conectgaps"`) or a value plotly has no use for is dropped without a word in
the browser. Here plotly's own validation, `plotly.graph_objects.Figure(figure)`, raises
on it. The Python package carries the plotly.js it validates against, the one served.
"""

import copy
import io
import json
import re
from datetime import date, datetime, time, timedelta
from html import unescape

import plotly.graph_objects as go
import pytest
from django.core.management import call_command
from django.urls import reverse

from journal import rollups
from journal.models import Decision, EntryCategory, Interaction, Person
from patterns import charts
from patterns.charts.axis import INK
from patterns.chat_section import CHARTS, DRAWN, ChatWeek
from patterns.classifier.categories import SLUGS
from tests import chat_fixtures as fx

# After the imported chat (fx.NOW), a Sunday: Monday weeks end here, Sunday weeks begin.
NOW = fx.NOW
THIS_WEEK = date(2026, 1, 26)  # Monday


# Checking a figure -------------------------------------------------------------------


def validated(figure: dict) -> go.Figure:
    """The figure as plotly.js gets it, through plotly's validation (which raises on a
    property or value plotly does not know).

    charts.js paints lines and markers marked INK in the page's text colour before
    drawing; the same is done here, and nowhere else may INK appear.
    """
    drawn = copy.deepcopy(figure)
    for trace in drawn["data"]:
        for part in ("line", "marker"):
            if trace.get(part, {}).get("color") == INK:
                trace[part]["color"] = "#1a1a1a"
    return go.Figure(drawn)


def test_a_misspelt_property_does_not_get_past_the_check():
    figure = charts.feeling_figure([charts.Week(THIS_WEEK, total=1, feeling_sum=2)])
    figure["data"][0]["conectgaps"] = False
    with pytest.raises(ValueError, match="conectgaps"):
        validated(figure)
    figure = charts.effort_figure([], "Sam")
    figure["layout"]["barmode"] = "grouped"  # a value plotly does not have
    with pytest.raises(ValueError, match="barmode"):
        validated(figure)


# Checking a table against its figure -----------------------------------------------

Rows = list[tuple[str, list[str]]]  # (row header, each cell's text)


def number(text: str) -> float | None:
    """A table cell's number ("–" for none; "+1.5", "29%", "16.5")."""
    if text == "–":
        return None
    if text.endswith("%"):
        return float(text[:-1]) / 100
    return float(text)


def assert_shows(value: float | None, text: str) -> None:
    """`text` is `value` to the digits it shows."""
    shown = number(text)
    if value is None or shown is None:
        assert value is None and shown is None, (value, text)
        return
    digits = len(text.rstrip("%").partition(".")[2]) + (2 if text.endswith("%") else 0)
    assert abs(value - shown) <= 0.5 * 10**-digits + 1e-9, (value, text)


def assert_week_table(figure: dict, columns: list[str], rows: Rows, names: dict) -> None:
    """Each trace's values (trace name -> its column in `names`, None for a trace the
    table leaves out) are its column's, week by week; a column no trace draws is zero
    throughout (a sign never seen), apart from the count of interactions."""
    weeks = [row_start(header) for header, _ in rows]
    drawn = set()
    for trace in figure["data"]:
        column = names[trace["name"]]
        if column is None:
            continue
        drawn.add(column)
        assert trace["x"] == weeks
        i = columns.index(column) - 1
        assert len(trace["y"]) == len(rows)
        for value, (_, cells) in zip(trace["y"], rows, strict=True):
            assert_shows(value, cells[i])
    for column in set(columns[1:]) - drawn - {"Interactions"}:
        i = columns.index(column) - 1
        assert all(cells[i] == "0" for _, cells in rows), column


def row_start(header: str) -> str:
    """The week ("7 Sep 2025") or month ("September 2025") a row header names, as the
    figure's x gives it (a month by its first day)."""
    for form in ("%d %b %Y", "%B %Y"):
        try:
            return datetime.strptime(header, form).date().isoformat()
        except ValueError:
            pass
    raise AssertionError(f"not a week or a month: {header}")


def assert_heatmap_table(figure: dict, columns: list[str], rows: Rows) -> None:
    """Hours a row and weekdays a column: the figure's grid turned on its side."""
    (trace,) = figure["data"]
    assert columns[1:] == [day[:3] for day in trace["y"]]
    assert [header for header, _ in rows] == trace["x"]
    for hour, (_, cells) in enumerate(rows):
        assert [int(text) for text in cells] == [counts[hour] for counts in trace["z"]]


def assert_table_matches(key: str, figure: dict, columns: list[str], rows: Rows, name: str):
    if key.endswith("hours"):
        assert_heatmap_table(figure, columns, rows)
        return
    names = {
        "How it felt (average)": "How it felt (average)",
        "Your decisions": None,  # days, not weeks: the page lists the decisions
        "You reached out": "You",
        f"{name} reached out": name,
        "You": "You",
        name: name,
    }
    names |= {label: label for label in columns}  # the signs, by their labels
    assert_week_table(figure, columns, rows, names)


def texts(table: charts.Table) -> tuple[list[str], Rows]:
    return table.columns, [(header, [c.text for c in cells]) for header, cells in table.rows]


# The chart functions, straight: nothing logged, one week, many weeks -----------------


def sums(starts: list[date]) -> list[charts.Week]:
    """Weeks with a bit of everything, and some with nothing logged."""
    weeks = []
    for i, start in enumerate(starts):
        total = 0 if i % 4 == 3 else 1 + i % 5
        counts = {SLUGS[(i + k) % len(SLUGS)]: 1 + k for k in range(i % 3)} if total else {}
        feeling = ((i % 7) - 3) * total + i % 2
        weeks.append(charts.Week(start, total, len(counts), feeling, i % 3, total - i % 3, counts))
    return weeks


def chat_sums(starts: list[date]) -> list[ChatWeek]:
    weeks = []
    for i, start in enumerate(starts):
        quiet = i % 5 == 4  # no conversation started: gaps in the lines
        weeks.append(
            ChatWeek(
                start,
                started_me=0 if quiet else i % 3,
                started_them=0 if quiet else 1,
                messages_me=0 if quiet else 3 + i,
                messages_them=0 if quiet else 2 * i,
                late_me=0 if quiet else i % 3,
                late_them=0 if quiet else 1,
                replies_me=[] if quiet else [5, 40 + i],
                replies_them=[] if quiet or i % 2 else [1, 2, 1885],
            )
        )
    return weeks


SHAPES = {
    "nothing logged": [],
    "one week": [THIS_WEEK],
    "many weeks": charts.week_list(date(2024, 12, 2), THIS_WEEK),  # a year turns
}


def built(starts: list[date], week_start: int):
    """(key, figure, table) for every chart, on sums over `starts`."""
    weeks, chats = sums(starts), chat_sums(starts)
    cells = {(1 + i % 7, (5 * i) % 24): 1 + i % 4 for i, _ in enumerate(starts)}
    marks = [(start + timedelta(days=2), "Keep going") for start in starts[-3:]]
    links = [
        {slug: f"/patterns/week/?start={w.start}&category={slug}" for slug in w.counts}
        for w in weeks
    ]
    yield "weekly", charts.weekly_figure(weeks, links), charts.weekly_table(weeks, links)
    months = sums(charts.month_list(starts[0], starts[-1]) if starts else [])
    yield (
        "weekly-months",
        charts.weekly_figure(months, links[: len(months)], monthly=True),
        charts.weekly_table(months, links[: len(months)], monthly=True),
    )
    yield "person-effort", charts.effort_figure(weeks, "Sam"), charts.effort_table(weeks, "Sam")
    yield "person-feeling", charts.feeling_figure(weeks, marks), charts.feeling_table(weeks)
    yield (
        "person-hours",
        charts.heatmap_figure(cells, week_start),
        charts.heatmap_table(cells, week_start),
    )
    for key, _title, draw, what, unit, caption in CHARTS:
        figure, table = DRAWN[draw]
        yield key, figure(chats, what, "Sam", unit), table(chats, what, "Sam", caption)


@pytest.mark.parametrize("week_start", [0, 6])
@pytest.mark.parametrize("shape", SHAPES)
def test_every_chart_builds_a_figure_plotly_accepts_and_its_table_has_its_numbers(
    shape, week_start
):
    found = []
    for key, figure, table in built(SHAPES[shape], week_start):
        validated(figure)
        assert_table_matches(key, figure, *texts(table), name="Sam")
        found.append(key)
    assert len(found) == 9


# The charts as the pages draw them ------------------------------------------------------


def log(user, person, when: datetime, i: int) -> Interaction:
    entry = Interaction.objects.create(
        user=user,
        person=person,
        occurred_at=when,
        feeling=(i % 7) - 3,
        initiated_by=("me", "them", "")[i % 3],
        text=f"entry {i}",
    )
    for k in range(i % 3):
        EntryCategory.objects.create(
            interaction=entry, category=SLUGS[(i + k) % len(SLUGS)], reasons=["test"]
        )
    return entry


def logged(user, person, moments: list[datetime]) -> None:
    entries = [log(user, person, when, i) for i, when in enumerate(moments)]
    rollups.refresh_entries(user, entries)  # as the log form does


def page_charts(client, url: str) -> dict[str, tuple[dict, list[str], Rows]]:
    """Each chart the page draws: its figure, and its table's columns and rows."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    found = {}
    for key, attribute in re.findall(r'id="([\w-]+)" data-chart data-figure="([^"]*)"', html):
        figure = json.loads(unescape(attribute))
        table = re.search(rf'<table class="chart-table" id="{key}-table">(.*?)</table>', html, re.S)
        columns = [unescape(c) for c in re.findall(r'<th scope="col">([^<]*)</th>', table[1])]
        rows = [
            (unescape(header), [cell_text(c) for c in re.findall(r"<td>(.*?)</td>", cells)])
            for header, cells in re.findall(
                r'<tr><th scope="row">([^<]*)</th>(.*?)</tr>', table[1], re.S
            )
        ]
        found[key] = (figure, columns, rows)
    return found


def cell_text(cell: str) -> str:
    """A cell's text as read: without its link, or the words only a screen reader says."""
    cell = re.sub(r'<span class="visually-hidden">.*?</span>', "", cell)
    return unescape(re.sub(r"<[^>]+>", "", cell)).strip()


PERSON_CHARTS = {"person-signs", "person-hours", "person-effort", "person-feeling"}
CHAT_CHARTS = {key for key, *_ in CHARTS}


@pytest.mark.clock(NOW)
@pytest.mark.parametrize("week_start", [0, 6])
@pytest.mark.parametrize("shape", ["one week", "many weeks"])
def test_every_chart_on_the_pages_is_one_plotly_accepts_with_its_numbers_in_its_table(
    alice_client, alice, sam, tmp_path, shape, week_start
):
    alice.week_start = week_start
    alice.save(update_fields=["week_start"])
    if shape == "one week":  # this morning, a Sunday: this week whichever day opens it
        moments = [datetime(2026, 2, 1, 7 + i % 5, tzinfo=alice.tz) for i in range(9)]
    else:  # every five days from 20 November 2024
        day = date(2024, 11, 20)
        moments = [
            datetime.combine(day + timedelta(days=5 * i), time(7 + i % 16)) for i in range(88)
        ]
        moments = [when.replace(tzinfo=alice.tz) for when in moments]
    logged(alice, sam, moments)
    Decision.objects.create(user=alice, person=sam, choice="keep", decided=NOW - timedelta(days=3))
    chat = tmp_path / "chat.txt"
    chat.write_bytes(fx.android())
    args = ["--username", "alice", "--person", "Rafael", "--me", fx.ME]
    call_command("import_chat", str(chat), *args, stdout=io.StringIO())
    rafael = Person.objects.get(user=alice, name="Rafael")

    pages = [
        ("/patterns/?range=all", {"weekly"}, ""),
        ("/patterns/?range=12w", {"weekly"}, ""),
        ("/patterns/?range=1y&chats=apart", {"weekly"}, ""),
        (f"/patterns/?person={sam.pk}&range=6m", {"weekly"}, ""),
        (reverse("journal-person", args=[sam.pk]), PERSON_CHARTS, "Sam"),
        (reverse("journal-person", args=[rafael.pk]), PERSON_CHARTS | CHAT_CHARTS, "Rafael"),
    ]
    for url, keys, name in pages:
        drawn = page_charts(alice_client, url)
        assert set(drawn) == keys, url
        for key, (figure, columns, rows) in drawn.items():
            validated(figure)
            assert_table_matches(key, figure, columns, rows, name)
    weeks = page_charts(alice_client, "/patterns/?range=all&chats=apart")["weekly"][2]
    # Many: the weeks of 18 November 2024 to 26 January 2026, or 17 November to 1 February.
    assert len(weeks) == (1 if shape == "one week" else {0: 63, 6: 64}[week_start])


@pytest.mark.clock(NOW)
@pytest.mark.parametrize("week_start", [0, 6])
def test_all_time_by_the_month_is_a_figure_plotly_accepts_with_its_numbers_in_its_table(
    alice_client, alice, sam, week_start
):
    alice.week_start = week_start
    alice.save(update_fields=["week_start"])
    day = date(2022, 11, 27)  # a Sunday: its week counts in November, by its Monday
    moments = [datetime.combine(day + timedelta(days=9 * i), time(7 + i % 16)) for i in range(130)]
    logged(alice, sam, [when.replace(tzinfo=alice.tz) for when in moments])
    for url in ("/patterns/?range=all", f"/patterns/?range=all&person={sam.pk}"):
        figure, columns, rows = page_charts(alice_client, url)["weekly"]
        validated(figure)
        assert columns[0] == "Month"
        assert_table_matches("weekly", figure, columns, rows, "Sam")
        # November 2022 to January 2026: this week's Monday (26 January), whichever day
        # the account's weeks start on.
        assert [rows[0][0], rows[-1][0], len(rows)] == ["November 2022", "January 2026", 39]
