"""The weekly view, a week's entries, and the charts on the person page.

Weekly sums are checked against fixtures counted by hand, in the user's zone.
"""

import html
import json
import re
from datetime import UTC, datetime, timedelta
from html import unescape
from html.parser import HTMLParser
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from journal import rollups
from journal.models import Basic, Decision, EntryCategory, Interaction, Line, Person
from patterns import charts, week_sums
from patterns.person_patterns import recent_rows

WEEKLY = "/patterns/"


def log(user, person, local: str, signs=(), feeling=0, initiated_by="", **fields) -> Interaction:
    """One entry at a local wall-clock time ("2026-03-29 23:30") in the user's zone."""
    at = datetime.fromisoformat(local).replace(tzinfo=user.tz)
    entry = Interaction.objects.create(
        user=user,
        person=person,
        occurred_at=at,
        feeling=feeling,
        initiated_by=initiated_by,
        text=fields.pop("text", f"entry at {local}"),
        **fields,
    )
    for slug in signs:
        EntryCategory.objects.create(interaction=entry, category=slug, reasons=["test"])
    rollups.refresh_entries(user, [entry])  # as the log form does
    return entry


def figure(response, name: str = "weekly") -> dict:
    html = response.content.decode()
    match = re.search(rf'<div class="chart" id="{name}" data-chart data-figure="([^"]*)"', html)
    assert match, f"no figure {name}"
    return json.loads(unescape(match.group(1)))


def bars(fig: dict) -> dict[str, dict[str, int]]:
    """{category label: {week start: count}} for the non-zero weeks."""
    return {
        t["name"]: {x: y for x, y in zip(t["x"], t["y"], strict=True) if y}
        for t in fig["data"]
        if t["type"] == "bar"
    }


def feeling_line(fig: dict) -> dict[str, float]:
    line = next(t for t in fig["data"] if t["type"] == "scatter")
    return {x: y for x, y in zip(line["x"], line["y"], strict=True) if y is not None}


class TableParser(HTMLParser):
    """The visible text of a table's cells, row by row (visually hidden text left out)."""

    def __init__(self, table_id: str):
        super().__init__()
        self.table_id, self.inside, self.hidden = table_id, False, 0
        self.rows: list[list[str]] = []
        self.links: list[str] = []
        self.caption = ""
        self.cell: list[str] | None = None
        self.in_caption = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id") == self.table_id:
            self.inside = True
        if not self.inside:
            return
        if tag == "caption":
            self.in_caption = True
        if tag == "tr":
            self.rows.append([])
        if tag in ("td", "th"):
            self.cell = []
        if tag == "span" and "visually-hidden" in (attrs.get("class") or ""):
            self.hidden += 1
        if tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "table":
            self.inside = False
        if tag == "caption":
            self.in_caption = False
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell).strip())
            self.cell = None
        if tag == "span" and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if self.in_caption:
            self.caption += data
        elif self.inside and self.cell is not None and not self.hidden:
            self.cell.append(data)


def table(response, table_id: str = "weekly-table") -> TableParser:
    parser = TableParser(table_id)
    parser.feed(response.content.decode())
    assert parser.rows, f"no table {table_id}"
    return parser


@pytest.fixture
def robin(alice) -> Person:
    return Person.objects.create(user=alice, name="Robin")


# Weekly sums across daylight-saving changes and far-off zones ------------------------

# 12 weeks are summed from the last 90 days' entries, loaded for the patterns anyway; a
# year in the database. Both must read weeks alike.
BOTH_WAYS = pytest.mark.parametrize("query", ["", "?range=1y"])


@BOTH_WAYS
@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_weeks_follow_local_time_across_the_spring_clock_change(alice_client, alice, sam, query):
    # Europe/London moves to BST at 01:00 UTC on Sunday 29 March 2026.
    log(alice, sam, "2026-03-22 12:00", ["left_on_read"], feeling=-1)
    log(alice, sam, "2026-03-28 23:30", ["avoided_plans"], feeling=-2)  # Saturday, GMT
    log(alice, sam, "2026-03-29 23:30", ["avoided_plans", "left_on_read"], feeling=1)  # Sunday, BST
    log(alice, sam, "2026-03-30 00:30", ["avoided_plans"], feeling=3)  # Monday, Sunday 23:30 UTC

    fig = figure(alice_client.get(WEEKLY + query))
    assert bars(fig) == {
        "Avoided plans": {"2026-03-23": 2, "2026-03-30": 1},
        "Left on read": {"2026-03-16": 1, "2026-03-23": 1},
    }
    assert feeling_line(fig) == {"2026-03-16": -1.0, "2026-03-23": -0.5, "2026-03-30": 3.0}

    alice.week_start = 6  # Sunday
    alice.save()
    fig = figure(alice_client.get(WEEKLY + query))
    # The Saturday stays in the week of Sunday 22 March: a shift by 24 hours in UTC
    # would push it across the clock change into the next week.
    assert bars(fig) == {
        "Avoided plans": {"2026-03-22": 1, "2026-03-29": 2},
        "Left on read": {"2026-03-22": 1, "2026-03-29": 1},
    }
    assert feeling_line(fig) == {"2026-03-22": -1.5, "2026-03-29": 2.0}


