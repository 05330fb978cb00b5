"""Large files are parsed and validated a slice of records at a time: the same records as
the whole file, and the whole file's messages whenever anything is wrong."""

from __future__ import annotations

import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import toml_rs
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers import generated
from tests.strategies import datasets, mutated

import atctui.loading.chunked as chunked
import atctui.loading.parsed as loading  # where a file is read: its size threshold, its validator
import atctui.loading.slicing as slicing
from atctui.errors import DataError
from atctui.loading import bundled_data_path, load
from atctui.loading.slicing import Unsliceable, cut_points, parse_slice, slices
from atctui.model import SECTIONS, dataset_file_adapter, sharing_plan
from atctui.serialize import to_toml


def whole(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def sliced(text: str, size: int) -> dict[str, Any] | None:
    """The slices' tables concatenated as the loader does, or None where it would read
    the file whole (no cut points, a slice that does not parse or is not only arrays)."""
    cuts = cut_points(text, size)
    if cuts is None:
        return None
    merged: dict[str, Any] = {}
    for piece in slices(text, cuts):
        try:
            tables = parse_slice(piece, sharing_plan())
        except (toml_rs.TOMLDecodeError, Unsliceable):
            return None
        for key, value in tables.items():
            merged.setdefault(key, []).extend(value)
    return merged


@pytest.mark.parametrize("size", [1, 300, 3000, 10**9])
def test_the_bundled_file_in_slices_is_the_whole_file(size: int) -> None:
    text = bundled_data_path().read_text(encoding="utf-8")
    cuts = cut_points(text, size)
    assert cuts is not None and cuts[0] == 0 and cuts[-1] == len(text)
    if size == 1:  # a cut at every record
        lines = "\n" + text
        records = lines.count("\n[[") - sum(lines.count(f"\n[[{s}.") for s in SECTIONS)
        assert len(cuts) - 1 == records
    assert sliced(text, size) == whole(text)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated() | datasets(), st.sampled_from([1, 40, 200, 10**9]))
def test_slices_parse_to_the_whole_file_or_are_refused(data: dict[str, Any], size: int) -> None:
    text = tomli_w.dumps(data)
    try:
        expected = whole(text)
    except tomllib.TOMLDecodeError:
        expected = None
    got = sliced(text, size)
    if got is not None:
        assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        'title = "top-level key"\n[[meetings]]\nid = "a"\n',
        'meetings = [{ id = "a" }]\n[[meetings]]\nid = "b"\n',
        '[[meetings]]\nid = "a"\n[[exercises]]\nid = "x"\n[[meetings.attendances]]\nparticipant = "p"\n',
        '[[meetings]]\nid = "a"\n[[exercises]]\nid = "x"\n[meetings.extra]\nkey = "v"\n',
        '[meetings]\nid = "a"\n',
        '[[meetings]]\nid = "a"\n[notes]\nid = "b"\n',
        '[[meetings]]\nid = "a"\ntitle = """two\n[[meetings]]\nlines"""\n',
        "[[meetings]]\nid = 'a'\ntitle = \'\'\'two\n[[meetings]]\nlines\'\'\'\n",
        '[[meetings]]\nid = "a"\nstages = [\n"x",\n[[meetings]]\n]\n',
    ],
    ids=["top-level-key", "top-level-array", "subtable-away", "table-away", "plain-table",
         "plain-table-later", "multiline-string", "multiline-literal", "multiline-array"],
)  # fmt: skip
def test_shapes_where_slicing_would_differ_are_read_whole(text: str) -> None:
    assert sliced(text, 1) is None


@pytest.mark.parametrize(
    "text",
    [
        '[[meetings]]\nid = "a"\n  [[meetings.attendances]]\n  participant = "p"\n',
        '[[meetings]]\r\nid = "a"\r\n[[exercises]]\r\nid = "x"\r\n[[meetings]]\r\nid = "b"\r\n',
        '# comment\n\n[[ meetings ]] # first\nid = "a"\n[[meetings]]\nid = "b"\n',
        '[[meetings]]\nid = "a"\n[[exercises]]\nid = "x"\n[[meetings]]\nid = "b"\n',
    ],
    ids=["indented", "crlf", "comments-and-spaces", "interleaved"],
)
def test_shapes_that_slice_safely_are_cut_at_every_record(text: str) -> None:
    cuts = cut_points(text, 1)
    records = re.findall(r"^\[\[ ?(?:meetings|exercises) ?\]\]", text, re.MULTILINE)
    assert cuts is not None and len(cuts) - 1 == len(records)
    assert sliced(text, 1) == whole(text)


def test_a_large_file_loads_in_slices_with_the_same_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = generated(tmp_path, 120)
    monkeypatch.setattr(slicing, "SLICE_CHARS", 3000)
    cuts = cut_points(text)
    assert cuts is not None and len(cuts) > 20
    monkeypatch.setattr(loading, "LARGE_FILE", 10**12)
    expected = load([path])
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    monkeypatch.setattr(chunked, "helper_can_parse", lambda: False)  # parsed in this process
    parsed: list[str] = []
    monkeypatch.setattr(slicing, "parse_slice", _recording(parsed))
    got = load([path])
    assert parsed == list(slices(text, cuts))
    assert to_toml(got.content) == to_toml(expected.content)
    for section in SECTIONS:
        assert getattr(got.content, section) == getattr(expected.content, section)


