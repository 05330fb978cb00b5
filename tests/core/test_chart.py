"""The charts' pure builders: the Timeline's lanes and marks at their dates' precision,
hollow when inferred or planned, the filter applied; the Participants' counts per year;
the layout in cells and the text export."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from atctui.dataset import Dataset
from atctui.loading import load
from atctui.views import build
from atctui.views.chart import build_chart, marks_view, participant_chart, timeline_chart
from atctui.views.chart_draw import chart_text, lay_out

CITE = [{"source": "s", "quote": "q"}]


def small(tmp_path: Path) -> Dataset:
    """Two series of meetings, exercises held and planned, a program, a head's term."""
    data: dict[str, Any] = {
        "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
        "participants": [
            {"id": "armenia", "name": "Armenia", "kind": "member_state", "citations": CITE},
            {
                "id": "belarus",
                "name": "[bold]Belarus[/]",
                "kind": "member_state",
                "citations": CITE,
            },
        ],
        "formats": [
            {"id": "heads", "name": "Meeting of the heads of centers", "citations": CITE},
            {"id": "experts", "name": "Regional expert consultations", "citations": CITE},
        ],
        "meetings": [
            {
                "id": "m1",
                "number": 1,
                "title": "First",
                "series": "heads",
                "date": "2019-02-19",
                "citations": CITE,
                "attendances": [
                    {"participant": "armenia", "as_written": "Armenia", "citations": CITE},
                    {"participant": "belarus", "as_written": "Belarus", "citations": CITE},
                ],
            },
            {
                "id": "m2",
                "number": 2,
                "title": "Second",
                "series": "heads",
                "date": "2020",
                "citations": CITE,
                "inferred": [{"field": "date", "reason": "annual"}],
                "attendances": [
                    {"participant": "armenia", "as_written": "Armenia", "citations": CITE}
                ],
            },
            {
                "id": "m3",
                "title": "Consultation",
                "series": "experts",
                "date": "2021-05..2021-06",
                "citations": CITE,
            },
        ],
        "exercises": [
            {
                "id": "e1",
                "name": "Held one",
                "date": "2019-09",
                "status": "held",
                "host": "armenia",
                "citations": CITE,
            },
            {
                "id": "e2",
                "name": "Planned one",
                "date": "2022",
                "status": "planned",
                "citations": CITE,
            },
            {"id": "e3", "name": "Undated", "status": "held", "citations": CITE},
        ],
        "programs": [
            {"id": "p1", "title": "Program", "period": "2017..2019", "citations": CITE},
        ],
        "people": [
            {
                "id": "head",
                "name": "A. Head",
                "citations": CITE,
                "roles": [
                    {
                        "title": "Head of the CIS ATC",
                        "organisation": "armenia",
                        "start": "2018-01",
                        "end": "2021-12",
                        "citations": CITE,
                    }
                ],
            },
        ],
    }
    path = tmp_path / "small.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return load([path])


def lanes(chart: Any) -> dict[str, list[tuple[str, str, bool]]]:
    return {lane.label: [(m.key, m.shape, m.hollow) for m in lane.marks] for lane in chart.lanes}


def test_the_timeline_chart_has_a_lane_per_series_then_exercises_programs_terms(
    tmp_path: Path,
) -> None:
    dataset = small(tmp_path)
    chart = timeline_chart(dataset, build("timeline", dataset))
    assert lanes(chart) == {
        "Heads of centers": [("meeting:m1", "day", False), ("meeting:m2", "year", True)],
        "Regional expert consultations": [("meeting:m3", "range", False)],
        "Exercises": [("exercise:e1", "month", False), ("exercise:e2", "year", True)],
        "Programs": [("program:p1", "range", False)],
        "Terms in office": [("person:head", "range", False)],
    }
    assert chart.undated == 1  # the undated exercise has a row but no mark
    assert (chart.first, chart.last) == (2017, 2022)
    # Marks span the days their dates can mean.
    m2 = chart.lanes[0].marks[1]
    assert (m2.start, m2.end, m2.when) == (dt.date(2020, 1, 1), dt.date(2020, 12, 31), "2020")