@BOTH_WAYS
@pytest.mark.clock(datetime(2026, 11, 4, 12, tzinfo=UTC))
def test_weeks_follow_local_time_across_the_autumn_clock_change(alice_client, alice, sam, query):
    # Europe/London goes back to GMT at 01:00 UTC on Sunday 25 October 2026.
    log(alice, sam, "2026-10-25 00:30", ["busy_excuses"])  # Sunday, BST: Saturday 23:30 UTC
    log(alice, sam, "2026-10-25 23:30", ["busy_excuses"])  # Sunday, GMT
    log(alice, sam, "2026-10-26 00:30", ["joked_off"])  # Monday

    assert bars(figure(alice_client.get(WEEKLY + query))) == {
        '"Busy" as a cover': {"2026-10-19": 2},
        "Joked off": {"2026-10-26": 1},
    }
    alice.week_start = 6
    alice.save()
    assert bars(figure(alice_client.get(WEEKLY + query))) == {
        '"Busy" as a cover': {"2026-10-25": 2},
        "Joked off": {"2026-10-25": 1},
    }


@BOTH_WAYS
@pytest.mark.clock(datetime(2026, 3, 11, 12, tzinfo=UTC))
def test_a_sunday_night_in_los_angeles_belongs_to_that_sundays_week(
    alice_client, alice, sam, query
):
    alice.time_zone = "America/Los_Angeles"
    alice.save()
    log(alice, sam, "2026-02-28 23:30", ["left_on_read"])  # Saturday night: Sunday 07:30 UTC
    log(alice, sam, "2026-03-01 23:30", ["avoided_plans"])  # Sunday night: Monday 07:30 UTC

    response = alice_client.get(WEEKLY + query)
    assert bars(figure(response)) == {
        "Avoided plans": {"2026-02-23": 1},
        "Left on read": {"2026-02-23": 1},
    }
    rows = {row[0]: row for row in table(response).rows[1:]}
    assert rows["23 Feb 2026"][-2] == "2"  # interactions that week

    alice.week_start = 6  # a Sunday-start week: Sunday night opens the next one
    alice.save()
    assert bars(figure(alice_client.get(WEEKLY + query))) == {
        "Avoided plans": {"2026-03-01": 1},
        "Left on read": {"2026-02-22": 1},
    }


@BOTH_WAYS
@pytest.mark.clock(datetime(2026, 3, 11, 12, tzinfo=UTC))
def test_weeks_in_auckland_start_at_local_midnight(alice_client, alice, sam, query):
    alice.time_zone = "Pacific/Auckland"
    alice.save()
    log(alice, sam, "2026-03-01 23:30", ["joked_off"])  # Sunday night: Sunday 10:30 UTC
    log(alice, sam, "2026-03-02 00:30", ["joked_off"])  # Monday: still Sunday 11:30 UTC
    assert bars(figure(alice_client.get(WEEKLY + query))) == {
        "Joked off": {"2026-02-23": 1, "2026-03-02": 1}
    }
    alice.week_start = 6
    alice.save()
    assert bars(figure(alice_client.get(WEEKLY + query))) == {"Joked off": {"2026-03-01": 2}}


@BOTH_WAYS
@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_trashed_entries_and_removed_signs_do_not_count(alice_client, alice, sam, query):
    gone = log(alice, sam, "2026-04-06 10:00", ["avoided_plans"])
    alice_client.post(reverse("journal-entry-delete", args=[gone.pk]))
    removed = log(alice, sam, "2026-04-07 10:00", ["avoided_plans", "left_on_read"])
    alice_client.post(reverse("patterns-correct", args=[removed.pk]), {"category": "avoided_plans"})
    response = alice_client.get(WEEKLY + query)
    assert bars(figure(response)) == {"Left on read": {"2026-04-06": 1}}
    assert table(response).rows[-1][-2] == "1"
    # Back from the trash, it counts again.
    alice_client.post(reverse("journal-entry-restore", args=[gone.pk]))
    response = alice_client.get(WEEKLY + query)
    assert bars(figure(response)) == {
        "Avoided plans": {"2026-04-06": 1},
        "Left on read": {"2026-04-06": 1},
    }


