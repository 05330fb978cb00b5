"""The chart mode (v) driven through Pilot: the key shows the chart, arrows move between
marks and lanes, the detail pane follows the mark, the filter applies, at 40x12, 100x30
and 200x60."""

from __future__ import annotations

import pytest
from tests.helpers import SIZE, detail, imported_after, screen_lines, type_filter

from atctui.app.chart_view import ChartView
from atctui.app.help_screen import HelpScreen
from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.detail import describe


def chart_of(app: AtcApp) -> ChartView:
    panel = app.current_panel
    assert panel is not None and panel.chart_view is not None
    return panel.chart_view


def first_line_of(dataset: Dataset, key: str) -> str:
    """The detail pane's first line for a record: its heading."""
    return describe(dataset, key)[0].title or ""


@pytest.mark.parametrize("size", [(40, 12), SIZE, (200, 60)])
async def test_v_shows_the_chart_and_the_detail_follows_its_marks(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        await pilot.press("v")
        chart = chart_of(app)
        assert chart.display and app.focused is chart
        assert not app.current_panel.table.display  # type: ignore[union-attr]
        lines = screen_lines(app)
        assert any("│" in line and ("Heads" in line or "Head" in line) for line in lines)
        first = chart.current_key()
        assert first is not None
        assert first_line_of(dataset, first) in detail(app)
        # Right: the next mark of the lane, later in time; the detail follows.
        before = chart.current_mark()
        await pilot.press("right")
        after = chart.current_mark()
        assert before is not None and after is not None and after.start >= before.start
        assert after.key != before.key
        assert first_line_of(dataset, after.key) in detail(app)
        await pilot.press("h")
        assert chart.current_mark() == before
        # Down twice (j): the exercises' lane or a lane below the meetings'.
        lane = chart.lane
        await pilot.press("j", "down")
        assert chart.lane == lane + 2
        key = chart.current_key()
        assert key is not None and first_line_of(dataset, key) in detail(app)
        await pilot.press("k")
        assert chart.lane == lane + 1
        # End, then v: the table again, focused.
        await pilot.press("end")
        lane_marks = chart.chart.lanes[chart.lane].marks  # type: ignore[union-attr]
        assert chart.index == len(lane_marks) - 1
        await pilot.press("v")
        assert not chart.display and app.focused is app.current_panel.table


async def test_the_chart_draws_what_the_filter_keeps(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "kind:exercise")
        await pilot.press("enter", "v")
        chart = chart_of(app)
        assert chart.chart is not None
        assert [lane.label for lane in chart.chart.lanes] == ["Exercises"]
        # Filtering while the chart shows redraws it.
        await pilot.press("escape", "escape")
        assert app.focused is chart
        assert len(chart.chart.lanes) > 1
        assert any(line.startswith("Programs") for line in screen_lines(app))


async def test_the_participants_chart_counts_per_year(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2", "v")
        chart = chart_of(app)
        assert chart.chart is not None and chart.chart.name == "participants"
        mark = chart.current_mark()
        assert mark is not None and mark.key.startswith("participant:") and mark.count >= 1
        assert detail(app).startswith("Participant: ")
        await pilot.press("j")
        assert chart.current_key() == chart.chart.lanes[1].key
        assert dataset.participants[chart.chart.lanes[1].key.partition(":")[2]].name in detail(app)
        status = "\n".join(screen_lines(app)[-4:])
        assert "v table" in status


async def test_v_is_in_the_key_bar_and_the_help_and_nowhere_else(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "v Chart" in screen_lines(app)[-1]
        await pilot.press("3")
        assert "v Chart" not in screen_lines(app)[-1]
        await pilot.press("v")  # no chart of the exercises: the table stays
        assert app.current_panel is not None and app.current_panel.chart_view is None
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert any("the view as a chart" in line for line in screen_lines(app))


def test_the_first_screen_imports_no_chart() -> None:
    """The chart's modules are imported when v is first pressed, not at start."""
    code = (
        "import asyncio\n"
        "from atctui.loading import load\n"
        "from atctui.app.main import AtcApp\n"
        "async def main():\n"
        "    app = AtcApp(load())\n"
        "    async with app.run_test(size=(100, 30)) as pilot:\n"
        "        await pilot.pause()\n"
        "asyncio.run(main())"
    )
    found = imported_after(code, "atctui")
    assert "atctui.app.main" in found
    assert not [m for m in found if "chart" in m and m != "atctui.app.chart_mode"]
