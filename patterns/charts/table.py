"""The table beside every chart: the same numbers, for screen readers and anyone who
prefers them; and the block templates/patterns/_chart.html draws a chart and its table
from."""

import json
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from patterns.charts.axis import Week


@dataclass
class Cell:
    text: str
    url: str = ""


@dataclass
class Table:
    caption: str
    columns: list[str]
    rows: list[tuple[str, list[Cell]]]  # (row header, cells)


def feeling_text(value: float | None) -> str:
    return "–" if value is None else f"{value:+.1f}"


def week_label(week: Week) -> str:
    return f"{week.start:%-d %b %Y}"


def month_label(month: Week) -> str:
    return f"{month.start:%B %Y}"


SHOW_ENTRIES = '<span class="visually-hidden"> – show these entries</span>'
LINKED_CELL = '<td><a href="{0}">{1}' + SHOW_ENTRIES + "</a></td>"
HTMX_CELL = (
    '<td><a href="{0}" hx-get="{0}" hx-target="{2}" hx-swap="innerHTML">{1}'
    + SHOW_ENTRIES
    + "</a></td>"
)


def table_rows(table: Table, entries_target: str = "") -> list[tuple[str, SafeString]]:
    """The table's rows as (row header, its cells' HTML), a cell with a URL as a link.

    With `entries_target`, a link loads its entries into that element through htmx.
    Each row is built here, every value escaped (`html.escape`, as Django's `escape`
    does), rather than by a loop in _chart.html: the template engine took longer over a
    12-week table than over the rest of the weekly page, and `format_html` a cell at a
    time took half of "All time" over 27 years (bench/run.py).
    """
    target = escape(entries_target)
    cell_html = HTMX_CELL if entries_target else LINKED_CELL
    rows = []
    for header, cells in table.rows:
        markup = [
            cell_html.format(escape(cell.url), escape(cell.text), target)
            if cell.url
            else f"<td>{escape(cell.text)}</td>"
            for cell in cells
        ]
        rows.append((header, mark_safe("".join(markup))))  # nosec B308 B703  # escaped above
    return rows


def chart_block(
    key: str,
    title: str,
    figure: dict,
    table: Table,
    empty: bool,
    empty_text: str,
    entries_target: str = "",
    shows: str = "",
    note: str = "",
) -> dict:
    """What templates/patterns/_chart.html needs for one chart.

    The figure rides in a data-figure attribute rather than json_script: the chart
    region is swapped by htmx, and with allowScriptTags off (base.html) htmx drops
    every <script> in swapped content, JSON ones included. `entries_target`: the
    element that a click on a bar, or a link in the table, loads entries into (without
    it they open the week's page). `shows`: what logging will draw, said under an
    empty chart ("one bar a week, a colour for each sign"). `note`: a sentence under the
    drawn chart.
    """
    return {
        "id": key,
        "title": title,
        "figure_json": json.dumps(figure, separators=(",", ":")),
        "table": table,
        "rows": table_rows(table, entries_target),
        "entries_target": entries_target,
        "empty": empty,
        "empty_text": empty_text,
        "shows": shows,
        "note": note,
    }
