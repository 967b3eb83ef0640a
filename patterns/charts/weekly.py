"""Signs per category, week by week, stacked, with the average feeling: the weekly view's
chart and the first on a person's page."""

from patterns.charts.axis import INK, Week, layout, week_axis, week_x, whole_ticks
from patterns.charts.table import Cell, Table, feeling_text, month_label, week_label
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


def weekly_figure(
    weeks: list[Week], links: list[dict[str, str]] | None = None, monthly: bool = False
) -> dict:
    """Stacked bars of signs per category per week, and the average feeling on a second axis.

    `links[i][slug]` is the URL that lists week i's entries in that category; it rides
    along as customdata so a click on a segment can open it. `monthly`: `weeks` are
    months (a bar a month, said so on hover and on the axis).
    """
    x = week_x(weeks)
    when = "%{x}" if monthly else "Week of %{x}"
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
            "hovertemplate": f"{category.label}: %{{y}}<br>{when}<extra></extra>",
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
            "hovertemplate": f"Felt %{{y:+.1f}} on average<br>{when}<extra></extra>",
        }
    )
    return {
        "data": data,
        "layout": layout(
            barmode="stack",
            xaxis=week_axis(weeks, monthly),
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


def weekly_table(
    weeks: list[Week],
    links: list[dict[str, str]] | None = None,
    caption: str = "Signs week by week",
    monthly: bool = False,
) -> Table:
    """Per week (or month): each category's count (linking to its entries), interactions
    and feeling."""
    label = month_label if monthly else week_label
    columns = [
        "Month" if monthly else "Week of",
        *(c.label for c in CATEGORIES),
        "Interactions",
        "How it felt (average)",
    ]
    rows = []
    for i, week in enumerate(weeks):
        cells = []
        for category in CATEGORIES:
            n = week.counts.get(category.slug, 0)
            url = links[i].get(category.slug, "") if links and n else ""
            cells.append(Cell(str(n), url))
        cells += [Cell(str(week.total)), Cell(feeling_text(week.feeling))]
        rows.append((label(week), cells))
    return Table(caption, columns, rows)
