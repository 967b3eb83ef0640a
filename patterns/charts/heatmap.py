"""Contact by weekday and hour of day, in the account's own time zone."""

from patterns.charts.axis import layout, whole_ticks
from patterns.charts.table import Cell, Table

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


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
