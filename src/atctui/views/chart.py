"""Charts of a view's rows: what `v` shows instead of the table, and `export --chart`.

The Timeline's chart has years across and a lane per kind of record: one for the
meetings of each series (format), one for exercises, programs, terms in office and other
events. Each row of the (filtered) Timeline view is one mark at its date, at the precision
the source gives it: a day, a month, a whole year, or a range. A mark is hollow when its
date is inferred or the meeting or exercise only planned. The Participants' chart counts, per
participant row and year, the shown meetings it attended and the exercises it took part
in. Pure: `chart_draw` lays a chart out in cells, the app draws that.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Literal

from atctui.dataset import Dataset, Presence
from atctui.dates import FuzzyDate, Precision
from atctui.query import Facts, parse
from atctui.views.base import Column, Row, View, meeting_label
from atctui.views.lists import exercises, term
from atctui.views.matrix import COLUMN_FIELDS

Shape = Literal["day", "month", "year", "range", "count"]

# What each shape is drawn with: (stated, hollow). A year or a range is drawn over the
# cells it covers; a day and a month at the one cell of their date.
GLYPHS: dict[str, tuple[str, str]] = {
    "day": ("●", "○"),
    "month": ("◆", "◇"),
    "year": ("▒", "░"),
    "range": ("━", "╌"),
}

LEGEND_TIMELINE = (
    "● a day  ◆ a month  ▒ the year only  ━ a range (from–to)   "
    "hollow ○ ◇ ░ ╌: the date inferred, or the meeting or exercise planned"
)
LEGEND_COUNTS = (
    "per year: the shown meetings the participant attended and the exercises it hosted "
    "or joined (·: none; ?: unknown, a partial list or none)"
)


@dataclass(frozen=True, slots=True)
class Mark:
    """One mark of a chart: the record it stands for, when, and how it is drawn."""

    key: str  # the record behind it ("meeting:x-2017"), for the detail pane
    start: dt.date  # the first day the date can mean
    end: dt.date  # the last day
    shape: Shape
    hollow: bool  # the date inferred, or the meeting or exercise planned
    when: str  # the date as a reader writes it ('19–20 Feb 2019', '2019')
    title: str  # what the mark is: the row's title, or the count's meaning
    count: int = 0  # a count chart's number

    @property
    def glyph(self) -> str:
        """The character of the mark: ● ○, ◆ ◇, ▒ ░, ━ ╌, or its count."""
        if self.shape == "count":
            return "?" if self.hollow else str(self.count)
        stated, hollow = GLYPHS[self.shape]
        return hollow if self.hollow else stated


@dataclass(frozen=True, slots=True)
class Lane:
    """A row of the chart: its label and its marks in time order."""

    key: str
    label: str
    marks: tuple[Mark, ...]


@dataclass(frozen=True, slots=True)
class Chart:
    """A view as a chart: its lanes over the years `first`..`last`."""

    name: str  # the view's name: "timeline", "participants"
    title: str
    query: str
    lanes: tuple[Lane, ...]
    first: int  # the first year drawn
    last: int  # the last year drawn
    legend: str
    undated: int = 0  # rows of the view with no date, so not drawn

    @property
    def marks(self) -> int:
        """How many marks the chart has, over every lane."""
        return sum(len(lane.marks) for lane in self.lanes)


def shape_of(date: FuzzyDate) -> Shape:
    """How a date is drawn: a range over its span, else by its precision."""
    if date.end is not None:
        return "range"
    if date.precision is Precision.DAY:
        return "day"
    return "month" if date.precision is Precision.MONTH else "year"


def _mark(key: str, date: FuzzyDate, hollow: bool, title: str) -> Mark:
    first, last = date.sort_key()
    return Mark(key, first, last, shape_of(date), hollow, date.human(), title)


# The lanes after the meetings' series, in this order, with their labels.
OTHER_LANES = {
    "exercises": "Exercises",
    "programs": "Programs",
    "terms": "Terms in office",
    "events": "Events, formats",
}


def series_label(name: str) -> str:
    """A series' lane label: its format's name without the words every series starts
    with ('Meeting of the heads of …' is 'Heads of …')."""
    short = re.sub(r"^(meetings?|assembl(?:y|ies)) of (?:the )?", "", name, flags=re.IGNORECASE)
    return short[:1].upper() + short[1:] if short else name


def timeline_chart(dataset: Dataset, view: View) -> Chart:
    """The Timeline view (its rows as the filter leaves them) as a chart: a lane for the
    meetings of each series, then exercises, programs, terms and other events."""
    by_lane: dict[str, list[Mark]] = {}
    labels: dict[str, str] = {}
    formats = {f.id: series_label(f.name) for f in dataset.content.formats}
    undated = 0
    for row in view.rows:
        placed = _timeline_mark(dataset, row, formats)
        if placed is None:
            undated += 1
            continue
        lane, label, mark = placed
        by_lane.setdefault(lane, []).append(mark)
        labels[lane] = label
    series = sorted(
        (k for k in by_lane if k.startswith("series:")),
        key=lambda k: (min(m.start for m in by_lane[k]), k),
    )
    order = [*series, *(k for k in OTHER_LANES if k in by_lane)]
    lanes = tuple(
        Lane(k, labels[k], tuple(sorted(by_lane[k], key=lambda m: (m.start, m.end, m.key))))
        for k in order
    )
    years = [y for lane in lanes for m in lane.marks for y in (m.start.year, m.end.year)]
    first, last = (min(years), max(years)) if years else (0, -1)
    return Chart("timeline", "Timeline", view.query, lanes, first, last, LEGEND_TIMELINE, undated)


def _timeline_mark(
    dataset: Dataset, row: Row, formats: dict[str, str]
) -> tuple[str, str, Mark] | None:
    """The lane (key, label) and the mark of one Timeline row; None when it has no date."""
    kind, _, _ = row.key.partition(":")
    record: Any = dataset.records.get(row.key)
    title = row.cells[3]
    if record is None:
        return None
    inferred = record.inferred_fields()
    if kind == "meeting":
        series = record.series or ""
        label = formats.get(series, "Meetings") if series else "Meetings"
        lane = f"series:{series}"
        hollow = record.status == "planned" or "date" in inferred
        return lane, label, _mark(row.key, record.date, hollow, title)
    if kind == "exercise":
        if record.date is None:
            return None
        hollow = record.status == "planned" or "date" in inferred
        return "exercises", OTHER_LANES["exercises"], _mark(row.key, record.date, hollow, title)
    if kind == "program":
        if record.period is None:
            return None
        mark = _mark(row.key, record.period, "period" in inferred, title)
        return "programs", OTHER_LANES["programs"], mark
    if kind == "person":
        for role in record.roles:
            if role.start is None:
                continue
            date, role_title = term(record.name, role)
            if role_title == title:
                hollow = bool(role.inferred_fields() & {"start", "end", "date"})
                return "terms", OTHER_LANES["terms"], _mark(row.key, date, hollow, title)
        return None
    if kind == "format":
        if record.since is None:
            return None
        mark = _mark(row.key, record.since, "since" in inferred, title)
        return "events", OTHER_LANES["events"], mark
    if kind == "event":
        mark = _mark(row.key, record.date, "date" in inferred, title)
        return "events", OTHER_LANES["events"], mark
    return None


def participant_chart(dataset: Dataset, view: View) -> Chart:
    """The Participants view (the matrix, as the filter leaves it) as counts: for each
    participant row, per year, the shown meetings it attended and the exercises of those
    years (as the filter's year:, meeting: and city: choose them) it hosted or joined."""
    meetings = [
        (i, dataset.meetings_by_id[key.partition(":")[2]])
        for i, key in enumerate(view.column_keys)
        if key.startswith("meeting:")
    ]
    column_query, _ = parse(view.query).split(COLUMN_FIELDS)
    shown_exercises = [
        dataset.records[row.key]
        for row in exercises(dataset, column_query).rows
        if dataset.records[row.key].date is not None
    ]
    years = [m.date.year for _, m in meetings] + [e.date.year for e in shown_exercises]
    first, last = (min(years), max(years)) if years else (0, -1)
    lanes = []
    for row in view.rows:
        pid = row.key.partition(":")[2]
        counts: dict[int, list[str]] = {}
        for i, meeting in meetings:
            if row.cells[i] == Presence.ATTENDED.mark:
                counts.setdefault(meeting.date.year, []).append(meeting_label(meeting, dataset))
        for e in shown_exercises:
            named = {a.participant for a in getattr(e, "attendances", ()) if a.role != "observer"}
            if pid == e.host or pid in e.partners or pid in named:
                counts.setdefault(e.date.year, []).append(e.name)
        # A year of none counted where a shown column of that year is unknown (a partial
        # list, or none): "?", as the matrix says, not the "·" of a known none.
        unknown = {
            dataset.gatherings[key].date.year  # type: ignore[union-attr]
            for i, key in enumerate(view.column_keys)
            if key in dataset.gatherings
            and dataset.gatherings[key].date is not None
            and row.cells[i] == Presence.UNKNOWN.mark
        } - set(counts)
        marks = tuple(
            sorted(
                (
                    *(
                        Mark(row.key, dt.date(year, 1, 1), dt.date(year, 12, 31), "count",
                             False, str(year), f"{row.cells[0]}, {year}: " + ", ".join(what),
                             len(what))
                        for year, what in counts.items()
                    ),
                    *(
                        Mark(row.key, dt.date(year, 1, 1), dt.date(year, 12, 31), "count",
                             True, str(year), f"{row.cells[0]}, {year}: unknown (the source's "
                             "list is partial, or there is none)")
                        for year in unknown
                    ),
                ),
                key=lambda m: m.start,
            )
        )  # fmt: skip
        lanes.append(Lane(row.key, row.cells[0], marks))
    return Chart(
        "participants", "Participants", view.query, tuple(lanes), first, last, LEGEND_COUNTS
    )


def build_chart(dataset: Dataset, view: View) -> Chart:
    """The chart of a view: the Timeline's or the Participants'; ValueError for another."""
    if view.name == "timeline":
        return timeline_chart(dataset, view)
    if view.name == "participants":
        return participant_chart(dataset, view)
    raise ValueError(f"no chart of the {view.name} view: charts are of timeline, participants")


CHART_VIEWS = ("timeline", "participants")

MARK_COLUMNS = (
    Column("lane", "Lane"),
    Column("date", "Date"),
    Column("record", "Record", ratio=3),
    Column("marker", "Marker"),
)


def marks_view(chart: Chart, view: View) -> View:
    """The chart's marks as a table (lane, date, record, marker), one row per mark in
    lane then time order: what a chart exports as Markdown, CSV, JSON or TOML. Each row
    keeps the record behind its mark, so its sources follow it."""
    facts = Facts.of([])
    rows = tuple(
        Row(
            mark.key,
            (lane.label, mark.when, mark.title, mark.glyph),
            (lane.label, mark.start, mark.title, mark.glyph),
            facts,
        )
        for lane in chart.lanes
        for mark in lane.marks
    )
    return View(
        f"{view.name}-chart", f"{chart.title} chart", MARK_COLUMNS, rows, view.query,
        len(view.rows), legend=chart.legend,
    )  # fmt: skip


__all__ = [
    "CHART_VIEWS",
    "Chart",
    "Lane",
    "Mark",
    "build_chart",
    "marks_view",
    "participant_chart",
    "shape_of",
    "timeline_chart",
]