def test_a_bad_large_file_gives_the_whole_files_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = generated(tmp_path, 60)
    monkeypatch.setattr(slicing, "SLICE_CHARS", 3000)
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


def _recording(pieces: list[str]) -> Any:
    """parse_slice, noting each slice it parses in `pieces`."""

    def parse(piece: str, plan: Any) -> Any:
        pieces.append(piece)
        return parse_slice(piece, plan)

    return parse


def _helpers(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command lines of the helper processes started."""
    started: list[list[str]] = []
    real_popen = subprocess.Popen

    def recorded(args: list[str], **kwargs: Any) -> Any:
        started.append(args)
        return real_popen(args, **kwargs)

    monkeypatch.setattr("atctui.loading.chunked.subprocess.Popen", recorded)
    return started


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def helper() -> None:
    if not chunked.helper_can_parse():
        pytest.skip("one core: no helper process")


def _same_records(a: Any, b: Any) -> None:
    for section in SECTIONS:
        assert getattr(a.content, section) == getattr(b.content, section)


@pytest.mark.usefixtures("helper")
def test_the_helper_process_parses_the_same_records_as_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = generated(tmp_path, 120)
    monkeypatch.setattr(slicing, "SLICE_CHARS", 3000)
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    helpers = _helpers(monkeypatch)
    parsed_here: list[str] = []
    monkeypatch.setattr(slicing, "parse_slice", _recording(parsed_here))
    with_helper = load([path])
    # An isolated interpreter (-I) given the open file's descriptor, not its name.
    assert len(helpers) == 1 and helpers[0][1:3] == ["-I", "-c"] and helpers[0][-2] == "3000"
    assert str(path) not in helpers[0]
    # The file's second half (under TAIL_BYTES) was parsed here while the helper started.
    size = path.stat().st_size
    assert int(helpers[0][-1]) >= size // 2 and sum(map(len, parsed_here)) == size - int(
        helpers[0][-1]
    )
    assert _no_children_left()
    monkeypatch.setattr(chunked, "helper_can_parse", lambda: False)
    here = load([path])
    assert len(helpers) == 1
    _same_records(with_helper, here)
    # Ids and names come back interned from the helper, as when parsed here.
    for dataset in (with_helper, here):
        sources = [c.source for m in dataset.meetings for a in m.attendances for c in a.citations]
        assert len({id(s) for s in sources}) == len(set(sources)) < len(sources)


@pytest.mark.usefixtures("helper")
def test_a_slice_the_helper_refuses_sends_the_file_to_the_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, text = generated(tmp_path, 60)
    # Valid as a whole file (the attendance belongs to the last meeting), but cut at the
    # exercise's header the slice after it makes `meetings` a table.
    last = text.rindex("[[meetings]]")
    meeting = tomllib.loads(text[last:])["meetings"][0]
    taken = {a["participant"] for a in meeting["attendances"]}
    participants = [p["id"] for p in tomllib.loads(text)["participants"]]
    free = next(p for p in participants if p not in taken)
    text += (
        '\n[[exercises]]\nid = "x-late"\nname = "Late"\nstatus = "held"\n'
        'citations = [{ source = "src-0", quote = "q" }]\n'
        f'\n[[meetings.attendances]]\nparticipant = "{free}"\nas_written = "Late"\n'
        'citations = [{ source = "src-0", quote = "q" }]\n'
    )
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(slicing, "SLICE_CHARS", 1)  # a cut at every record
    monkeypatch.setattr(chunked, "TAIL_BYTES", 1)  # and all of them in the helper
    monkeypatch.setattr(loading, "LARGE_FILE", 10**12)
    expected = load([path])
    assert free in expected.attendance[f"meeting:{meeting['id']}"]
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    helpers = _helpers(monkeypatch)
    whole_reads: list[int] = []
    real_adapter = dataset_file_adapter()

    class Counted:
        @staticmethod
        def validate_python(data: Any) -> Any:
            whole_reads.append(1)
            return real_adapter.validate_python(data)

    monkeypatch.setattr("atctui.loading.parsed.dataset_file_adapter", lambda: Counted)
    got = load([path])
    assert len(helpers) == 1 and whole_reads == [1] and _no_children_left()
    _same_records(got, expected)


@pytest.mark.usefixtures("helper")
def test_a_helper_that_cannot_start_sends_the_file_to_the_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = generated(tmp_path, 30)
    monkeypatch.setattr(loading, "LARGE_FILE", 10**12)
    expected = load([path])
    monkeypatch.setattr(loading, "LARGE_FILE", 1)
    monkeypatch.setattr("atctui.loading.chunked.sys.executable", str(tmp_path / "no-python"))
    _same_records(load([path]), expected)


def test_the_tail_begins_at_a_header_line_not_inside_one() -> None:
    # The tail is read from a byte that may be inside a line; a header-like text there (a
    # comment) is not a record header.
    assert slicing.records_from(b'[[meetings]]\nid = "a"\n') is None
    raw = b'" # [[meetings]]\n[[ exercises ]]\nid = "x"\n'
    assert slicing.records_from(raw) == raw.index(b"[[ exercises")
