"""A column of the matrix or of Compare stands for one record, in every export and
option: a meeting and an exercise of one id, or a meeting whose id is one of a view's own
keys ('total', 'kind'), or two meetings of one label, never share a key or a header."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import tomli_w
from tests.helpers import run_cli

CITE = [{"source": "s", "quote": "q"}]


def _colliding(tmp_path: Path) -> Path:
    """A meeting and an exercise both 'x1'; meetings named like the matrix's own columns;
    two meetings V of 2019 (no format to tell them apart)."""
    meetings = [
        {"id": mid, "number": number, "date": date, "title": "t", "citations": CITE,
         "attendances": [{"participant": "a", "as_written": "q", "citations": CITE}]}
        for mid, number, date in [
            ("x1", 1, "2018-01-01"), ("total", 2, "2018-02-01"), ("kind", 3, "2018-03-01"),
            ("participant", 4, "2018-04-01"), ("m1", 5, "2019-02-19"), ("m2", 5, "2019-02-19"),
        ]
    ]  # fmt: skip
    data = {
        "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
        "participants": [
            {"id": "a", "name": "Alpha", "kind": "member_state", "citations": CITE},
            {"id": "b", "name": "Beta", "kind": "member_state", "citations": CITE},
        ],
        "meetings": meetings,
        "exercises": [
            {"id": "x1", "name": "Ex", "status": "held", "date": "2019-05", "citations": CITE,
             "lists": [{"kind": "member_state", "complete": True, "citations": CITE}]},
        ],
    }  # fmt: skip
    path = tmp_path / "collide.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def test_json_keeps_every_cell_of_columns_whose_ids_collide(tmp_path: Path) -> None:
    path = _colliding(tmp_path)
    out = run_cli("export", "participants", "--data", str(path), "-q", "kind:all", "-f", "json")
    assert out.returncode == 0, out.stderr
    exported = json.loads(out.stdout)
    keys = [c["key"] for c in exported["columns"]]
    assert len(keys) == len(set(keys))
    alpha = next(row for row in exported["rows"] if row["participant"] == "Alpha")
    assert alpha["kind"] == "state" and alpha["total"] == "6"  # its own cells, not a meeting's
    assert alpha["meeting:x1"] == "●" and alpha["exercise:x1"] == "·"
    assert alpha["meeting:total"] == alpha["meeting:kind"] == alpha["meeting:participant"] == "●"


def test_two_meetings_of_one_label_get_two_headers(tmp_path: Path) -> None:
    path = _colliding(tmp_path)
    out = run_cli("export", "participants", "--data", str(path), "-f", "csv")
    assert out.returncode == 0, out.stderr
    header = next(csv.reader(io.StringIO(out.stdout)))
    assert "V 2019 (m1)" in header and "V 2019 (m2)" in header
    assert len(header) == len(set(header))


@pytest.mark.parametrize(
    ("option", "name", "says"),
    [
        ("--sort", "x1", "'x1' names 2 columns of Participants: meeting:x1, exercise:x1"),
        ("--hide", "x1", "'x1' names 2 columns"),
    ],
)
def test_a_name_for_two_columns_is_refused(
    tmp_path: Path, option: str, name: str, says: str
) -> None:
    path = _colliding(tmp_path)
    args = ["export", "participants", "--data", str(path), "-q", "kind:all", option, name]
    out = run_cli(*args)
    assert out.returncode != 0 and says in out.stderr


def test_a_column_is_named_by_its_id_its_reference_or_its_label(tmp_path: Path) -> None:
    path = _colliding(tmp_path)
    for name in ("m2", "meeting:m2", "V 2019 (m2)"):
        out = run_cli("export", "participants", "--data", str(path), "--hide", name, "-f", "csv")
        assert out.returncode == 0, out.stderr
        header = next(csv.reader(io.StringIO(out.stdout)))
        assert "V 2019 (m1)" in header and "V 2019 (m2)" not in header
