"""Who reached out, week by week: you or them."""

from patterns.charts.axis import (
    ME_COLOUR,
    THEM_COLOUR,
    Week,
    layout,
    week_axis,
    week_x,
    whole_ticks,
)
from patterns.charts.table import Cell, Table, week_label


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


def effort_table(weeks: list[Week], name: str) -> Table:
    rows = [(week_label(w), [Cell(str(w.me)), Cell(str(w.them))]) for w in weeks]
    return Table("Who reached out, week by week", ["Week of", "You", name], rows)