def test_inferred_and_planned_marks_are_drawn_hollow(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    chart = timeline_chart(dataset, build("timeline", dataset))
    glyphs = {m.key: m.glyph for lane in chart.lanes for m in lane.marks}
    assert glyphs["meeting:m1"] == "●"  # a day, stated
    assert glyphs["meeting:m2"] == "░"  # a year, inferred
    assert glyphs["exercise:e1"] == "◆"  # a month, held
    assert glyphs["exercise:e2"] == "░"  # a year, planned
    assert glyphs["program:p1"] == "━"  # a range
    assert "hollow" in chart.legend and "inferred" in chart.legend and "planned" in chart.legend


def test_the_chart_draws_the_rows_the_filter_keeps(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    chart = timeline_chart(dataset, build("timeline", dataset, "year:2019 kind:meeting"))
    assert lanes(chart) == {"Heads of centers": [("meeting:m1", "day", False)]}
    assert chart.query == "year:2019 kind:meeting"
    assert timeline_chart(dataset, build("timeline", dataset, "zzz")).lanes == ()


def test_the_layout_puts_marks_at_their_cells(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    chart = timeline_chart(dataset, build("timeline", dataset))
    wide = lay_out(chart, 200)  # a month a cell: 6 years of 12
    assert wide.per_year == 12 and wide.scale() == "a cell is a month"
    # 19 Feb 2019: the second month of the third year (2017, 2018, 2019).
    assert wide.places[(0, 0)] == (2 * 12 + 1, 2 * 12 + 1)
    assert wide.lanes[0][25] == "●"
    # 2020, inferred: the whole year, hollow.
    assert wide.places[(0, 1)] == (36, 47) and wide.lanes[0][36:48] == "░" * 12
    narrow = lay_out(chart, 30)
    assert narrow.per_year < 12 and narrow.scale().startswith("compressed")


def test_the_text_export_fits_its_width_in_blocks_of_years(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    chart = timeline_chart(dataset, build("timeline", dataset))
    for width in (20, 40, 100):
        text = chart_text(chart, width)
        assert text.startswith("Timeline chart\n")
        drawn = text.split("● a day")[0].splitlines()
        assert all(len(line) <= width for line in drawn), width
        assert "2017" in text and "Exerc" in text
    assert "Exercises" in chart_text(chart, 40)
    assert "1 undated row not drawn" in chart_text(chart, 100)


def test_the_participants_chart_counts_meetings_and_exercises_per_year(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    chart = participant_chart(dataset, build("participants", dataset))
    counts = {
        lane.label: {m.start.year: m.count for m in lane.marks if not m.hollow}
        for lane in chart.lanes
    }
    assert counts == {"Armenia": {2019: 2, 2020: 1}, "[bold]Belarus[/]": {2019: 1}}
    # The year the filter leaves: the meetings of 2020 only, its rows the participants.
    counts = {
        lane.label: {m.start.year: m.count for m in lane.marks if not m.hollow}
        for lane in participant_chart(dataset, build("participants", dataset, "year:2020")).lanes
    }
    assert counts == {"Armenia": {2020: 1}, "[bold]Belarus[/]": {}}
    # A label from data is text: the markup-like name is drawn as written.
    assert "[bold]Belarus[/]" in chart_text(chart, 100)


def test_the_marks_as_a_table_keep_the_records(tmp_path: Path) -> None:
    dataset = small(tmp_path)
    view = build("timeline", dataset)
    table = marks_view(build_chart(dataset, view), view)
    assert [c.label for c in table.columns] == ["Lane", "Date", "Record", "Marker"]
    assert table.rows[0].key == "meeting:m1"
    assert table.rows[0].cells[:2] == ("Heads of centers", "19 Feb 2019")
    with pytest.raises(ValueError, match="no chart of the exercises view"):
        build_chart(dataset, build("exercises", dataset))


def test_the_bundled_timeline_chart_draws_every_dated_row(dataset: Dataset) -> None:
    view = build("timeline", dataset)
    chart = timeline_chart(dataset, view)
    assert chart.marks + chart.undated == len(view.rows)
    assert [lane.label for lane in chart.lanes][-4:] == [
        "Exercises",
        "Programs",
        "Terms in office",
        "Events, formats",
    ]


def test_a_participants_year_of_unknown_is_a_question_mark_not_none(dataset: Dataset) -> None:
    """Before: a year whose only column was "?" (a partial list) drew "·", the matrix's
    "not in a complete list" (new-user report 4, F17)."""
    from atctui.views import build
    from atctui.views.chart import participant_chart
    from atctui.views.chart_draw import glyphs

    view = build("participants", dataset, "kind:exercise year:2025")
    chart = participant_chart(dataset, view)
    lanes = {lane.key: lane for lane in chart.lanes}
    kazakhstan = [m for m in lanes["participant:kazakhstan"].marks if m.start.year == 2025]
    russia = [m for m in lanes["participant:russia"].marks if m.start.year == 2025]
    assert [glyphs(m, 3) for m in kazakhstan] == ["  ?"]  # Commonwealth 2025: a partial list
    assert [glyphs(m, 3) for m in russia] == ["  1"]
