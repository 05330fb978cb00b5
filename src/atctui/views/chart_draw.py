"""A chart laid out in terminal cells: years across, lanes down. The app draws the
layout (highlighting the selected mark), `export --chart` prints it as text.

Each year takes the same number of cells: up to 12 (a month a cell) when the width
allows, fewer when it does not (compressed), and at least one; wider than that, the app
scrolls sideways and the text export prints the years in blocks.
"""

from __future__ import annotations

import calendar
import datetime as dt
import textwrap
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from atctui.textsafe import printable
from atctui.views.chart import Chart, Mark

MAX_PER_YEAR = 12  # a month a cell
MAX_PER_YEAR_COUNTS = 4  # a count needs no more
LABEL_MAX = 28  # a lane's label is cut beyond this, and beyond a third of the width
SPARKS = "▁▂▃▄▅▆▇█"


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a chart's marks fall: `per_year` cells a year from `first`, each lane's cells
    as text, and each mark's cells (lane, first cell, last cell)."""

    per_year: int
    first: int
    years: int
    label_width: int
    lanes: tuple[str, ...]  # each lane's cells, `years * per_year` wide
    places: dict[tuple[int, int], tuple[int, int]]  # (lane, mark) -> (first, last cell)
    counts: bool = False  # a count chart: a year's cells hold a number, not months

    @property
    def width(self) -> int:
        """The cells of the years, all of them."""
        return self.years * self.per_year

    def axis(self, start: int = 0, years: int | None = None) -> str:
        """The line of year labels over the years `start`.. (`years` of them), a label
        where it fits whole."""
        years = self.years - start if years is None else years
        every = 1
        while every * self.per_year < 5:  # '2019' and a space
            every += 1
        width = years * self.per_year
        cells = [" "] * width
        for i in range(0, years, every):
            x = i * self.per_year
            if x + 4 <= width:
                cells[x : x + 4] = str(self.first + start + i)[-4:]
        return "".join(cells)

    def scale(self) -> str:
        """What a cell is: 'a cell is a month', or how compressed the years are."""
        if self.counts:
            return "a cell is a year" if self.per_year == 1 else f"{self.per_year} cells a year"
        if self.per_year == MAX_PER_YEAR:
            return "a cell is a month"
        if self.per_year == 1:
            return "compressed: a cell is a year"
        return f"compressed: {self.per_year} cells a year"


def per_year_for(chart: Chart, width: int) -> int:
    """The cells a year takes to fit `width` (the label column included), 1 to 12 (to 4
    for counts)."""
    years = max(1, chart.last - chart.first + 1)
    room = width - label_width(chart, width) - 1
    most = MAX_PER_YEAR_COUNTS if chart.name == "participants" else MAX_PER_YEAR
    return max(1, min(most, room // years))


def label_width(chart: Chart, width: int) -> int:
    """The width of the lane labels' column in a chart `width` cells wide."""
    longest = max((cell_len(printable(lane.label)) for lane in chart.lanes), default=4)
    return max(4, min(LABEL_MAX, width // 3, longest))


def label(chart: Chart, lane: int, width: int) -> str:
    """A lane's label in exactly `width` cells."""
    text = printable(chart.lanes[lane].label)
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def _cell(day: dt.date, first: int, per_year: int) -> int:
    """The cell of a day: its year's cells, then the part of the year it is in."""
    days = 366 if calendar.isleap(day.year) else 365
    within = (day.timetuple().tm_yday - 1) * per_year // days
    return (day.year - first) * per_year + within


def lay_out(chart: Chart, width: int) -> Layout:
    """The chart laid out for `width` cells: spans first, then points over them."""
    per_year = per_year_for(chart, width)
    labels = label_width(chart, width)
    years = max(0, chart.last - chart.first + 1)
    width = years * per_year
    rows: list[str] = []
    places: dict[tuple[int, int], tuple[int, int]] = {}
    peak = max((m.count for lane in chart.lanes for m in lane.marks), default=0)
    for li, lane in enumerate(chart.lanes):
        cells = [" "] * width
        if chart.name == "participants":  # a count of none: a dot where the number goes
            cells[per_year - 1 :: per_year] = "·" * years
        ordered = sorted(enumerate(lane.marks), key=lambda im: _point(im[1]))
        for mi, mark in ordered:
            x0, x1 = (
                _cell(mark.start, chart.first, per_year),
                _cell(mark.end, chart.first, per_year),
            )
            places[(li, mi)] = (x0, x1)
            for x, ch in zip(range(x0, x1 + 1), glyphs(mark, x1 - x0 + 1, peak), strict=True):
                cells[x] = ch
        rows.append("".join(cells))
    counts = chart.name == "participants"
    return Layout(per_year, chart.first, years, labels, tuple(rows), places, counts)


def _point(mark: Mark) -> bool:
    # Points are drawn after (over) spans, so a meeting inside a term's years shows.
    return mark.shape in ("day", "month")


def glyphs(mark: Mark, cells: int, peak: int = 0) -> str:
    """The characters of a mark over its `cells`: a count as its number right-aligned
    (a spark, scaled to the chart's `peak`, when the cells are too few for it), any other
    as its glyph repeated."""
    if mark.shape == "count":
        if mark.hollow:  # unknown: no number
            return "?".rjust(cells)
        text = str(mark.count)
        if len(text) >= cells:
            if cells == 1 and len(text) == 1:
                return text
            level = (mark.count * len(SPARKS) - 1) // max(1, peak)
            return (SPARKS[min(len(SPARKS) - 1, level)] * cells)[:cells]
        return text.rjust(cells)
    return mark.glyph * cells


def text_lines(chart: Chart, width: int) -> list[str]:
    """The chart as lines of text at most `width` cells wide: the years in as many blocks
    as they need at one cell a year or more, each under its own axis."""
    layout = lay_out(chart, width)
    per_year = layout.per_year
    room = max(per_year, width - layout.label_width - 1)
    years_a_block = max(1, room // per_year)
    lines: list[str] = []
    if not chart.lanes or layout.years <= 0:
        return ["(nothing to draw: no dated rows)"]
    for start in range(0, layout.years, years_a_block):
        a, b = start * per_year, min(layout.years, start + years_a_block) * per_year
        if lines:
            lines.append("")
        axis = layout.axis(start, (b - a) // per_year)
        lines.append((" " * layout.label_width + " " + axis).rstrip())
        for li, cells in enumerate(layout.lanes):
            lines.append(f"{label(chart, li, layout.label_width)}│{cells[a:b]}".rstrip())
    return lines


def chart_text(chart: Chart, width: int = 100) -> str:
    """The chart as plain text: a heading, the lanes, the scale and the legend."""
    query = f" — query: {chart.query}" if chart.query.strip() else ""
    head = printable(f"{chart.title} chart{query}")
    layout = lay_out(chart, width)
    rows = "row" if chart.undated == 1 else "rows"
    undated = f"; {chart.undated} undated {rows} not drawn" if chart.undated else ""
    lanes = "lane" if len(chart.lanes) == 1 else "lanes"
    count = f"{chart.marks} marks in {len(chart.lanes)} {lanes}{undated}; {layout.scale()}"
    legend = textwrap.wrap(chart.legend, max(20, width))
    return "\n".join([head, *text_lines(chart, width), *legend, count]) + "\n"
