"""Large files are parsed and validated a slice of records at a time: the same records as
the whole file, and the whole file's messages whenever anything is wrong."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.test_fuzz import datasets, mutated

import atctui.loading as loading
from atctui.chunked import record_starts, slices, validate_slices
from atctui.errors import DataError
from atctui.loading import bundled_data_path, load
from atctui.model import SECTIONS
from atctui.serialize import to_toml

BENCH = Path(__file__).resolve().parents[1] / "bench"


def whole(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def sliced(text: str, records: int) -> dict[str, Any] | None:
    starts = record_starts(text)
    if starts is None:
        return None
    merged: dict[str, Any] = {}
    for piece in slices(text, starts, records):
        for key, value in tomllib.loads(piece).items():
            merged.setdefault(key, []).extend(value)
    return merged


@pytest.mark.parametrize("records", [1, 2, 7, 500])
def test_the_bundled_file_in_slices_is_the_whole_file(records: int) -> None:
    text = bundled_data_path().read_text(encoding="utf-8")
    assert sliced(text, records) == whole(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated() | datasets(), st.integers(1, 4))
def test_slices_parse_to_the_whole_file_or_are_refused(data: dict[str, Any], records: int) -> None:
    text = tomli_w.dumps(data)
    try:
        expected = whole(text)
    except tomllib.TOMLDecodeError:
        expected = None
    try:
        got = sliced(text, records)
    except tomllib.TOMLDecodeError:
        got = None  # a slice that does not parse: the loader reads the file whole
    if got is not None:
        assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        'title = "top-level key"\n[[meetings]]\nid = "a"\n',
        '[[meetings]]\nid = "a"\n[[exercises]]\nid = "x"\n[[meetings.attendances]]\nparticipant = "p"\n',
        '[meetings]\nid = "a"\n',
        '[[meetings]]\nid = "a"\ntitle = """two\n[[meetings]]\nlines"""\n',
        '[[meetings]]\nid = "a"\n  [[meetings.attendances]]\n  participant = "p"\n',
    ],
    ids=["top-level-key", "subtable-away", "plain-table", "multiline-string", "indented"],
)
def test_shapes_where_slicing_could_differ_are_read_whole(text: str) -> None:
    assert record_starts(text) is None


def generated(folder: Path, meetings: int) -> tuple[Path, str]:
    path = folder / "big.toml"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--meetings", str(meetings),
                    "--out", str(path)], check=True, capture_output=True)  # fmt: skip
    return path, path.read_text(encoding="utf-8")


def test_a_large_file_loads_in_slices_with_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = generated(tmp_path, 120)
    starts = record_starts(text)
    monkeypatch.setattr("atctui.chunked.RECORDS_PER_SLICE", 7)
    assert starts is not None and len(list(slices(text, starts))) > 20
    monkeypatch.setattr(loading, "LARGE_FILE", 10**12)
    expected = load([path])
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    used: list[int] = []
    monkeypatch.setattr(
        "atctui.chunked.validate_slices",
        lambda t, s: used.append(len(s)) or validate_slices(t, s),
    )
    got = load([path])
    assert used == [len(starts)]
    assert to_toml(got.content) == to_toml(expected.content)
    for section in SECTIONS:
        assert getattr(got.content, section) == getattr(expected.content, section)


def test_a_bad_large_file_gives_the_whole_files_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = generated(tmp_path, 60)
    monkeypatch.setattr("atctui.chunked.RECORDS_PER_SLICE", 7)
    broken = text.replace("number = 40\n", 'number = "forty"\n', 1)
    broken = broken.replace('date = "', 'date = "20xx', 1)
    assert broken != text
    path.write_text(broken, encoding="utf-8")
    monkeypatch.setattr(loading, "LARGE_FILE", 10**12)
    with pytest.raises(DataError) as whole_error:
        load([path])
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    with pytest.raises(DataError) as sliced_error:
        load([path])
    assert [str(p) for p in sliced_error.value.problems] == [
        str(p) for p in whole_error.value.problems
    ]
    assert len(whole_error.value.problems) == 2
