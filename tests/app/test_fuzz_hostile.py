"""Generated hostile input through the whole pipeline: load, every view, every export
format, the app's screen. Each input gives a located message or a result; never a crash
(a segmentation fault would end this test run), a hang, or a control character written
where a person reads."""

from __future__ import annotations

import asyncio
import os
import re
import socket
import tempfile
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.strategies import datasets, paths

from atctui.app.main import AtcApp
from atctui.errors import DataError
from atctui.export import export_view
from atctui.loading import load
from atctui.subset import EmptySubset, subset_toml
from atctui.views import VIEWS, build

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMATS = ("text", "markdown", "csv", "json")

# Characters that have hurt before: controls, escapes, markup, bidi overrides, line
# separators TOML keeps in strings, combining marks, wide and astral characters.
HOSTILE_ALPHABET = st.sampled_from(
    [
        *"\x00\x07\x08\x1b\x7f\x85\x9b[]/=|<>`*_&\"'\\#\t\r\n",
        *["\u2028", "\u2029", "\u202e", "\u2066", "\u0301", "中", "😀", "a", " "],
    ]
)
hostile_text = st.text(HOSTILE_ALPHABET, min_size=1, max_size=40) | st.sampled_from(
    ["[/]", "[bold]x[/bold", "\x1b]0;title\x07", "=HYPERLINK(\"x\")", "<script>x</script>",
     "a" * 20_000, "٢٠١٩", "0001-01-01"]
)  # fmt: skip
NESTINGS = st.sampled_from(["[", "{a = ", "[{a = ", "a.", "[[x."])


def _strings(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    return [p for p in paths(node, prefix) if _at(node, p).__class__ is str]


def _at(node: Any, where: tuple[Any, ...]) -> Any:
    for part in where:
        node = node[part]
    return node


@st.composite
def hostile_datasets(draw: st.DrawFn) -> dict[str, Any]:
    """A valid dataset whose strings are replaced, some of them, by hostile ones (keeping
    ids and references valid: only text fields change)."""
    data = draw(datasets())
    text_fields = [
        p for p in _strings(data)
        if p[-1] in ("name", "title", "as_written", "quote", "file", "city") or p[-2] == "aliases"
    ]  # fmt: skip
    for where in draw(st.lists(st.sampled_from(text_fields), max_size=6)) if text_fields else []:
        parent = _at(data, where[:-1])
        parent[where[-1]] = draw(hostile_text)
    return data


def _check_outputs(path: Path) -> None:
    try:
        dataset = load([path])
    except DataError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path and not RAW.search(str(problem))
        return
    for name in VIEWS:
        view = build(name, dataset)
        for fmt in FORMATS:
            out = export_view(dataset, view, fmt)
            if fmt != "json":  # JSON keeps the exact data, escaped
                assert not RAW.search(out.replace("\r\n", "\n")), (name, fmt)
        try:
            subset = subset_toml(dataset, view)
        except EmptySubset:
            assert not view.rows
            continue
        again = path.with_name("again.toml")
        again.write_text(subset, encoding="utf-8")
        load([again])  # what --format toml writes, validate accepts


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_datasets())
def test_hostile_text_in_every_field_reaches_every_format_safely(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        _check_outputs(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    datasets(),
    st.integers(0, 100_000),
    NESTINGS,
    st.integers(1, 20_000),
    st.sampled_from(["", "]", "}", "1"]),
)
def test_generated_nesting_never_crashes(
    data: dict[str, Any], at: int, opener: str, depth: int, closer: str
) -> None:
    """Nesting of any depth, closed or not, anywhere in a file."""
    text = tomli_w.dumps(data)
    at %= len(text) + 1
    nested = opener * depth + closer * depth
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "nested.toml"
        path.write_text(text[:at] + nested + text[at:], encoding="utf-8")
        _check_outputs(path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    datasets(),
    st.sampled_from(["number", "stated_count", "complete", "date"]),
    st.integers(-(10**30), 10**30) | st.sampled_from([2**63 - 1, 2**64, -1, 0]),
)
def test_huge_numbers_are_refused_or_shown(data: dict[str, Any], field: str, number: int) -> None:
    for meeting in data["meetings"]:
        if field == "stated_count":
            meeting["lists"][0][field] = number
        elif field != "complete":
            meeting[field] = number
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "numbers.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        _check_outputs(path)


def _special_files(folder: Path) -> list[Path]:
    fifo = folder / "fifo.toml"
    os.mkfifo(fifo)
    directory = folder / "dir.toml"
    directory.mkdir()
    (directory / "inner.toml").write_text('[[sources]]\nid = "s"\nkind = "web_page"\nurl = "x"\n')
    sock_path = folder / "socket.toml"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    loop = folder / "loop.toml"
    loop.symlink_to(loop)
    return [fifo, sock_path, loop, Path("/dev/zero"), Path("/dev/null")]


def test_special_files_are_refused_not_read(tmp_path: Path) -> None:
    for path in _special_files(tmp_path):
        with pytest.raises(DataError) as info:
            load([path])
        assert str(path) in str(info.value.problems[0])


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_datasets())
def test_the_app_screen_never_shows_a_control_character(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.toml"
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        try:
            dataset = load([path])
        except DataError:
            return

        async def drive() -> None:
            app = AtcApp(dataset)
            async with app.run_test(size=(100, 30), notifications=True) as pilot:
                for keys in (["1"], ["2", "l", "l"], ["3", "Y"], ["1", "enter"], ["y"]):
                    await pilot.press(*keys)
                    await pilot.pause()
                    assert not RAW.search(app.export_screenshot())
                assert app.return_code is None

        asyncio.run(drive())
