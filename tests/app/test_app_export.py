"""Exports from the app: what the table shows is what the file holds."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import dataset_with, screen_lines, svg_lines, type_filter
from textual.widgets import Input, Select, Static

from atctui.app.main import AtcApp
from atctui.app.virtual_table import fit
from atctui.dataset import Dataset
from atctui.loading import load

SIZE = (100, 30)
# The dialog is checked in the terminal most tests use and in a small one.
DIALOG_SIZES = [pytest.param((100, 30), id="100x30"), pytest.param((40, 12), id="40x12")]


def cli_csv(view: str, query: str) -> list[list[str]]:
    out = subprocess.run(
        [sys.executable, "-m", "atctui", "export", view, "-f", "csv", "-q", query],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    table = list(csv.reader(io.StringIO(out, newline="")))
    # The view's columns, then each row's sources and the export's provenance.
    # (and the record's names in English and Russian where it has names).
    tail = ["sources", "name_en", "name_ru", "provenance"]
    tail = tail if "name_en" in table[0] else ["sources", "provenance"]
    assert table[0][-len(tail) :] == tail
    return [row[: -len(tail)] for row in table]


@pytest.mark.parametrize(
    ("key", "view", "query"),
    [
        ("1", "timeline", "participant:moldova"),
        ("2", "participants", "kind:member_state"),
        ("3", "exercises", "status:planned"),
    ],
)
async def test_table_on_screen_equals_cli_export(
    dataset: Dataset, key: str, view: str, query: str
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key, "slash", *query, "wait:300", "enter")
        panel = app.current_panel
        assert panel is not None
        table = panel.table
        shown = [
            [panel.view.rows[i].key, *table.get_row_at(i)] for i in range(len(panel.view.rows))
        ]
        headers = [c.label for c in table.columns]
        # What is drawn is those cells, each fitted to its column; a column the table's
        # edge cuts is fitted to what is left of it (so a cut value ends with "…").
        width = table.scrollable_content_region.width
        for y in range(1, min(table.size.height - 1, len(shown) + 1)):
            row = shown[int(table.scroll_y) + y - 1][1:]
            line = ""
            for c, col in zip(row, table.columns, strict=True):
                if len(line) + col.width + 2 > width:
                    line += f" {fit(c, width - len(line) - 1, col.right)}"
                    break
                line += f" {fit(c, col.width, col.right)} "
            assert table.render_line(y).text == line[:width].ljust(width)
    exported = cli_csv(view, query)
    assert exported[0][1:] == headers
    if panel.view.footer_row is not None:  # the matrix's totals: on screen, and CSV's last
        assert exported[-1] == ["totals", *panel.view.footer_row]
        exported = exported[:-1]
    assert exported[1:] == shown
    assert len(shown) > 0


async def test_svg_export_and_format_switch(dataset: Dataset, tmp_path: Path) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        select = app.screen.query_one("#format", Select)
        select.value = "svg"
        await pilot.pause()
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.endswith(".svg")
        path_input.value = str(tmp_path / "shot.svg")
        await pilot.press("ctrl+s", "wait:200")
    svg = (tmp_path / "shot.svg").read_text(encoding="utf-8")
    assert svg.lstrip().startswith("<svg")
    # The screen as it was, not the dialog over it.
    lines = svg_lines(svg)
    assert any("Timeline" in line for line in lines)
    assert not any("Export timeline" in line for line in lines), lines


def read_only_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.access(folder, os.W_OK):  # root writes there anyway; in /sys no one makes a file
        return Path("/sys")
    return folder


@pytest.mark.parametrize("size", DIALOG_SIZES)
@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("a directory", "a directory, not a regular file: not written"),
        ("a read-only folder", "cannot write in "),
        ("a name too long", "cannot write: File name too long"),
        ("no such folder", "cannot write in "),
    ],
)
async def test_a_failed_write_keeps_the_dialog_open_with_the_reason(
    dataset: Dataset, tmp_path: Path, size: tuple[int, int], case: str, reason: str
) -> None:
    """Before: the dialog closed and a toast said the export failed; what was typed was
    gone (a directory was even offered to be overwritten)."""
    typed = {
        "a directory": str(tmp_path),
        "a read-only folder": str(read_only_folder(tmp_path) / "x.txt"),
        "a name too long": str(tmp_path / ("n" * 300 + ".txt")),
        "no such folder": str(tmp_path / "no-such-folder" / "x.txt"),
    }[case]
    before = sorted(tmp_path.iterdir())
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("e")
        screen = app.screen
        path_input = screen.query_one("#path", Input)
        path_input.value = typed
        screen.set_focus(path_input)
        await pilot.press("enter", "wait:100")
        assert app.screen is screen, "the dialog closed"
        assert path_input.value == typed and app.focused is path_input
        message = screen.query_one("#export-message", Static)
        assert message.display and message.region.height > 0
        assert reason in str(message.render()) and typed in str(message.render())
        assert not screen.query_one("#overwrite").display  # nothing there to overwrite
        assert not app._notifications, [n.message for n in app._notifications]
        await pilot.press("escape")
        assert app.screen is not screen
    assert sorted(tmp_path.iterdir()) == before  # no file, and no temporary one left


async def test_nothing_to_write_is_said_in_the_dialog(tmp_path: Path) -> None:
    """Before: the dialog closed and a toast said 'Not exported'."""
    app = AtcApp(load([dataset_with(tmp_path, ["Someone"])]))  # no people: no records at all
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await type_filter(pilot, "xyzzy")
        await pilot.press("enter", "e")
        screen = app.screen
        screen.query_one("#format", Select).value = "toml"
        screen.set_focus(screen.query_one("#path", Input))
        await pilot.press("enter", "wait:100")
        assert app.screen is screen
        assert "holds no records" in str(screen.query_one("#export-message", Static).render())


@pytest.mark.parametrize("size", DIALOG_SIZES)
async def test_the_dialog_names_its_fields_and_shows_its_buttons(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    """Before: a select and a path without a word saying what they are, and at 40x12
    the buttons were below the screen's edge."""
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("e")
        await pilot.pause()
        lines = screen_lines(app)
        assert any(re.search(r"\bFormat\b.*\btext\b", line) for line in lines), lines
        assert any(re.search(r"\bFile\b.*atctui-timeline-", line) for line in lines), lines
        assert any("Export" in line and "Cancel" in line for line in lines), lines
        assert any("ctrl+s" in line for line in lines), lines  # how to export, said