@pytest.mark.parametrize("week_start", [0, 6])
@pytest.mark.parametrize("zone", ["Europe/London", "Pacific/Auckland", "America/Los_Angeles"])
@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_weeks_read_from_rollups_match_the_entries(
    alice, sam, robin, zone, week_start, django_assert_num_queries
):
    alice.time_zone, alice.week_start = zone, week_start
    alice.save()
    slugs = ["avoided_plans", "left_on_read", "joked_off"]
    for i in range(120):  # every 17 hours over 85 days: all hours, weekdays, both clocks
        at = (timezone.now() - timedelta(hours=17 * i)).astimezone(alice.tz)
        log(
            alice,
            (sam, robin)[i % 2],
            at.strftime("%Y-%m-%d %H:%M"),
            slugs[: i % 4],
            feeling=i % 7 - 3,
            initiated_by=("me", "them", "")[i % 3],
        )
    now = timezone.now()
    first = week_sums.this_week(alice, now) - timedelta(weeks=11)
    starts = charts.week_list(first, week_sums.this_week(alice, now))
    with django_assert_num_queries(1):
        read = charts.fill_weeks(starts, week_sums.weeks_since(alice, None, first))
    counted = {start: charts.Week(start) for start in starts}
    for r in [r for rows in recent_rows(alice, None, now).values() for r in rows]:
        start = charts.week_of(r.occurred_at.astimezone(alice.tz).date(), week_start)
        if start in counted:
            counted[start].add(
                charts.Week(
                    start,
                    1,
                    int(bool(r.categories)),
                    r.feeling,
                    int(r.initiated_by == "me"),
                    int(r.initiated_by == "them"),
                    dict.fromkeys(r.categories, 1),
                )
            )
    assert sum(w.total for w in read) > 90
    assert read == list(counted.values())


# Ranges, filters, empty weeks -------------------------------------------------------


@pytest.fixture
def history(alice, sam, robin):
    """Entries 1, 20, 40 and 100 weeks back from Wednesday 8 April 2026, where the tests
    that use it start (pytest.mark.clock)."""
    for weeks_back, person in ((1, sam), (20, sam), (40, robin), (100, robin)):
        day = (datetime(2026, 4, 8) - timedelta(weeks=weeks_back)).strftime("%Y-%m-%d")
        log(alice, person, f"{day} 12:00", ["left_on_read"], feeling=-1)


@pytest.mark.parametrize(
    ("query", "weeks", "counted"),
    [
        ("", 12, 1),
        ("?range=12w", 12, 1),
        ("?range=6m", 26, 2),
        ("?range=1y", 52, 3),
        ("?range=all", 101, 4),
        ("?range=nonsense", 12, 1),
    ],
)
@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_the_range_sets_how_many_weeks_show(alice_client, history, query, weeks, counted):
    response = alice_client.get(WEEKLY + query)
    fig = figure(response)
    bar = next(t for t in fig["data"] if t["type"] == "bar")
    assert len(bar["x"]) == weeks  # every week, empty ones too
    assert bar["x"][-1] == "2026-04-06"  # up to this week
    assert sum(bar["y"]) == counted
    assert len(table(response).rows) == weeks + 1


@pytest.mark.parametrize("week_start", [0, 6])
@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_all_time_starts_in_1970_whatever_an_old_typo_says(alice_client, alice, sam, week_start):
    # Saved before dates were checked (the form now refuses them): year 1 and year 1026.
    alice.week_start = week_start
    alice.save()
    for typo in ("0001-01-01 00:00", "1026-04-01 10:00", "2026-04-01 10:00"):
        Interaction.objects.create(
            user=alice,
            person=sam,
            occurred_at=datetime.fromisoformat(typo).replace(tzinfo=UTC),
            feeling=0,
        )
    call_command("rebuild_rollups", stdout=StringIO())  # as migrating old data does
    response = alice_client.get(WEEKLY + "?range=all")
    assert response.status_code == 200
    weeks = {x for trace in figure(response)["data"] for x in trace["x"]}
    # The entry's week and this one; nothing from 1026 or year 1.
    assert weeks == (
        {"2026-03-30", "2026-04-06"} if week_start == 0 else {"2026-03-29", "2026-04-05"}
    )
    assert len(table(response).rows) == 3  # a heading and two weeks


# "All time" past two years draws a bar a month ------------------------------------------


