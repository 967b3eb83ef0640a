"""Chart building in patterns/charts/: plain functions, tested directly."""

import itertools
import json
import re
from datetime import UTC, date, datetime, time, timedelta
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse

from journal import rollups
from journal.models import EntryCategory, Interaction
from patterns import charts
from patterns.classifier.categories import SLUGS


def test_a_week_starts_on_monday_by_default():
    assert charts.week_of(date(2026, 3, 29)) == date(2026, 3, 23)  # a Sunday
    assert charts.week_of(date(2026, 3, 30)) == date(2026, 3, 30)  # a Monday


def test_a_week_can_start_on_sunday():
    assert charts.week_of(date(2026, 3, 29), 6) == date(2026, 3, 29)  # Sunday opens the week
    assert charts.week_of(date(2026, 3, 28), 6) == date(2026, 3, 22)  # Saturday closes the last
    assert charts.week_of(date(2026, 3, 30), 6) == date(2026, 3, 29)


def test_the_week_list_runs_week_by_week_from_first_to_last():
    weeks = charts.week_list(date(2026, 1, 5), date(2026, 2, 2))
    assert weeks == [
        date(2026, 1, 5),
        date(2026, 1, 12),
        date(2026, 1, 19),
        date(2026, 1, 26),
        date(2026, 2, 2),
    ]
    assert charts.week_list(date(2026, 1, 5), date(2026, 1, 5)) == [date(2026, 1, 5)]


def test_gaps_become_empty_weeks_and_split_rows_are_added_up():
    weeks = charts.week_list(date(2026, 1, 4), date(2026, 1, 25))
    rows = [
        charts.Week(
            date(2026, 1, 4), total=2, signed=1, feeling_sum=-3, counts={"left_on_read": 1}
        ),
        # A Sunday-start week comes from two ISO weeks: two rows, one start.
        charts.Week(date(2026, 1, 4), total=1, signed=1, feeling_sum=1, counts={"left_on_read": 1}),
        charts.Week(date(2026, 1, 25), total=1, feeling_sum=2, me=1),
        charts.Week(date(2025, 12, 28), total=9),  # outside the list: dropped
    ]
    filled = charts.fill_weeks(weeks, rows)
    assert [w.start for w in filled] == weeks
    assert [w.total for w in filled] == [3, 0, 0, 1]
    assert filled[0].counts == {"left_on_read": 2}
    assert filled[0].feeling == round(-2 / 3, 2)
    assert filled[1].feeling is None
    assert filled[3].me == 1


def _weeks():
    return charts.fill_weeks(
        charts.week_list(date(2026, 3, 2), date(2026, 3, 16)),
        [
            charts.Week(
                date(2026, 3, 2),
                total=3,
                signed=2,
                feeling_sum=-3,
                counts={"avoided_plans": 2, "left_on_read": 1},
                me=2,
                them=1,
            ),
            charts.Week(date(2026, 3, 16), total=1, feeling_sum=2, them=1),
        ],
    )


def test_the_weekly_figure_stacks_one_bar_per_category_and_draws_feeling_on_a_second_axis():
    fig = charts.weekly_figure(_weeks())
    bars = {t["name"]: t for t in fig["data"] if t["type"] == "bar"}
    assert set(bars) == {"Avoided plans", "Left on read"}  # categories never seen are left out
    assert bars["Avoided plans"]["y"] == [2, 0, 0]
    assert bars["Avoided plans"]["x"] == ["2026-03-02", "2026-03-09", "2026-03-16"]
    assert bars["Avoided plans"]["marker"]["color"] == charts.COLOURS["avoided_plans"]
    line = next(t for t in fig["data"] if t["type"] == "scatter")
    assert line["yaxis"] == "y2"
    assert line["y"] == [-1.0, None, 2.0]  # a week with nothing logged is a gap, not a zero
    assert fig["layout"]["barmode"] == "stack"
    assert fig["layout"]["yaxis2"]["overlaying"] == "y"
    json.dumps(fig)  # plain data, ready for json_script


def test_count_axes_tick_whole_numbers_only():
    """A week with 3 signs used to get ticks "0 1 1 2 2 3 3" (0.5 steps, rounded)."""
    small = charts.weekly_figure(_weeks())["layout"]["yaxis"]
    assert (small["tick0"], small["dtick"], small["tickformat"]) == (0, 1, "d")
    busy = [charts.Week(date(2026, 3, 2), total=40, signed=23, counts={"left_on_read": 23})]
    assert charts.weekly_figure(busy)["layout"]["yaxis"]["dtick"] == 5
    effort = charts.effort_figure([charts.Week(date(2026, 3, 2), total=3, me=2, them=1)], "Sam")
    assert effort["layout"]["yaxis"]["dtick"] == 1
    heat = charts.heatmap_figure({(1, 9): 12}, 0)["data"][0]["colorbar"]
    assert heat["dtick"] == 3


