"""Every export format, checked against the views and against golden files."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path

import pytest

from atctui.dataset import Dataset
from atctui.errors import DataError
from atctui.export import WriteRefused, to_csv, to_json, to_markdown, to_text, write_atomic
from atctui.loading import load
from atctui.subset import subset_toml
from atctui.views import VIEWS, build

GOLDEN = Path(__file__).parent / "golden"
DAY = dt.date(2026, 1, 2)
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
    if fmt == "text":
        got = to_text(view, [], width, today=DAY)
    else:
        got = to_markdown(view, [], today=DAY)
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
    assert parsed[1:] == [[row.key, *row.cells] for row in view.rows]


@pytest.mark.parametrize(("view_name", "query"), CASES)
def test_json_loads(dataset: Dataset, view_name: str, query: str) -> None:
    view = build(view_name, dataset, query)
    data = json.loads(to_json(view, ["a.toml"]))
    assert data["meta"]["view"] == view_name and data["meta"]["query"] == query
    assert data["meta"]["dataset"] == ["a.toml"] and data["meta"]["count"] == len(view.rows)
    dt.datetime.fromisoformat(data["meta"]["exported_at"])
    assert [r["id"] for r in data["rows"]] == [r.key for r in view.rows]
    assert all(list(r)[1:] == [c.key for c in view.columns] for r in data["rows"])


@pytest.mark.parametrize(("view_name", "query"), CASES)
def test_toml_round_trip(dataset: Dataset, tmp_path: Path, view_name: str, query: str) -> None:
    view = build(view_name, dataset, query)
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
        "south-antiterror-2002", "dushanbe-antiterror-2017", "commonwealth-antiterror-2025",
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
