"""How it felt, week by week, -3 to +3, with the decisions of the weekly reviews."""

from datetime import date

from patterns.charts.axis import INK, Week, layout, week_axis, week_x
from patterns.charts.table import Cell, Table, feeling_text, week_label


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


def feeling_table(weeks: list[Week]) -> Table:
    rows = [(week_label(w), [Cell(str(w.total)), Cell(feeling_text(w.feeling))]) for w in weeks]
    return Table(
        "How it felt, week by week", ["Week of", "Interactions", "How it felt (average)"], rows
    )
