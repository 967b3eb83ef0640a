"""What every chart shares: the weeks, the week axis and its ticks, the layout, colours."""

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

# charts.js swaps this for the page's text colour, so lines read in light and dark mode.
INK = "currentColor"
ME_COLOUR = "#0072B2"
THEM_COLOUR = "#E69F00"


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


def month_list(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s, oldest first."""
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


@dataclass
class Week:
    """One week's sums (or a month's, `start` its first day). `feeling_sum` / `total` is
    the average feeling."""

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


def week_axis(weeks: list[Week], monthly: bool = False) -> dict:
    """A date axis with a tick under the bars at week starts only, padded by half a week
    so end bars are whole.

    Left to itself plotly ticks Sundays for Monday weeks, and days on a short range;
    with explicit ticks each label sits under the middle of its week's bar. `monthly`:
    bars a month wide ("Mar 2001" under them, "March 2001" on hover, half a month's
    padding).
    """
    axis = {"type": "date", "hoverformat": "%B %Y" if monthly else "%-d %b %Y"}
    if weeks:
        ticks = week_ticks([w.start for w in weeks])
        pad = 16 if monthly else 4
        axis["range"] = [
            _shift(weeks[0].start, -pad).isoformat(),
            _shift(weeks[-1].start, pad).isoformat(),
        ]
        axis["tickmode"] = "array"
        axis["tickvals"] = [day.isoformat() for day in ticks]
        axis["ticktext"] = [f"{day:%b %Y}" for day in ticks] if monthly else week_tick_labels(ticks)
    return axis


def week_x(weeks: list[Week]) -> list[str]:
    return [w.start.isoformat() for w in weeks]


def whole_ticks(peak: int) -> dict:
    """Axis ticks for a count: whole numbers only, about five of them up to `peak`.

    Left to itself plotly puts ticks at 0.5 steps on small counts, which "d" then
    prints as "0 1 1 2 2".
    """
    return {"tickformat": "d", "tick0": 0, "dtick": max(1, math.ceil(peak / 5))}
