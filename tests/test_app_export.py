"""Exports from the app: what the table shows is what the file holds."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select

from atctui.app.main import AtcApp
from atctui.app.view_panel import TOTALS_KEY
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
        table = panel.query_one(DataTable)
        shown = [
            [
                panel.view.rows[int(str(row_key.value))].key,
                *(str(c) for c in table.get_row(row_key)),
            ]
            for row_key in table.rows
            if row_key.value != TOTALS_KEY
        ]
        headers = [str(c.label) for c in table.columns.values()]
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
