"""The app's comparison (m, m) and copy (y, Y) driven by keys, read back from the screen."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import SIZE, detail, rows, type_filter
from textual.widgets import Input, Select

from atctui.app.commands import available_commands
from atctui.app.main import AtcApp
from atctui.compare import compare, describe_compare
from atctui.dataset import Dataset
from atctui.detail import as_text, describe
from atctui.export import render
from atctui.loading import load


async def mark_x_and_xii(pilot) -> None:  # type: ignore[no-untyped-def]
    # Participants: columns 0 name, 1 kind, 2 X 2017, 3 XII 2019.
    await pilot.press("2", "right", "right", "m", "right", "m")


async def test_mark_two_meetings_to_compare_them(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert app.current_tab == "compare" and rows(app) == []
        status = str(app.query_one("#panel-compare #status").render())
        assert "press m on one meeting column" in status
        await mark_x_and_xii(pilot)
        await pilot.pause()
        assert app.current_tab == "compare"
        shown = rows(app)
        assert shown[0] == ["Moldova", "state", "left", "●", "·"]
        assert ["Armenia", "state", "stayed", "●", "●"] in shown
        assert len(shown) == len(compare(dataset, "X", "XII").rows)
        # The detail pane gives Moldova's evidence at both meetings.
        text = detail(app)
        assert "Moldova at the X 2017 meeting" in text and "“the Republic of Moldova”" in text
        assert "Not named: the source lists member states completely" in text
        status = str(app.query_one("#panel-compare #status").render())
        assert (
            "Compare X 2017 with XII 2019" in status and "Member states: 1 left, 9 stayed" in status
        )


async def test_the_comparison_filters_and_exports_like_any_view(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await mark_x_and_xii(pilot)
        await type_filter(pilot, "status:unknown kind:cis_body")
        await pilot.press("enter")
        assert [r[2] for r in rows(app)] == ["unknown"] * 5
        panel = app.current_panel
        assert panel is not None
        expected = compare(dataset, "X", "XII", "status:unknown kind:cis_body")
        assert panel.view.rows == expected.rows


async def test_m_on_the_same_column_unmarks_and_elsewhere_explains(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # the Timeline: nothing to mark
        assert app.marked_meeting is None
        await pilot.press("2", "m")  # the name column
        assert app.marked_meeting is None
        await pilot.press("right", "right", "m")
        assert app.marked_meeting == "x-2017"
        names = [name for name, _, _ in available_commands(app)]
        assert "Compare with the marked meeting" in names
        await pilot.press("m")
        assert app.marked_meeting is None and app.current_tab == "participants"


async def test_y_copies_the_view_as_its_text_export(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "moldova")
        await pilot.press("enter", "y")
        panel = app.current_panel
        assert panel is not None
        assert app.clipboard == render(panel.view, "text", [], SIZE[0])
        assert app.clipboard.startswith("Timeline — query: moldova")
        assert any("Copied" in (n.title or "") for n in app._notifications)


async def test_capital_y_copies_the_record_with_its_citations(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("Y")
        panel = app.current_panel
        assert panel is not None
        first = panel.view.rows[0].key
        assert app.clipboard == as_text(describe(dataset, first)) + "\n"
        assert "Sources" in app.clipboard
        await mark_x_and_xii(pilot)
        await pilot.press("Y")
        view = compare(dataset, "X", "XII")
        assert (
            app.clipboard == as_text(describe_compare(dataset, view, "participant:moldova")) + "\n"
        )
        assert "“the Republic of Moldova”" in app.clipboard


async def test_the_comparison_exports_from_the_dialog(dataset: Dataset, tmp_path: Path) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await mark_x_and_xii(pilot)
        await type_filter(pilot, "status:left")
        await pilot.press("enter")
        for fmt in ("csv", "toml"):
            await pilot.press("e")
            app.screen.query_one("#format", Select).value = fmt
            await pilot.pause()
            app.screen.query_one("#path", Input).value = str(tmp_path / f"diff.{fmt}")
            await pilot.press("ctrl+s", "wait:200")
    csv_text = (tmp_path / "diff.csv").read_text(encoding="utf-8")
    assert csv_text.splitlines() == [
        "id,Participant or agenda item,Kind,Change,X 2017,XII 2019",
        "participant:moldova,Moldova,state,left,●,·",
    ]
    # The TOML holds the records behind the rows: a dataset giving the same comparison.
    subset = load([tmp_path / "diff.toml"])
    assert (
        compare(subset, "X", "XII", "status:left").rows
        == compare(dataset, "X", "XII", "status:left").rows
    )
