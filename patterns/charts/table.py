"""The table beside every chart: the same numbers, for screen readers and anyone who
prefers them."""

from dataclasses import dataclass

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