def test_every_category_has_a_fixed_colour_from_the_stylesheet():
    assert set(charts.COLOURS) == set(SLUGS)
    css = (settings.BASE_DIR / "static" / "css" / "almost.css").read_text()
    for slug, colour in charts.COLOURS.items():
        assert f"--c-{slug}: {colour}" in css


def test_bar_segments_carry_the_url_of_their_entries():
    weeks = _weeks()
    links = [{slug: f"/w/{w.start}/{slug}" for slug in SLUGS} for w in weeks]
    fig = charts.weekly_figure(weeks, links)
    bar = next(t for t in fig["data"] if t["name"] == "Avoided plans")
    assert bar["customdata"][0] == "/w/2026-03-02/avoided_plans"
    table = charts.weekly_table(weeks, links)
    header, cells = table.rows[0]
    assert header == "2 Mar 2026"
    avoided = table.columns.index("Avoided plans") - 1
    assert cells[avoided].text == "2"
    assert cells[avoided].url == "/w/2026-03-02/avoided_plans"
    assert cells[0].url == ""  # a zero links nowhere


def test_the_weekly_table_has_the_figures_numbers():
    weeks = _weeks()
    fig = charts.weekly_figure(weeks)
    table = charts.weekly_table(weeks)
    for trace in fig["data"]:
        column = table.columns.index(trace["name"]) - 1
        shown = [cells[column].text for _, cells in table.rows]
        if trace["type"] == "bar":
            assert shown == [str(y) for y in trace["y"]]
        else:
            assert shown == ["–" if y is None else f"{y:+.1f}" for y in trace["y"]]
    assert [cells[-2].text for _, cells in table.rows] == ["3", "0", "1"]


def test_effort_and_feeling_charts_follow_the_weeks():
    weeks = _weeks()
    effort = charts.effort_figure(weeks, "Sam")
    assert [t["y"] for t in effort["data"]] == [[2, 0, 0], [1, 0, 1]]
    assert effort["data"][1]["name"] == "Sam reached out"
    assert [c.text for c in charts.effort_table(weeks, "Sam").rows[0][1]] == ["2", "1"]
    feeling = charts.feeling_figure(weeks)
    assert feeling["data"][0]["y"] == [-1.0, None, 2.0]
    assert [c[1].text for _, c in charts.feeling_table(weeks).rows] == ["-1.0", "–", "+2.0"]


