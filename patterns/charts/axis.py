"""Chart building: aggregated rows in, plain plotly figure dicts and tables out.

Nothing here queries the database or knows about requests. The views in
`patterns.weekly` run one grouped query per chart and hand the rows to these
functions. Figures are plain dicts (no `plotly.graph_objects`): plotly.js draws them
from a `data-figure` attribute through `static/js/charts.js`.
"""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from patterns.classifier.categories import CATEGORIES

# Okabe-Ito colours, readable with the common kinds of colour-blindness.
# The same values are --c-<slug> in static/css/almost.css.
COLOURS: dict[str, str] = {
    "one_word_replies": "#E69F00",
    "busy_excuses": "#56B4E9",
    "avoided_plans": "#009E73",
    "left_on_read": "#0072B2",
    "late_night_only": "#CC79A7",
    "joked_off": "#D55E00",
    "hot_and_cold": "#F0E442",
}
# charts.js swaps this for the page's text colour, so lines read in light and dark mode.
INK = "currentColor"
ME_COLOUR = "#0072B2"
THEM_COLOUR = "#E69F00"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


# Weeks ---------------------------------------------------------------------------


def week_of(day: date, week_start: int = 0) -> date:
    """The first day of the week holding `day`. `week_start`: 0 Monday, 6 Sunday.

    The week of 1 January of year 1 (a Monday) would start on a Sunday before the
    calendar does: it starts on `date.min` instead.
    """
    return _shift(day, -((day.weekday() - week_start) % 7))


def _shift(day: date, days: int) -> date:
    """`day` moved by `days`, held within date.min .. date.max rather than overflowing."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


def week_list(first: date, last: date) -> list[date]:
    """Every week start from `first` to `last` (both week starts), oldest first."""
    count = (last - first).days // 7 + 1
    return [first + timedelta(weeks=i) for i in range(max(count, 0))]


@dataclass
class Week:
    """One week's sums. `feeling_sum` / `total` is the average feeling."""

    start: date
    total: int = 0
    signed: int = 0  # entries with at least one sign
    feeling_sum: int = 0
    me: int = 0
    them: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def feeling(self) -> float | None:
        return round(self.feeling_sum / self.total, 2) if self.total else None

    def add(self, other: "Week") -> None:
        self.total += other.total
        self.signed += other.signed
        self.feeling_sum += other.feeling_sum
        self.me += other.me
        self.them += other.them
        for slug, n in other.counts.items():
            self.counts[slug] = self.counts.get(slug, 0) + n


def fill_weeks(weeks: list[date], rows: list[Week]) -> list[Week]:
    """One Week per start in `weeks`, zero where nothing was logged.

    Rows that share a start (a Sunday-start week comes from two ISO weeks) are added
    together; rows outside `weeks` are dropped. Loops over weeks and rows, never entries.
    """
    by_start = {start: Week(start) for start in weeks}
    for row in rows:
        if row.start in by_start:
            by_start[row.start].add(row)
    return [by_start[start] for start in weeks]


# Shared layout ---------------------------------------------------------------------