@pytest.fixture
def long_history(alice, sam, robin):
    """Three years and more: two entries in January 2023, one on the Sunday before it
    (its ISO week starts in December), one on the Sunday that ends January's last week,
    and one this week."""
    log(alice, sam, "2023-01-01 12:00", ["left_on_read"], feeling=3)  # Sunday: December's week
    log(alice, sam, "2023-01-03 09:00", ["left_on_read", "joked_off"], feeling=-2)
    log(alice, robin, "2023-01-17 20:00", ["left_on_read"], feeling=-1)
    log(alice, sam, "2023-02-05 08:00", ["joked_off"], feeling=0)  # Monday 30 Jan's week
    log(alice, robin, "2026-04-07 10:00", ["avoided_plans"], feeling=1)


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_all_time_past_two_years_draws_and_tabulates_a_bar_a_month(alice_client, long_history):
    response = alice_client.get(WEEKLY + "?range=all")
    body = response.content.decode()
    fig = figure(response)
    bar = next(t for t in fig["data"] if t["type"] == "bar")
    assert bar["x"][0] == "2022-12-01" and bar["x"][-1] == "2026-04-01"
    assert len(bar["x"]) == 41  # December 2022 to April 2026, empty months too
    assert bars(fig) == {
        "Left on read": {"2022-12-01": 1, "2023-01-01": 2},
        "Joked off": {"2023-01-01": 2},
        "Avoided plans": {"2026-04-01": 1},
    }
    feeling = next(t for t in fig["data"] if t["type"] == "scatter")
    assert feeling["y"][0] == 3.0 and feeling["y"][1] == -1.0  # (-2 - 1 + 0) / 3
    assert all("Week" not in t["hovertemplate"] for t in fig["data"])
    assert fig["layout"]["xaxis"]["hoverformat"] == "%B %Y"
    assert "Signs month by month, and how it felt" in body
    assert "Each week, Monday to Sunday, counts in the month its Monday falls in." in body
    rows = table(response).rows
    assert rows[0][0] == "Month"
    assert rows[1][0] == "December 2022" and rows[-1][0] == "April 2026"
    assert len(rows) == 42
    assert "?month=2023-01&amp;category=joked_off" in body
    # This week's sentences still read weeks.
    assert "The week of 6 April." in body


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_a_long_history_keeps_a_bar_a_week_on_the_shorter_ranges(alice_client, long_history):
    fig = figure(alice_client.get(WEEKLY + "?range=1y"))
    assert len(fig["data"][0]["x"]) == 52
    assert "Week of" in fig["data"][0]["hovertemplate"]


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_a_person_with_a_short_history_keeps_a_bar_a_week_on_all_time(
    alice_client, alice, long_history, sam
):
    ana = Person.objects.create(user=alice, name="Ana")
    log(alice, ana, "2026-03-30 10:00", ["joked_off"])
    response = alice_client.get(f"{WEEKLY}?range=all&person={ana.pk}")
    assert figure(response)["data"][0]["x"] == ["2026-03-30", "2026-04-06"]
    response = alice_client.get(f"{WEEKLY}?range=all&person={sam.pk}")
    assert figure(response)["data"][0]["x"][0] == "2022-12-01"
    assert (
        f"?month=2023-02&amp;category=joked_off&amp;person={sam.pk}"
        not in response.content.decode()
    )


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_a_months_link_lists_the_entries_of_the_weeks_its_bar_counts(
    alice_client, long_history, bob
):
    url = reverse("patterns-week")
    response = alice_client.get(f"{url}?month=2023-01&category=joked_off")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Joked off, January 2023: the weeks from 2 Jan to 5 Feb 2023" in body
    # 3 January and 5 February, as the bar counts; not 1 January (December's week).
    assert "entry at 2023-01-03 09:00" in body and "entry at 2023-02-05 08:00" in body
    assert "entry at 2023-01-01" not in body
    response = alice_client.get(f"{url}?month=2022-12&category=left_on_read")
    assert "entry at 2023-01-01 12:00" in response.content.decode()
    response = alice_client.get(f"{url}?month=2024-06&category=joked_off")
    assert "No entries marked" in response.content.decode()
    assert "in this month." in response.content.decode()
    theirs = Person.objects.create(user=bob, name="Theirs")
    query = f"?month=2023-01&category=joked_off&person={theirs.pk}"
    assert alice_client.get(url + query).status_code == 404
    for bad in ("2023-13", "2023-1", "9999-12", "0001-01", "1969-12", "march", ""):
        query = f"?month={bad}&category=joked_off" if bad else "?month=&category=joked_off"
        assert alice_client.get(url + query).status_code == 404, bad


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_empty_weeks_are_zero_weeks_not_gaps(alice_client, history):
    fig = figure(alice_client.get(WEEKLY + "?range=6m"))
    bar = next(t for t in fig["data"] if t["type"] == "bar")
    assert bar["x"][:3] == ["2025-10-13", "2025-10-20", "2025-10-27"]
    starts = [datetime.fromisoformat(x) for x in bar["x"]]
    assert {b - a for a, b in zip(starts, starts[1:], strict=False)} == {timedelta(weeks=1)}
    assert bar["y"].count(0) == 24


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_the_person_filter_shows_one_persons_weeks(alice_client, history, sam, robin):
    response = alice_client.get(f"{WEEKLY}?range=all&person={robin.pk}")
    body = response.content.decode()
    bar = next(t for t in figure(response)["data"] if t["type"] == "bar")
    assert sum(bar["y"]) == 2
    assert f'<option value="{robin.pk}" selected>Robin</option>' in body
    assert f"person={robin.pk}" in bar["customdata"][0]
    assert "Patterns with Robin" in body


