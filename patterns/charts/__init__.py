"""Chart building: aggregated rows in, plain plotly figure dicts and tables out.

One module per chart, its figure and its table side by side; `axis` holds what they
share (the weeks, the week axis, the layout) and `table` the table they all fill.
Nothing here queries the database or knows about requests. The views in
`patterns.weekly` and `patterns.chat_section` run one grouped query per page and hand the rows
to these functions. Figures are plain dicts (no `plotly.graph_objects`): plotly.js
draws them from a `data-figure` attribute through `static/js/charts.js`.
"""

from patterns.charts.axis import Week, fill_weeks, layout, month_list, week_list, week_of
from patterns.charts.chats import line_figure, line_table, pair_figure, pair_table
from patterns.charts.effort import effort_figure, effort_table
from patterns.charts.feeling import feeling_figure, feeling_table
from patterns.charts.heatmap import heatmap_figure, heatmap_table
from patterns.charts.table import Cell, Table, chart_block
from patterns.charts.weekly import COLOURS, weekly_figure, weekly_table

__all__ = [
    "COLOURS",
    "Cell",
    "Table",
    "Week",
    "chart_block",
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
    "month_list",
    "pair_figure",
    "pair_table",
    "week_list",
    "week_of",
    "weekly_figure",
    "weekly_table",
]
