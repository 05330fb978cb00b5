"""Every export format, checked against the views and against golden files."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from rich.console import Console
from rich.text import Text
from tests.helpers import GOLDEN, hostile_dataset

from atctui.dataset import Dataset
from atctui.errors import DataError
from atctui.export import (
    _column_blocks,
    _records,
    column_widths,
    count_line,
    export_view,
    heading,
    rich_table,
    to_markdown,
    to_text,
)
from atctui.export_data import to_csv, to_json
from atctui.loading import load
from atctui.subset import EmptySubset, subset_toml
from atctui.views import VIEWS, View, build
from atctui.writing import WriteRefused, write_atomic

QUERIES = {
    "timeline": ["", "participant:moldova", "year:2019..2020 -kind:sideline", "has:inferred"],
    "participants": ["", "moldova", "kind:cis_body year:2019", "year:2025"],
    "exercises": ["", "host:tajikistan", "status:planned year:2019"],
}
CASES = [(view, query) for view, queries in QUERIES.items() for query in queries]


@pytest.mark.parametrize(
    ("view_name", "query", "fmt", "width"),
    [
        ("timeline", "", "text", 100),
        ("timeline", "participant:moldova", "markdown", 100),
        ("participants", "", "text", 80),
        ("participants", "kind:cis_body year:2019", "markdown", 100),
        ("exercises", "", "text", 100),
        ("exercises", "", "text", 40),
    ],
)
def test_golden(dataset: Dataset, view_name: str, query: str, fmt: str, width: int) -> None:
    view = build(view_name, dataset, query)
    got = export_view(dataset, view, fmt, width)
    slug = query.replace(":", "-").replace(" ", "_") or "all"
    path = GOLDEN / f"{view_name}-{slug}-{width}.{'txt' if fmt == 'text' else 'md'}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("view_name", "query"), CASES)
def test_csv_parses_back_to_the_view(dataset: Dataset, view_name: str, query: str) -> None:
    view = build(view_name, dataset, query)
    parsed = list(csv.reader(io.StringIO(to_csv(view), newline="")))
    assert parsed[0] == ["id", *(c.label for c in view.columns)]
    totals = [["totals", *view.footer_row]] if view.footer_row is not None else []
    assert parsed[1:] == [[row.key, *row.cells] for row in view.rows] + totals


@pytest.mark.parametrize(("view_name", "query"), CASES)
def test_json_loads(dataset: Dataset, view_name: str, query: str) -> None:
    view = build(view_name, dataset, query)
    data = json.loads(to_json(view))
    assert data["meta"]["view"] == view_name and data["meta"]["query"] == query
    assert data["meta"]["count"] == len(view.rows)
    assert [r["id"] for r in data["rows"]] == [r.key for r in view.rows]
    assert all(list(r)[1:] == [c.key for c in view.columns] for r in data["rows"])


@pytest.mark.parametrize(("view_name", "query"), CASES)
def test_toml_round_trip(dataset: Dataset, tmp_path: Path, view_name: str, query: str) -> None:
    view = build(view_name, dataset, query)
    if not view.rows:  # no rows, no dataset: nothing is written (attack report 3, A5)
        with pytest.raises(EmptySubset):
            subset_toml(dataset, view)
        return
    path = tmp_path / "subset.toml"
    path.write_text(subset_toml(dataset, view), encoding="utf-8")
    again = build(view_name, load([path]), query)
    assert [(r.key, r.cells) for r in again.rows] == [(r.key, r.cells) for r in view.rows]
    assert again.columns == view.columns
    assert again.footer_row == view.footer_row


def test_toml_subset_is_smaller_and_valid(dataset: Dataset, tmp_path: Path) -> None:
    view = build("exercises", dataset, "host:tajikistan")
    path = tmp_path / "tj.toml"
    path.write_text(subset_toml(dataset, view), encoding="utf-8")
    subset = load([path])
    assert [e.id for e in subset.exercises] == [
        "south-antiterror-2002", "anti-terror-2004", "norak-antiterror-2009",
        "dushanbe-antiterror-2017", "commonwealth-antiterror-2025",
    ]  # fmt: skip
    assert [m.id for m in subset.meetings] == ["xviii-2025"]  # discussed there
    assert set(subset.sources) <= set(dataset.sources)


def test_markdown_escapes_pipes() -> None:
    from atctui.query import Facts
    from atctui.views import Column, Row, View

    view = View("t", "T", (Column("a", "A|B"),), (Row("k:1", ("x | y",), ("x",), Facts()),))
    assert "| x \\| y |" in to_markdown(view)
    assert "| A\\|B |" in to_markdown(view)


def test_write_atomic_refuses_and_reports(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    write_atomic(target, "one")
    with pytest.raises(WriteRefused, match="file exists"):
        write_atomic(target, "two")
    assert target.read_text() == "one"
    write_atomic(target, "two", overwrite=True)
    assert target.read_text() == "two"
    with pytest.raises(WriteRefused, match="cannot write"):
        write_atomic(tmp_path / "missing-dir" / "x.txt", "x")


def test_every_view_builds_for_every_query(dataset: Dataset) -> None:
    for view_name in VIEWS:
        for query in QUERIES[view_name]:
            assert build(view_name, dataset, query).name == view_name


def test_load_error_is_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        load([tmp_path / "none.toml"])


def _through_rich(view: View, width: int) -> str:
    """The text export as rich itself lays out the table (the slow, reference path)."""
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False,
        legacy_windows=False, emoji=False, highlight=False, markup=False,
    )  # fmt: skip
    console.print(Text(heading(view)), soft_wrap=False)
    for block in _column_blocks(view, width):
        widths = column_widths(view, block, width)
        console.print(_records(view, block) if widths is None else rich_table(view, block, widths))
    if view.legend:
        console.print(Text(view.legend))
    console.print(Text(count_line(view)))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


@pytest.mark.parametrize("query", ["", "moldova", "kind:cis_body"])
@pytest.mark.parametrize("name", VIEWS)
def test_box_table_is_what_rich_draws(dataset: Dataset, name: str, query: str) -> None:
    """The direct box table (fast at 10,000 rows) equals rich's own layout, wrapping and
    folding included, at every width from 20 to 200."""
    view = build(name, dataset, query)
    for width in range(20, 201, 4):
        assert to_text(view, width=width) == _through_rich(view, width), width


def test_box_table_with_hostile_and_wide_text(tmp_path: Path) -> None:

    data = load([hostile_dataset(tmp_path)])
    for name in VIEWS:
        view = build(name, data)
        for width in (30, 57, 80, 120):
            assert to_text(view, width=width) == _through_rich(view, width), (name, width)


@pytest.mark.parametrize("width", [80, 100, 120])
@pytest.mark.parametrize("name", ["timeline", "exercises", "participants"])
def test_a_text_export_never_cuts_a_word_of_a_cell(dataset: Dataset, name: str, width: int) -> None:
    """Pasted into a report, 'South-/Antite/rror' cannot be read: the table is used where
    every word fits its column, else one block of lines per row (new-user report 5, F4)."""
    view = build(name, dataset, "")
    text = to_text(view, width=width)
    words = {w for row in view.rows for cell in row.cells for w in cell.split() if len(w) <= 24}
    assert [w for w in sorted(words) if w not in text] == []


def test_the_matrix_totals_row_is_in_every_export_as_on_screen(dataset: Dataset) -> None:
    """Text and Markdown showed 'Participants per meeting'; CSV and JSON left it out."""
    view = build("participants", dataset, "year:2019")
    assert view.footer_row is not None
    rows = list(csv.reader(io.StringIO(to_csv(view))))
    assert rows[-1][:2] == ["totals", "Participants per meeting"]
    assert rows[-1][1 : 1 + len(view.footer_row)] == list(view.footer_row)
    assert {len(r) for r in rows} == {len(rows[0])}
    totals = json.loads(to_json(view))["totals"]
    assert list(totals.values()) == list(view.footer_row)