def layout(**extra) -> dict:
    """The look every chart shares: no template, transparent, quiet grid.

    No title inside the plot: the page shows it as the figure's HTML caption, where it
    wraps on a phone and screen readers find it. charts.js fills in the font and grid
    colours from the page's CSS.
    """
    base = {
        "font": {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "margin": {"l": 44, "r": 44, "t": 12, "b": 36},
        "legend": {
            "orientation": "h",
            "y": -0.15,
            "yanchor": "top",
            "x": 0,
            "traceorder": "normal",
        },
        "hovermode": "closest",
        "dragmode": False,
        "xaxis": {"fixedrange": True, "showgrid": False},
        "yaxis": {"fixedrange": True, "rangemode": "tozero", "zeroline": True},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


MAX_WEEK_TICKS = 8  # labels on a week axis: fits a phone, still dates a long range


def week_ticks(starts: list[date], most: int = MAX_WEEK_TICKS) -> list[date]:
    """The week starts to label: every `step`-th one counted back from the newest, so the
    newest week always has its label and at most `most` weeks do."""
    if not starts:
        return []
    step = math.ceil(len(starts) / most)
    return starts[::-1][::step][::-1]


def week_tick_labels(ticks: list[date]) -> list[str]:
    """ "7 Sep", as the table's rows read, with the year too ("7 Sep 2025") on the first
    label and where the year turns, when the ticks span more than one year."""
    if len({day.year for day in ticks}) <= 1:
        return [f"{day:%-d %b}" for day in ticks]
    return [
        f"{day:%-d %b %Y}" if i == 0 or day.year != ticks[i - 1].year else f"{day:%-d %b}"
        for i, day in enumerate(ticks)
    ]


def week_axis(weeks: list[Week]) -> dict:
    """A date axis with a tick under the bars at week starts only, padded by half a week
    so end bars are whole.

    Left to itself plotly ticks Sundays for Monday weeks, and days on a short range;
    with explicit ticks each label sits under the middle of its week's bar.
    """
    axis = {"type": "date", "hoverformat": "%-d %b %Y"}
    if weeks:
        ticks = week_ticks([w.start for w in weeks])
        axis["range"] = [
            _shift(weeks[0].start, -4).isoformat(),
            _shift(weeks[-1].start, 4).isoformat(),
        ]
        axis["tickmode"] = "array"
        axis["tickvals"] = [day.isoformat() for day in ticks]
        axis["ticktext"] = week_tick_labels(ticks)
    return axis


def week_x(weeks: list[Week]) -> list[str]:
    return [w.start.isoformat() for w in weeks]


# Figures ---------------------------------------------------------------------------


def weekly_figure(weeks: list[Week], links: list[dict[str, str]] | None = None) -> dict:
    """Stacked bars of signs per category per week, and the average feeling on a second axis.

    `links[i][slug]` is the URL that lists week i's entries in that category; it rides
    along as customdata so a click on a segment can open it.
    """
    x = week_x(weeks)
    data = []
    for category in CATEGORIES:
        values = [w.counts.get(category.slug, 0) for w in weeks]
        if not any(values):
            continue
        trace = {
            "type": "bar",
            "name": category.label,
            "x": x,
            "y": values,
            "marker": {"color": COLOURS[category.slug]},
            "hovertemplate": f"{category.label}: %{{y}}<br>Week of %{{x}}<extra></extra>",
        }
        if links:
            trace["customdata"] = [link.get(category.slug, "") for link in links]
        data.append(trace)
    data.append(
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "How it felt (average)",
            "x": x,
            "y": [w.feeling for w in weeks],
            "yaxis": "y2",
            "connectgaps": False,
            "line": {"color": INK, "width": 2},
            "marker": {"color": INK, "size": 6},
            "hovertemplate": "Felt %{y:+.1f} on average<br>Week of %{x}<extra></extra>",
        }
    )
    return {
        "data": data,
        "layout": layout(
            barmode="stack",
            xaxis=week_axis(weeks),
            yaxis={
                "title": {"text": "Signs"},
                "rangemode": "tozero",
                **whole_ticks(max((sum(w.counts.values()) for w in weeks), default=0)),
            },
            yaxis2={
                "title": {"text": "How it felt"},
                "overlaying": "y",
                "side": "right",
                "range": [-3.3, 3.3],
                "tickvals": [-3, -2, -1, 0, 1, 2, 3],
                "ticktext": ["-3", "-2", "-1", "0", "+1", "+2", "+3"],
                "showgrid": False,
                "zeroline": False,
                "fixedrange": True,
            },
        ),
    }


def whole_ticks(peak: int) -> dict:
    """Axis ticks for a count: whole numbers only, about five of them up to `peak`.

    Left to itself plotly puts ticks at 0.5 steps on small counts, which "d" then
    prints as "0 1 1 2 2".
    """
    return {"tickformat": "d", "tick0": 0, "dtick": max(1, math.ceil(peak / 5))}


def effort_figure(weeks: list[Week], name: str) -> dict:
    """Who reached out, week by week: you or them, side by side."""
    x = week_x(weeks)
    data = [
        {
            "type": "bar",
            "name": "You reached out",
            "x": x,
            "y": [w.me for w in weeks],
            "marker": {"color": ME_COLOUR},
            "hovertemplate": "You reached out %{y} times<br>Week of %{x}<extra></extra>",
        },
        {
            "type": "bar",
            "name": f"{name} reached out",
            "x": x,
            "y": [w.them for w in weeks],
            "marker": {"color": THEM_COLOUR},
            "hovertemplate": f"{name} reached out %{{y}} times<br>Week of %{{x}}<extra></extra>",
        },
    ]
    return {
        "data": data,
        "layout": layout(
            barmode="group",
            xaxis=week_axis(weeks),
            yaxis={
                "title": {"text": "Interactions"},
                **whole_ticks(max((max(w.me, w.them) for w in weeks), default=0)),
            },
        ),
    }


def decision_markers(marks: list[tuple[date, str]]) -> dict:
    """The person's review decisions as markers along the top of a -3..+3 chart."""
    return {
        "type": "scatter",
        "mode": "markers",
        "name": "Your decisions",
        "x": [day.isoformat() for day, _label in marks],
        "y": [3] * len(marks),
        "text": [label for _day, label in marks],
        "marker": {"color": INK, "size": 11, "symbol": "diamond-open"},
        "hovertemplate": "You decided: %{text}<br>%{x}<extra></extra>",
    }


def feeling_figure(weeks: list[Week], marks: list[tuple[date, str]] | None = None) -> dict:
    """The week's average feeling, -3 to +3, with gaps where nothing was logged, and the
    decisions of the weekly reviews (`marks`: day and choice) as markers, if any."""
    extra = [decision_markers(marks)] if marks else []
    return {
        "data": extra
        + [
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": "How it felt (average)",
                "x": week_x(weeks),
                "y": [w.feeling for w in weeks],
                "connectgaps": False,
                "line": {"color": INK, "width": 2},
                "marker": {"color": INK, "size": 7},
                "hovertemplate": "Felt %{y:+.1f} on average<br>Week of %{x}<extra></extra>",
            }
        ],
        "layout": layout(
            showlegend=False,
            xaxis=week_axis(weeks),
            yaxis={
                "range": [-3.3, 3.3],
                "rangemode": "normal",
                "tickvals": [-3, -2, -1, 0, 1, 2, 3],
                "ticktext": ["-3 awful", "-2", "-1", "0", "+1", "+2", "+3 wonderful"],
            },
            margin={"l": 90},
        ),
    }