@pytest.mark.parametrize("size", DIALOG_SIZES)
async def test_the_format_comes_first_and_enter_in_the_file_exports(
    dataset: Dataset, tmp_path: Path, size: tuple[int, int]
) -> None:
    """Before: the dialog opened in the file name, and enter there exported as text, the
    format above it never seen."""
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("e")
        screen = app.screen
        select = screen.query_one("#format", Select)
        path_input = screen.query_one("#path", Input)
        assert app.focused is select
        await pilot.press("enter")  # opens the list of formats: nothing is exported yet
        assert select.expanded and app.screen is screen
        await pilot.press("down", "down", "enter")  # text, markdown, csv
        await pilot.pause()
        assert select.value == "csv" and not select.expanded
        assert app.focused is path_input and path_input.value.endswith(".csv")
        path_input.value = str(tmp_path / "mine.csv")
        await pilot.press("enter", "wait:100")
        assert app.screen is not screen
    assert (tmp_path / "mine.csv").read_text(encoding="utf-8").startswith("id,Date,Kind")


async def test_ctrl_s_exports_from_any_field_of_the_dialog(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Before: ctrl+s did nothing; the Export button was the only way from the format."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e", "ctrl+s", "wait:100")
        assert not app.screen.query("#export-box")
    (written,) = tmp_path.glob("atctui-timeline-*.txt")
    assert written.read_text(encoding="utf-8").startswith("Timeline")


async def test_one_row_is_one_row(dataset: Dataset) -> None:
    """Before: 'Export timeline: 1 rows', and the toast said '1 rows as text'."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await type_filter(pilot, "kind:meeting year:2019")
        await pilot.press("enter", "e")
        await pilot.pause()
        lines = screen_lines(app)
        assert any("Export timeline: 1 row" in line for line in lines), lines
        assert not any(re.search(r"\b1 rows", line) for line in lines), lines
        app.screen.query_one("#path", Input).value = "one.txt"
        await pilot.press("tab", "enter", "wait:100")
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("1 row as text to ") for m in messages), messages


async def test_the_status_line_of_one_row_says_one_row(tmp_path: Path) -> None:
    """Before: a dataset of one meeting: '1 rows' (attack report 3, A10)."""
    from tests.helpers import long_value_dataset

    from atctui.loading import load

    app = AtcApp(load([long_value_dataset(tmp_path, 10)]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = "\n".join(screen_lines(app))
        assert "1 row" in text and not re.search(r"\b1 rows", text)


async def test_a_name_typed_after_choosing_a_format_replaces_the_whole_name(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Before: after choosing json from the list, the file's name was selected but for its
    last letter, and typing a name wrote 'Xn' (report writer's test, R15)."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "enter", "wait:100")  # the format list opens
        await pilot.press("down", "down", "down", "enter", "wait:200")  # text → json
        path = app.screen.query_one("#path", Input)
        assert app.focused is path and path.value.endswith(".json")
        await pilot.press(*str(tmp_path / "mine.json"))
        assert path.value == str(tmp_path / "mine.json")


async def test_a_file_name_with_a_formats_extension_chooses_that_format(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Before: the text format wrote a file named report.md as plain text (new-user report
    3, C14)."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e", "tab", "wait:100")
        path = app.screen.query_one("#path", Input)
        path.value = str(tmp_path / "report.md")
        await pilot.pause()
        assert app.screen.query_one("#format", Select).value == "markdown"
        assert path.value == str(tmp_path / "report.md")
        await pilot.press("enter", "wait:200")
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("## Timeline")