def test_the_heat_map_runs_in_the_order_of_the_persons_week():
    cells = {(5, 23): 3, (7, 1): 1}  # Friday 23:00 three times, Sunday 01:00 once
    fig = charts.heatmap_figure(cells, 0)
    trace = fig["data"][0]
    assert trace["y"][0] == "Monday"
    assert trace["z"][4][23] == 3
    assert trace["z"][6][1] == 1
    sunday_first = charts.heatmap_figure(cells, 6)["data"][0]
    assert sunday_first["y"][:2] == ["Sunday", "Monday"]
    assert sunday_first["z"][0][1] == 1
    table = charts.heatmap_table(cells, 6)  # an hour a row, a day a column: fits a phone
    assert table.columns == ["Hour", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    assert table.rows[1][0] == "01:00"
    assert [c.text for c in table.rows[1][1]] == ["1", "0", "0", "0", "0", "0", "0"]
    assert [c.text for c in table.rows[23][1]][5] == "3"  # Friday 23:00


def test_the_shared_layout_is_transparent_and_keeps_overrides():
    layout = charts.layout(yaxis={"title": {"text": "Signs"}})
    assert layout["paper_bgcolor"] == "rgba(0,0,0,0)"
    assert layout["yaxis"]["fixedrange"] is True  # the base survives the override
    assert layout["yaxis"]["title"]["text"] == "Signs"
    assert "template" not in layout


# The week axis: ticks under the bars, at the week starts the table names ---------------


def log_on(user, person, day: date, sign: str = "left_on_read") -> None:
    """One entry at noon, local time, on `day`, with one sign."""
    entry = Interaction.objects.create(
        user=user,
        person=person,
        occurred_at=datetime.combine(day, time(12), tzinfo=user.tz),
        feeling=-1,
        initiated_by="them",
        text=f"entry on {day}",
    )
    EntryCategory.objects.create(interaction=entry, category=sign, reasons=["test"])
    rollups.refresh_entries(user, [entry])  # as the log form does


def page_figure(response, name: str = "weekly") -> dict:
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(rf'id="{name}" data-chart data-figure="([^"]*)"', html)
    assert match, f"no figure {name}"
    return json.loads(unescape(match.group(1)))


def table_weeks(response, name: str = "weekly") -> list[str]:
    """The row headers ("Week of") of a chart's table, in order."""
    html = response.content.decode()
    body = html[html.index(f'id="{name}-table"') :]
    body = body[: body.index("</table>")]
    return [unescape(h).strip() for h in re.findall(r'<th scope="row"[^>]*>([^<]*)</th>', body)]


@pytest.mark.parametrize(
    ("week_start", "starts"),
    [
        (0, ["2026-11-02", "2026-11-09", "2026-11-16"]),  # Mondays
        (6, ["2026-11-01", "2026-11-08", "2026-11-15"]),  # Sundays
    ],
)
@pytest.mark.clock(datetime(2026, 11, 18, 12, tzinfo=UTC))
def test_the_weekly_chart_ticks_exactly_the_week_starts_its_bars_and_table_use(
    alice_client, alice, sam, week_start, starts
):
    """Plotly's own ticks fell on Sundays for Monday weeks, and on every other day when
    "All time" held three weeks, so the bars read as days."""
    alice.week_start = week_start
    alice.save()
    for day in (date(2026, 11, 3), date(2026, 11, 13), date(2026, 11, 17)):
        log_on(alice, sam, day)

    response = alice_client.get("/patterns/?range=all")
    fig = page_figure(response)
    axis = fig["layout"]["xaxis"]
    assert axis["tickmode"] == "array"
    assert axis["tickvals"] == starts  # three weeks, three ticks, none between them
    for trace in fig["data"]:  # the bars and the feeling line sit on the ticks
        assert trace["x"] == starts
    labels = [f"{int(day[-2:])} Nov" for day in starts]
    assert axis["ticktext"] == labels  # the newest week has its label too
    assert table_weeks(response) == [f"{label} 2026" for label in labels]


@pytest.mark.clock(datetime(2026, 11, 18, 12, tzinfo=UTC))
def test_every_week_chart_on_a_persons_page_ticks_its_week_starts(alice_client, alice, sam):
    alice.week_start = 6
    alice.save()
    log_on(alice, sam, date(2026, 11, 17))
    response = alice_client.get(reverse("journal-person", args=[sam.pk]))
    for name in ("person-signs", "person-effort", "person-feeling"):
        fig = page_figure(response, name)
        axis = fig["layout"]["xaxis"]
        weeks = fig["data"][0]["x"]
        assert len(weeks) == 12
        assert set(axis["tickvals"]) <= set(weeks)
        assert all(date.fromisoformat(day).weekday() == 6 for day in axis["tickvals"])
        assert axis["tickvals"][-1] == weeks[-1] == "2026-11-15"
        assert axis["ticktext"][-1] == "15 Nov"
        for trace in fig["data"]:
            assert trace["x"] == weeks


def test_a_long_range_labels_a_few_evenly_spaced_weeks_ending_with_the_newest():
    starts = charts.week_list(date(2024, 12, 16), date(2026, 11, 9))
    assert len(starts) == 100
    axis = charts.weekly_figure([charts.Week(s) for s in starts])["layout"]["xaxis"]
    ticks = [date.fromisoformat(day) for day in axis["tickvals"]]
    assert 4 <= len(ticks) <= 12
    assert ticks[-1] == starts[-1]
    assert set(ticks) <= set(starts)
    assert len({b - a for a, b in itertools.pairwise(ticks)}) == 1  # evenly spaced
    assert len(axis["ticktext"]) == len(ticks)
    # The range spans two years: the first label, and the first in the new year, say which.
    assert axis["ticktext"][0] == f"{ticks[0]:%-d %b %Y}"
    first_of_2026 = next(i for i, day in enumerate(ticks) if day.year == 2026)
    assert axis["ticktext"][first_of_2026] == f"{ticks[first_of_2026]:%-d %b} 2026"
    assert all(" 20" not in text for text in axis["ticktext"][first_of_2026 + 1 :])


def test_a_short_range_labels_every_week():
    for n in (1, 3, 8):
        starts = charts.week_list(date(2026, 3, 2), date(2026, 3, 2) + timedelta(weeks=n - 1))
        axis = charts.feeling_figure([charts.Week(s) for s in starts])["layout"]["xaxis"]
        assert axis["tickvals"] == [s.isoformat() for s in starts]


def test_an_entry_dated_in_year_one_does_not_break_the_week_axis():
    """`weeks[0].start - timedelta(days=4)` overflowed, and the page answered 500."""
    assert charts.week_of(date(1, 1, 1)) == date(1, 1, 1)  # a Monday
    assert charts.week_of(date(1, 1, 1), 6) == date.min  # its Sunday is before the calendar
    assert charts.week_of(date.max, 6) == date(9999, 12, 26)
    for first, last in ((date.min, date(1, 1, 15)), (date(9999, 12, 20), date(9999, 12, 27))):
        weeks = [charts.Week(s, total=1, feeling_sum=1) for s in charts.week_list(first, last)]
        for fig in (
            charts.weekly_figure(weeks),
            charts.effort_figure(weeks, "Sam"),
            charts.feeling_figure(weeks),
        ):
            axis = fig["layout"]["xaxis"]
            assert axis["range"][0] >= date.min.isoformat()
            assert axis["range"][1] <= date.max.isoformat()
            assert axis["tickvals"] == [w.start.isoformat() for w in weeks]
            json.dumps(fig)