def test_another_users_person_is_not_found(alice_client, bob):
    theirs = Person.objects.create(user=bob, name="Theirs")
    assert alice_client.get(f"{WEEKLY}?person={theirs.pk}").status_code == 404
    assert alice_client.get(f"{WEEKLY}?person=abc").status_code == 404


def test_it_asks_anonymous_visitors_to_log_in(client, db):
    assert client.get(WEEKLY).status_code == 302
    assert client.get(reverse("patterns-week")).status_code == 302


def test_with_nothing_logged_it_says_how_to_start(alice_client):
    response = alice_client.get(WEEKLY)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Nothing logged in 12 weeks." in body
    assert f'href="{reverse("journal-log")}"' in body
    assert "data-figure=" not in body
    assert "Nothing logged this week yet." in body


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_with_htmx_a_range_change_returns_only_the_chart_region(alice_client, history):
    response = alice_client.get(WEEKLY + "?range=6m", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert "<html" not in body
    assert body.lstrip().startswith('<div id="patterns-region"')
    assert 'aria-current="true">6 months</a>' in body
    assert "HX-Request" in response["Vary"]
    full = alice_client.get(WEEKLY + "?range=6m")
    assert "<html" in full.content.decode()
    # Every htmx control also works as a plain link or form.
    assert 'href="/patterns/?range=1y"' in body
    assert 'method="get" action="/patterns/"' in body


def test_plotly_is_served_from_our_own_static_files(alice_client, sam):
    log(sam.user, sam, timezone.localtime().strftime("%Y-%m-%d %H:%M"), ["joked_off"])
    body = alice_client.get(WEEKLY).content.decode()
    scripts = re.findall(r'<script[^>]*src="([^"]+)"', body)
    assert "/static/vendor/plotly-cartesian-4.1.1.min.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    assert not re.search(r"<script(?![^>]*src=)[^>]*>", body)  # no inline script at all


# The table behind the chart ----------------------------------------------------------


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_the_table_has_the_same_numbers_as_the_chart(alice_client, alice, sam, robin):
    log(alice, sam, "2026-04-06 09:00", ["avoided_plans", "left_on_read"], feeling=-2)
    log(alice, robin, "2026-04-07 21:00", ["avoided_plans"], feeling=1)
    log(alice, sam, "2026-03-20 09:00", [], feeling=3)
    response = alice_client.get(WEEKLY)
    fig = figure(response)
    parsed = table(response)
    header, *rows = parsed.rows
    assert parsed.caption == "Signs week by week, and how it felt"
    assert header[0] == "Week of"
    line = next(t for t in fig["data"] if t["type"] == "scatter")
    for trace in fig["data"]:
        column = header.index(trace["name"])
        cells = [row[column] for row in rows]
        if trace["type"] == "bar":
            assert cells == [str(y) for y in trace["y"]]
    assert [row[header.index("How it felt (average)")] for row in rows] == [
        "–" if y is None else f"{y:+.1f}" for y in line["y"]
    ]
    assert [row[header.index("Interactions")] for row in rows][-4:] == ["1", "0", "0", "2"]
    # Each non-zero cell links to that week's entries in that category.
    assert "/patterns/week/?start=2026-04-06&category=avoided_plans" in parsed.links
    assert len(parsed.links) == 2


# This week in sentences, and person patterns -----------------------------------------


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_this_week_is_told_in_sentences(alice_client, alice, sam, robin):
    for day, signs in [
        ("2026-04-06", ["avoided_plans"]),
        ("2026-04-07", ["avoided_plans", "busy_excuses"]),
        ("2026-04-08", ["avoided_plans"]),
        ("2026-04-08", ["left_on_read"]),
        ("2026-04-09", []),
        ("2026-04-10", []),
    ]:
        log(alice, sam, f"{day} 10:00", signs, feeling=-1)
    log(alice, robin, "2026-04-09 18:00", [], feeling=2)
    # The four weeks before: two entries with a sign in all.
    log(alice, sam, "2026-03-10 10:00", ["left_on_read"], feeling=-2)
    log(alice, sam, "2026-03-24 10:00", ["left_on_read"], feeling=0)
    log(alice, sam, "2026-03-01 10:00", ["left_on_read"])  # five weeks back: not counted

    body = alice_client.get(WEEKLY).content.decode()
    assert "You logged 7 interactions this week; 4 had a sign of a micro-rejection." in body
    assert (
        "4 of 6 interactions with Sam had a micro-rejection; the most common was Avoided plans."
        in body
    )
    assert "Your interaction with Robin had no sign of a micro-rejection." in body
    assert (
        "Interactions with a sign this week: 4, more than the average of the four weeks before (0.5 a week)."
        in body
    )
    assert "It felt -0.6 on average, against -1.0 before." in body

    body = alice_client.get(f"{WEEKLY}?person={robin.pk}").content.decode()
    assert "You logged" not in body
    assert "Your interaction with Robin had no sign of a micro-rejection." in body
    assert "with Sam" not in body
    log(alice, robin, "2026-04-08 09:00")
    body = alice_client.get(f"{WEEKLY}?person={robin.pk}").content.decode()
    assert "None of your 2 interactions with Robin had a micro-rejection." in body
    log(alice, robin, "2026-04-09 19:00", ["busy_excuses", "joked_off"], feeling=-1)
    body = html.unescape(alice_client.get(WEEKLY).content.decode())
    assert (  # no sign came up more than another: no "most common"
        'with Robin had a micro-rejection; the signs were "Busy" as a cover and Joked off, '
        "once each." in body
    )


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_person_patterns_link_to_guidance_and_breadcrumbs_get_a_card(
    alice_client, alice, sam, robin
):
    for day in ("2026-03-30", "2026-04-01", "2026-04-03", "2026-04-06"):
        log(alice, sam, f"{day} 10:00", ["avoided_plans"])
    log(alice, robin, "2026-04-02 10:00", [], feeling=2)
    body = alice_client.get(WEEKLY).content.decode()
    assert "Avoided plans came up 4 times in the last 30 days." in body
    assert reverse("guidance-page", args=["avoided-plans"]) in body
    assert "Most of the contact with Sam lately has been crumbs" in body
    assert "100% of what you logged with Sam" in body
    assert body.count("carried a sign of not being fully chosen") == 1  # the card alone
    assert "with Robin lately" not in body
    assert body.index(">Sam</a></h3>") < body.index(">Robin</a></h3>")  # most recent first


# A week's entries in one category ------------------------------------------------------


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_a_week_lists_its_entries_in_one_category(alice_client, alice, sam, robin):
    log(alice, sam, "2026-04-06 00:10", ["avoided_plans"], text="Moved our dinner again")
    log(alice, robin, "2026-04-12 23:50", ["avoided_plans"], text="Maybe sometime, said Robin")
    log(alice, sam, "2026-04-05 23:50", ["avoided_plans"], text="The Sunday before")
    log(alice, sam, "2026-04-07 10:00", ["left_on_read"], text="Seen at noon")
    trashed = log(alice, sam, "2026-04-08 10:00", ["avoided_plans"], text="In the trash")
    trashed.deleted = timezone.now()
    trashed.save()

    url = reverse("patterns-week") + "?start=2026-04-06&category=avoided_plans"
    body = alice_client.get(url).content.decode()
    assert "Moved our dinner again" in body
    assert "Maybe sometime, said Robin" in body
    assert "The Sunday before" not in body
    assert "Seen at noon" not in body
    assert "In the trash" not in body
    assert "Avoided plans, 6 Apr to 12 Apr 2026" in body
    assert 'class="entry"' in body  # the timeline's entry card, chips and all
    assert "chip-avoided_plans" in body

    body = alice_client.get(url + f"&person={robin.pk}").content.decode()
    assert "Maybe sometime, said Robin" in body
    assert "Moved our dinner again" not in body

    partial = alice_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert "Moved our dinner again" in partial


@pytest.mark.parametrize(
    "query",
    [
        "",
        "?start=2026-04-06",
        "?start=2026-04-06&category=nope",
        "?start=2026-02-30&category=joked_off",
        "?start=soon&category=joked_off",
    ],
)
def test_a_week_needs_a_real_date_and_category(alice_client, query):
    assert alice_client.get(reverse("patterns-week") + query).status_code == 404


@pytest.mark.parametrize("zone", ["Pacific/Pago_Pago", "UTC", "Asia/Karachi", "Pacific/Kiritimati"])
@pytest.mark.parametrize("start", ["0001-01-01", "0001-01-02", "1969-12-01", "9999-12-25"])
def test_a_week_at_the_ends_of_the_calendar_is_no_such_week(alice_client, alice, zone, start):
    alice.time_zone = zone  # from UTC-11 to UTC+14: both ends overflowed in some zone
    alice.save(update_fields=["time_zone"])
    url = reverse("patterns-week") + f"?start={start}&category=joked_off"
    assert alice_client.get(url).status_code == 404


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_the_weeks_of_the_first_and_the_latest_entries_still_open(alice_client, alice, sam):
    log(alice, sam, "1970-01-01 10:00", ["joked_off"], text="The first entry there can be")
    log(alice, sam, "2026-04-11 08:00", ["joked_off"], text="Tomorrow in London, already")
    for start, text in (("1969-12-29", "The first entry"), ("2026-04-06", "Tomorrow in")):
        url = reverse("patterns-week") + f"?start={start}&category=joked_off"
        assert text in alice_client.get(url).content.decode()


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_another_users_week_shows_none_of_their_entries(alice, sam, bob_client):
    log(alice, sam, "2026-04-07 10:00", ["joked_off"], text="Alice's secret")
    url = reverse("patterns-week") + "?start=2026-04-06&category=joked_off"
    response = bob_client.get(url)
    assert "Alice's secret" not in response.content.decode()
    assert bob_client.get(url + f"&person={sam.pk}").status_code == 404


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_the_tables_come_open_for_a_page_without_script(alice_client, alice, sam):
    log(alice, sam, "2026-04-06 09:00", ["avoided_plans"])
    for url in (WEEKLY, reverse("journal-person", args=[sam.pk])):
        body = alice_client.get(url).content.decode()
        numbers = re.findall(r"<details class=\"chart-numbers\"[^>]*>", body)
        assert numbers
        assert all(" open" in tag and "data-fold-with-chart" in tag for tag in numbers)


# The person page ----------------------------------------------------------------------


@pytest.mark.clock(datetime(2026, 4, 8, 12, tzinfo=UTC))
def test_an_empty_chart_says_what_it_would_show(alice_client, alice, sam):
    log(alice, sam, "2026-04-06 09:00", ["avoided_plans"])  # nobody said who reached out
    body = alice_client.get(reverse("journal-person", args=[sam.pk])).content.decode()
    effort = body[body.index('id="person-effort-title"') :]
    effort = effort[: effort.index("</figure>")]
    assert "No entry in the last" in effort and "says who reached out" in effort
    assert "one bar a week" not in effort  # the signs chart's words, not this one's
    ana = Person.objects.create(user=alice, name="Ana")  # nothing logged: the signs chart
    empty = alice_client.get(f"{WEEKLY}?person={ana.pk}").content.decode()
    assert "one bar a week, a colour for each sign." in empty


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_the_person_page_shows_four_charts_with_tables(alice_client, alice, sam):
    alice.time_zone = "America/Los_Angeles"
    alice.save()
    log(
        alice, sam, "2026-04-03 23:30", ["late_night_only"], feeling=-2, initiated_by="them"
    )  # Friday
    log(
        alice, sam, "2026-04-04 23:10", ["late_night_only"], feeling=-1, initiated_by="them"
    )  # Saturday
    log(alice, sam, "2026-04-07 13:00", [], feeling=2, initiated_by="me")  # Tuesday
    log(alice, sam, "2025-04-15 01:00", [], feeling=0, initiated_by="them")  # 51 weeks ago
    log(alice, sam, "2025-01-07 01:00", [], feeling=0, initiated_by="them")  # over a year ago

    response = alice_client.get(reverse("journal-person", args=[sam.pk]))
    assert response.status_code == 200

    signs = figure(response, "person-signs")
    assert bars(signs) == {"Late-night only": {"2026-03-30": 2}}

    hours = figure(response, "person-hours")["data"][0]
    assert hours["y"][4] == "Friday"
    assert hours["z"][4][23] == 1  # 23:30 in Los Angeles, 06:30 UTC on Saturday
    assert hours["z"][5][23] == 1
    assert hours["z"][1][13] == 1
    assert hours["z"][1][1] == 1  # the heat map covers the last year, not before
    assert "When you and Sam were in touch, over the last year" in response.content.decode()
    hours_table = table(response, "person-hours-table")
    assert hours_table.caption == "Interactions by weekday and hour, over the last year"
    hour_rows = hours_table.rows  # the heading, then 00:00 to 23:00
    assert hour_rows[24][0] == "23:00"
    assert hour_rows[24][1:] == [str(day[23]) for day in hours["z"]]

    effort = figure(response, "person-effort")["data"]
    assert {t["name"]: sum(t["y"]) for t in effort} == {"You reached out": 1, "Sam reached out": 2}
    effort_rows = {row[0]: row[1:] for row in table(response, "person-effort-table").rows}
    assert effort_rows["30 Mar 2026"] == ["0", "2"]
    assert effort_rows["6 Apr 2026"] == ["1", "0"]

    feeling = figure(response, "person-feeling")
    assert feeling_line(feeling) == {"2026-03-30": -1.5, "2026-04-06": 2.0}
    feeling_rows = {row[0]: row[1:] for row in table(response, "person-feeling-table").rows}
    assert feeling_rows["30 Mar 2026"] == ["2", "-1.5"]
    assert feeling_rows["23 Mar 2026"] == ["0", "–"]


def test_a_person_with_nothing_logged_gets_a_way_to_start(alice_client, sam):
    body = alice_client.get(reverse("journal-person", args=[sam.pk])).content.decode()
    assert "Charts show here once you log interactions with Sam" in body
    assert "data-figure=" not in body
    assert "plotly" not in body


# Query counts stay flat as the journal grows ---------------------------------------------


def seed(user, n: int, people: int = 8, days: int = 2 * 365) -> list[Person]:
    """n entries over `days` days (two years), spread over `people` people, every other
    one with a sign."""
    cast = Person.objects.bulk_create(
        [Person(user=user, name=f"Person {i}") for i in range(people)]
    )
    now = timezone.now()
    entries = Interaction.objects.bulk_create(
        [
            Interaction(
                user=user,
                person=cast[i % people],
                occurred_at=now - timedelta(minutes=i * (days * 24 * 60 // n)),
                feeling=i % 7 - 3,
                initiated_by=("me", "them", "")[i % 3],
                text=f"entry {i}",
            )
            for i in range(n)
        ]
    )
    slugs = ["avoided_plans", "left_on_read", "late_night_only", "joked_off"]
    EntryCategory.objects.bulk_create(
        [
            EntryCategory(interaction=entry, category=slugs[i % len(slugs)], reasons=["seeded"])
            for i, entry in enumerate(entries)
            if i % 2 == 0
        ]
    )
    rollups.rebuild(user)  # as seed_demo does after its inserts
    return cast


# Session and user 2, the weeks' rollups 1, people for the filter 1, the newest entries
# of the people in touch last 2 (their patterns), and the basics 3 (the lines, their 30
# days' sums, the replies later than a line); the ?person= filter 1 more.
WEEKLY_QUERIES = 9
# The person page: session and user 2, the person 1, the latest entries and their signs
# 2, the person's newest entries 2 (patterns), a year of the person's rollups 1 (the
# weekly charts and the map of hours), the chats 1, the basics 3, the decisions 1 and the
# data key that opens the entries' text 1.
PERSON_PAGE_QUERIES = 14


# A long sparse history and a dense busy one (as seed_demo and chat imports write them):
# the same queries for every size and shape; 730 days and 27 years draw "All time" a bar
# a month.
@pytest.mark.parametrize(
    ("n", "days"), [(100, 730), (10_000, 730), (10_000, 90), (2_000, 27 * 365)]
)
def test_chart_pages_run_a_fixed_number_of_queries(
    alice_client, alice, n, days, django_assert_num_queries, django_assert_max_num_queries
):
    cast = seed(alice, n, days=days)
    alice_client.get(WEEKLY)  # stamps the session, once seeding took over a minute
    for line, number in ((Line.REPLIES, 6), (Line.CANCELLATIONS, 1), (Line.REACH_OUT, 5)):
        Basic.objects.create(user=alice, line=line, number=number)
    Basic.objects.create(user=alice, person=cast[0], line=Line.DAYLIGHT, number=10)
    Decision.objects.create(user=alice, person=cast[0], choice="keep")
    pages = [
        (WEEKLY, WEEKLY_QUERIES),
        (WEEKLY + "?range=all", WEEKLY_QUERIES),
        (f"{WEEKLY}?range=1y&person={cast[0].pk}", WEEKLY_QUERIES + 1),
        (reverse("journal-person", args=[cast[0].pk]), PERSON_PAGE_QUERIES),
    ]
    for url, queries in pages:
        with django_assert_num_queries(queries):
            response = alice_client.get(url)
        assert response.status_code == 200
        assert "data-figure=" in response.content.decode()
    with django_assert_max_num_queries(6):
        week = timezone.localdate(timezone.now(), ZoneInfo("Europe/London"))
        start = week - timedelta(days=week.weekday())
        alice_client.get(f"{reverse('patterns-week')}?start={start}&category=avoided_plans")


@pytest.mark.clock(datetime(2026, 4, 10, 12, tzinfo=UTC))
def test_person_patterns_here_hold_no_links_to_cards_on_another_page(alice_client, alice, sam):
    for day in ("2026-03-30", "2026-04-01", "2026-04-03"):
        log(alice, sam, f"{day} 10:00", ["left_on_read"])
    body = alice_client.get(WEEKLY).content.decode()
    assert "Left on read came up 3 times" in body
    assert 'href="#entry-' not in body
