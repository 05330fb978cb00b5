"""Hostile strings in every text field are shown literally, aligned, and never act."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.helpers import HOSTILE, hostile_dataset

from atctui.app.detail_pane import DetailPane
from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.export import export_view, render, to_text
from atctui.loading import load
from atctui.subset import subset_toml
from atctui.textsafe import printable
from atctui.views import VIEWS, build

RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def hostile(tmp_path: Path) -> Dataset:
    return load([hostile_dataset(tmp_path)])


def test_text_exports_show_it_literally_and_aligned(hostile: Dataset) -> None:
    for name in VIEWS:
        view = build(name, hostile)
        for width in (60, 100, 200):
            text = to_text(view, width=width)
            assert not RAW.search(text), (name, width)
            assert "[bold]B[/]" in "".join(text.split()) or "[bold]" in text
            table_lines = [line for line in text.splitlines() if line[:1] in "┌│├└"]
            widths = {cell_len(line) for line in table_lines}
            assert len(widths) <= 2 and max(widths) <= width, (
                name,
                width,
                widths,
            )  # blocks may differ


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_markdown_and_csv_never_carry_control_characters(hostile: Dataset, fmt: str) -> None:
    for name in VIEWS:
        out = export_view(hostile, build(name, hostile), fmt).replace(
            "\r\n", "\n"
        )  # CSV's own line ends
        assert not RAW.search(out)
        # Shown as its characters; Markdown escapes the backslash and bracket it writes.
        assert ("\\\\x1b\\[31mred" if fmt == "markdown" else "\\x1b[31mred") in out


def test_json_and_toml_keep_the_exact_data_escaped(hostile: Dataset, tmp_path: Path) -> None:
    view = build("timeline", hostile)
    out = render(view, "json")
    assert "\x1b" not in out  # JSON escapes it
    values = [v for row in json.loads(out)["rows"] for v in row.values()]
    assert any(HOSTILE in v for v in values)  # the exact data, raw once decoded
    toml_text = subset_toml(hostile, view)
    assert "\x1b" not in toml_text
    assert tomllib.loads(toml_text)["meetings"][0]["title"] == HOSTILE


async def test_the_app_shows_it_literally(hostile: Dataset) -> None:
    app = AtcApp(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("1", "2", "3"):
            await pilot.press(key, "down", "up", "wait:50")
            panel = app.current_panel
            assert panel is not None
            table = panel.table
            cells = [str(c) for i in range(table.row_count) for c in table.get_row_at(i)]
            assert printable(HOSTILE) in cells
            assert not any(RAW.search(c) for c in cells)
            detail = app.query_one(DetailPane).plain
            assert "[bold]B[/]" in detail and not RAW.search(detail)
        await pilot.press("question_mark", "escape", "e", "escape")
        await pilot.resize_terminal(50, 14)
        await pilot.pause()
        app.export_screenshot()  # renders the whole screen without a markup error
