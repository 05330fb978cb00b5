"""A view's chart exported (`atctui export VIEW --chart`): as text, the chart drawn in
characters, then the sources of its marks and the provenance, as a table's text export
ends; in Markdown, CSV, JSON or TOML, its marks as a table (lane, date, record, marker),
each row the record behind a mark, so its evidence follows it as any row's does. A
table of marks can be sorted, read back and joined; a picture in those formats could not.
"""

from __future__ import annotations

from atctui.dataset import Dataset
from atctui.export import export_view, source_list
from atctui.provenance import evidence_of, provenance_of
from atctui.views import View
from atctui.views.chart import CHART_VIEWS, build_chart, marks_view
from atctui.views.chart_draw import chart_text

__all__ = ["CHART_VIEWS", "chart_export", "chart_marks"]


def chart_marks(dataset: Dataset, view: View) -> View:
    """The view's chart as a table of its marks."""
    return marks_view(build_chart(dataset, view), view)


def chart_export(
    dataset: Dataset, view: View, fmt: str, width: int = 100, raw: bool = False,
    timestamp: bool = False,
) -> str:  # fmt: skip
    """The chart of `view` in `fmt`: text draws it, the other formats list its marks."""
    marks = chart_marks(dataset, view)
    if fmt != "text":
        return export_view(dataset, marks, fmt, width, raw, timestamp)
    drawn = chart_text(build_chart(dataset, view), width)
    evidence = evidence_of(dataset, marks)
    sources = source_list(evidence)
    tail = ["", "Sources:", *sources] if sources else []
    provenance = provenance_of(dataset, marks, timestamp).lines()
    return drawn + "\n".join([*tail, "", *provenance]) + "\n"
