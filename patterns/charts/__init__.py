"""The charts: one module per chart, its figure and its table side by side."""

from patterns.charts.axis import (
    COLOURS,
    Cell,
    Table,
    Week,
    effort_figure,
    effort_table,
    feeling_figure,
    feeling_table,
    fill_weeks,
    heatmap_figure,
    heatmap_table,
    layout,
    week_list,
    week_of,
    weekly_figure,
    weekly_table,
)
from patterns.charts.chats import line_figure, line_table, pair_figure, pair_table

__all__ = [
    "COLOURS",
    "Cell",
    "Table",
    "Week",
    "effort_figure",
    "effort_table",
    "feeling_figure",
    "feeling_table",
    "fill_weeks",
    "heatmap_figure",
    "heatmap_table",
    "layout",
    "line_figure",
    "line_table",
    "pair_figure",
    "pair_table",
    "week_list",
    "week_of",
    "weekly_figure",
    "weekly_table",
]
