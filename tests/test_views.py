from __future__ import annotations

import pytest

from atctui.dataset import Dataset
from atctui.errors import QueryError
from atctui.views import exercises as exercises_view
from atctui.views import participants, timeline


def keys(view) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.key for row in view.rows]


def test_timeline_is_in_date_order(dataset: Dataset) -> None:
    view = timeline(dataset)
    starts = [row.sort[0][0] for row in view.rows]
    assert starts == sorted(starts)
    assert view.total == len(view.rows) == 16


def test_which_meetings_did_moldova_attend(dataset: Dataset) -> None:
    view = timeline(dataset, "participant:moldova kind:meeting")
    assert keys(view) == ["meeting:x-2017", "meeting:xiii-2020"]


def test_flags_mark_inference_and_contradiction(dataset: Dataset) -> None:
    rows = {row.key: row for row in timeline(dataset).rows}
    assert "*" in rows["meeting:xiii-2020"].cells[2]
    assert "!" in rows["meeting:xviii-2025"].cells[2]
    assert rows["meeting:xii-2019"].cells[2] == ""
    assert keys(timeline(dataset, "has:contradiction")) == ["meeting:xviii-2025"]


def test_matrix_cells_and_totals(dataset: Dataset) -> None:
    view = participants(dataset)
    labels = [c.label for c in view.columns]
    assert labels == [
        "Participant",
        "Kind",
        "X 2017",
        "XII 2019",
        "XIII* 2020",
        "XVIII 2025",
        "Total",
    ]
    moldova = next(r for r in view.rows if r.key == "participant:moldova")
    assert moldova.cells[2:] == ("●", "·", "●", "?", "2")
    assert view.footer_row is not None
    assert view.footer_row[2:6] == ("16", "20", "12", "28")


def test_matrix_filters_rows_and_columns(dataset: Dataset) -> None:
    view = participants(dataset, "kind:cis_body year:2019")
    assert [c.label for c in view.columns][2:] == ["XII 2019", "Total"]
    assert len(view.rows) == 15
    assert all(r.cells[1] == "CIS body" for r in view.rows)
    attended = [r.cells[0] for r in view.rows if r.cells[2] == "●"]
    assert len(attended) == 9


def test_exercise_in_tajikistan(dataset: Dataset) -> None:
    view = exercises_view(dataset, "host:tajikistan")
    assert [(r.cells[0], r.cells[1]) for r in view.rows] == [
        ("Commonwealth-Antiterror - 2025", "Oct 2025")
    ]


def test_sorting_and_reverse(dataset: Dataset) -> None:
    view = exercises_view(dataset).sorted_by(0)
    assert next(r.cells[0] for r in view.rows).startswith("Ararat")
    reverse = view.sorted_by(0, reverse=True)
    assert next(r.cells[0] for r in reverse.rows).startswith("Commonwealth")
    by_host = exercises_view(dataset).sorted_by(2, reverse=True)
    assert by_host.rows[-1].cells[2] == ""  # rows without a value stay last


def test_bad_query_raises_query_error(dataset: Dataset) -> None:
    with pytest.raises(QueryError):
        timeline(dataset, "cty:moscow")
