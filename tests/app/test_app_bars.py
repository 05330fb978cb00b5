"""The tab bar and the key bar: what they show, read back from the screen, and clicks."""

from __future__ import annotations

import pytest
from tests.helpers import SIZE, screen_lines
from textual.widgets import Input

from atctui.app.bars import KeyBar, TabBar, fitting
from atctui.app.help_screen import HelpScreen
from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.settings import Settings


def key_bar_items(app: AtcApp) -> list[str]:
    """The key bar's items as drawn ("/ Filter"), read from the last line."""
    return [item.strip() for item in screen_lines(app)[-1].split("  ") if item.strip()]


async def test_the_tab_bar_names_each_tab_with_its_key_and_underlines_the_current(
    dataset: Dataset,
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        top = screen_lines(app)[0]
        assert top.startswith(" 1 Timeline  2 Participants  3 Exercises  4 Compare ")

        def underlined() -> str:
            """The labels above the underline's highlighted part."""
            bar = app.query_one(TabBar)
            colour = bar.get_component_rich_style("tab-bar--underline").color
            under = [app.screen.get_style_at(x, 1).color == colour for x in range(bar.size.width)]
            return "".join(ch for ch, on in zip(top, under, strict=False) if on).strip()

        assert underlined() == "1 Timeline"
        await pilot.press("3")
        assert underlined() == "3 Exercises"
        assert app.query_one(TabBar).active == "exercises" == app.current_tab


async def test_a_click_on_a_tab_shows_it_and_its_table_takes_keys(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        x = screen_lines(app)[0].index("Participants")
        await pilot.click(TabBar, offset=(x, 0))
        assert app.current_tab == "participants"
        assert app.focused is app.current_panel.table  # type: ignore[union-attr]
        await pilot.press("slash", "m", "o", "l")
        assert app.query_one("#panel-participants #filter", Input).value == "mol"
        # A click on the underline, or past the last tab, chooses nothing.
        await pilot.click(TabBar, offset=(x, 1))
        await pilot.click(TabBar, offset=(90, 0))
        assert app.current_tab == "participants"


async def test_the_key_bar_shows_the_keys_that_work_here(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        items = key_bar_items(app)
        assert items[:4] == ["/ Filter", "n Next", "N Prev", "s Sort"]
        assert "? Help" in items and items[-1] == "^p palette"
        assert "m Mark" not in items  # marking is for the matrix only
        assert "f Counts" not in items  # the counts are beside the Exercises only
        assert not any("Timeline" in item for item in items)  # the tab bar shows those
        await pilot.press("2")
        assert "m Mark" in key_bar_items(app)
        await pilot.press("3")
        assert "f Counts" in key_bar_items(app) and "m Mark" not in key_bar_items(app)


# 80 columns hold every key of the Timeline since the key bar leaves out the keys that do
# not act there (f Counts): the narrow widths are 40, 50 and 60.
@pytest.mark.parametrize("width", [40, 50, 60])
async def test_a_narrow_key_bar_leaves_keys_out_whole_and_keeps_help(
    dataset: Dataset, width: int
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(width, 30)):
        items = key_bar_items(app)
        wide = AtcApp(dataset)
        async with wide.run_test(size=SIZE):
            all_items = key_bar_items(wide)
        assert "? Help" in items
        assert set(items) <= set(all_items)  # none cut short
        assert len(items) < len(all_items)
        assert len(screen_lines(app)[-1]) == width


async def test_a_click_on_a_key_presses_it_and_hovering_tells_what_it_does(
    dataset: Dataset,
) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.query_one(KeyBar)
        x = screen_lines(app)[-1].index("s Sort")
        await pilot.hover(KeyBar, offset=(x, 0))
        assert bar.tooltip == "Sort by this column; again reverses"
        x = screen_lines(app)[-1].index("? Help")
        await pilot.click(KeyBar, offset=(x + 2, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_both_bars_show_the_users_own_keys(dataset: Dataset) -> None:
    settings = Settings(keys={"tab.exercises": "f3", "help": "f1"})
    app = AtcApp(dataset, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        assert "f3 Exercises" in screen_lines(app)[0]
        assert "f1 Help" in key_bar_items(app)
        await pilot.press("f3")
        assert app.current_tab == "exercises"


async def test_the_help_names_the_users_own_keys_and_wraps_under_its_column(
    dataset: Dataset,
) -> None:
    settings = Settings(keys={"filter": "ctrl+f", "next": "j"})
    app = AtcApp(dataset, settings=settings)
    async with app.run_test(size=(60, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        lines = screen_lines(app)
        filter_line = next(i for i, line in enumerate(lines) if "filter the current tab" in line)
        assert "^f" in lines[filter_line] and " / " not in lines[filter_line]
        assert "j N" in "\n".join(lines)  # next rebound, previous as it was
        # The description's second line starts under its first, not under the key.
        first = lines[filter_line].index("filter the current tab")
        wrapped = lines[filter_line + 1]
        assert wrapped[:first].strip("█▌▐ ") == "" and wrapped[first] != " "


def test_fitting_keeps_order_and_serves_the_kept_item_first() -> None:
    assert fitting([5, 5, 5], None, 15) == [0, 1, 2]
    assert fitting([5, 5, 5], None, 12) == [0, 1]
    assert fitting([5, 5, 5], 2, 12) == [0, 2]  # help (index 2) before the others
    assert fitting([5, 9, 3], None, 9) == [0, 2]  # a later short one still fits
    assert fitting([5, 5, 20], 2, 12) == [0, 1]  # a kept item that cannot fit is dropped


async def test_a_wide_key_bar_shows_the_other_live_keys_too(dataset: Dataset) -> None:
    """Before: even at 200 columns only / n s e y ? q, while N, Y, [ ], < > _ - + were
    live and never shown (new-user report 3, C12). The first keys keep their places
    in a narrow bar; the others fill the room that is left."""
    app = AtcApp(dataset)
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("2", "wait:100")
        wide = key_bar_items(app)
    for item in ("N Prev", "Y Copy record", "C Copy command", "S Save filter", "< Narrower",
                 "_ Fit", "m Mark", "x Columns", "o Source", "? Help", "q Quit"):  # fmt: skip
        assert item in wide, (item, wide)
    assert "[ Prev year" not in wide  # years step the Timeline and Exercises only
    app = AtcApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2", "wait:100")
        narrow = key_bar_items(app)
    assert {"/ Filter", "n Next", "s Sort", "e Export", "y Copy", "m Mark", "? Help"} <= set(narrow)
    assert "Y Copy record" not in narrow
