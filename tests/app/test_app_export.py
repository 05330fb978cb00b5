"""Exports from the app: what the table shows is what the file holds."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Input, Select

from atctui.app.main import AtcApp
from atctui.app.virtual_table import fit
from atctui.dataset import Dataset

SIZE = (100, 30)


def cli_csv(view: str, query: str) -> list[list[str]]:
    out = subprocess.run(
        [sys.executable, "-m", "atctui", "export", view, "-f", "csv", "-q", query],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return list(csv.reader(io.StringIO(out, newline="")))


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
        # What is drawn is those cells, each fitted to its column, cut at the table's edge.
        width = table.scrollable_content_region.width
        for y in range(1, min(table.size.height - 1, len(shown) + 1)):
            row = shown[int(table.scroll_y) + y - 1][1:]
            line = "".join(
                f" {fit(c, col.width, col.right)} "
                for c, col in zip(row, table.columns, strict=True)
            )
            assert table.render_line(y).text == line[:width].ljust(width)
    exported = cli_csv(view, query)
    assert exported[0][1:] == headers
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
        await pilot.press("enter", "wait:200")
    assert (tmp_path / "shot.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


async def test_unwritable_path_is_an_error_message_not_a_crash(
    dataset: Dataset, tmp_path: Path
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(tmp_path / "no-such-dir" / "x.txt")
        await pilot.press("enter", "wait:200")
        messages = [n.message for n in app._notifications]
        assert any("cannot write" in m for m in messages), messages
        await pilot.press("1")  # still answers
        assert app.current_tab == "timeline"
