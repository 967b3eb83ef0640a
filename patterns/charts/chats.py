"""The charts of imported chats, week by week: you and them side by side. Pure functions,
rows in (patterns.chat_section.ChatWeek), plotly figure dicts and tables out."""

from patterns.charts.axis import ME_COLOUR, THEM_COLOUR, layout, week_axis, week_x, whole_ticks
from patterns.charts.table import Cell, Table, week_label


def _sides(weeks, what: str) -> tuple[list, list]:
    return [getattr(w, f"{what}_me") for w in weeks], [getattr(w, f"{what}_them") for w in weeks]


def pair_figure(weeks, what: str, name: str, unit: str) -> dict:
    """Bars for you and for them, side by side, a pair a week."""
    me, them = _sides(weeks, what)
    data = [
        _bar("You", me, ME_COLOUR, unit),
        _bar(name, them, THEM_COLOUR, unit),
    ]
    for trace in data:
        trace["x"] = week_x(weeks)
    peak = max([*me, *them, 0])
    return {
        "data": data,
        "layout": layout(
            barmode="group",
            xaxis=week_axis(weeks),
            yaxis={"title": {"text": unit}, **whole_ticks(peak)},
        ),
    }


def _bar(who: str, values: list, colour: str, unit: str) -> dict:
    return {
        "type": "bar",
        "name": who,
        "y": values,
        "marker": {"color": colour},
        "hovertemplate": f"{who}: %{{y}} {unit.lower()}<br>Week of %{{x}}<extra></extra>",
    }


def pair_table(weeks, what: str, name: str, caption: str) -> Table:
    me, them = _sides(weeks, what)
    rows = [
        (week_label(w), [Cell(str(a)), Cell(str(b))])
        for w, a, b in zip(weeks, me, them, strict=True)
    ]
    return Table(caption, ["Week of", "You", name], rows)


def line_figure(weeks, what: str, name: str, unit: str) -> dict:
    """A line for you and one for them, with gaps in weeks that have no value."""
    me, them = _sides(weeks, what)
    percent = what == "late_share"
    data = []
    for who, values, colour in (("You", me, ME_COLOUR), (name, them, THEM_COLOUR)):
        shown = "%{y:.0%}" if percent else "%{y:.1f} minutes"
        data.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": who,
                "x": week_x(weeks),
                "y": values,
                "connectgaps": False,
                "line": {"color": colour, "width": 2},
                "marker": {"color": colour, "size": 6},
                "hovertemplate": f"{who}: {shown}<br>Week of %{{x}}<extra></extra>",
            }
        )
    yaxis = {"title": {"text": unit}, "rangemode": "tozero"}
    if percent:
        yaxis |= {"tickformat": ".0%", "range": [0, 1.05]}
    # Room for "2,000" and the axis title beside it.
    return {
        "data": data,
        "layout": layout(xaxis=week_axis(weeks), yaxis=yaxis, margin={"l": 64}),
    }


def line_table(weeks, what: str, name: str, caption: str) -> Table:
    me, them = _sides(weeks, what)
    text = _percent if what == "late_share" else _minutes
    rows = [
        (week_label(w), [Cell(text(a)), Cell(text(b))])
        for w, a, b in zip(weeks, me, them, strict=True)
    ]
    return Table(caption, ["Week of", "You", name], rows)


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _minutes(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"