def weekday_order(week_start: int) -> list[int]:
    """ISO weekday numbers (1 Monday .. 7 Sunday) in the order the person's week runs."""
    first = week_start + 1
    return [(first - 1 + i) % 7 + 1 for i in range(7)]


def heatmap_grid(cells: dict[tuple[int, int], int], week_start: int) -> list[list[int]]:
    """Counts as rows of weekdays (in week order) by 24 hours. `cells[(iso_day, hour)]`."""
    return [[cells.get((day, hour), 0) for hour in range(24)] for day in weekday_order(week_start)]


def heatmap_figure(cells: dict[tuple[int, int], int], week_start: int) -> dict:
    """Contact by hour of day and weekday, in the person's own time zone."""
    days = [WEEKDAYS[d - 1] for d in weekday_order(week_start)]
    z = heatmap_grid(cells, week_start)
    peak = max((n for row in z for n in row), default=0)
    return {
        "data": [
            {
                "type": "heatmap",
                "x": [f"{h:02d}:00" for h in range(24)],
                "y": days,
                "z": z,
                "zmin": 0,
                "zmax": max(peak, 1),
                "xgap": 2,
                "ygap": 2,
                "colorscale": [[0, "rgba(204,121,167,0.06)"], [1, "rgba(204,121,167,1)"]],
                "colorbar": {"title": {"text": "Times"}, "thickness": 10, **whole_ticks(peak)},
                "hovertemplate": "%{y} %{x}: %{z}<extra></extra>",
            }
        ],
        "layout": layout(
            xaxis={"type": "category", "tickvals": ["00:00", "06:00", "12:00", "18:00", "23:00"]},
            yaxis={"type": "category", "autorange": "reversed", "zeroline": False},
            margin={"l": 88, "r": 16},
        ),
    }


# Tables: the same numbers, for screen readers and anyone who prefers them ----------


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]  # (row header, cells)


def _feeling_text(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def week_label(week: Week) -> str:
    return f"{week.start:%-d %b %Y}"


def weekly_table(
    weeks: list[Week],
    links: list[dict[str, str]] | None = None,
    caption: str = "Signs week by week",
) -> Table:
    """Per week: each category's count (linking to its entries), interactions and feeling."""
    columns = ["Week of", *(c.label for c in CATEGORIES), "Interactions", "How it felt (average)"]
    rows = []
    for i, week in enumerate(weeks):
        cells = []
        for category in CATEGORIES:
            n = week.counts.get(category.slug, 0)
            url = links[i].get(category.slug, "") if links and n else ""
            cells.append(Cell(str(n), url))
        cells += [Cell(str(week.total)), Cell(_feeling_text(week.feeling))]
        rows.append((week_label(week), cells))
    return Table(caption, columns, rows)


def effort_table(weeks: list[Week], name: str) -> Table:
    rows = [(week_label(w), [Cell(str(w.me)), Cell(str(w.them))]) for w in weeks]
    return Table("Who reached out, week by week", ["Week of", "You", name], rows)


def feeling_table(weeks: list[Week]) -> Table:
    rows = [(week_label(w), [Cell(str(w.total)), Cell(_feeling_text(w.feeling))]) for w in weeks]
    return Table(
        "How it felt, week by week", ["Week of", "Interactions", "How it felt (average)"], rows
    )


def heatmap_table(
    cells: dict[tuple[int, int], int],
    week_start: int,
    caption: str = "Interactions by weekday and hour",
) -> Table:
    """An hour a row and a day a column: seven narrow columns fit a phone, where 24 hour
    columns would scroll sideways past the late hours."""
    z = heatmap_grid(cells, week_start)
    days = [WEEKDAYS[d - 1][:3] for d in weekday_order(week_start)]
    rows = [(f"{h:02d}:00", [Cell(str(counts[h])) for counts in z]) for h in range(24)]
    return Table(caption, ["Hour", *days], rows)
