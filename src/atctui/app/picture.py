"""A view drawn as the app draws it, without a terminal: `atctui export --format svg`.

The app runs headless at the size asked, shows the tab with the query typed in its filter
bar (or the comparison of two meetings), waits for the rows, and takes its own
screenshot: the same picture as the export dialog's svg of that screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from atctui.app.main import AtcApp
from atctui.errors import Problem

if TYPE_CHECKING:
    from textual.pilot import Pilot

    from atctui.dataset import Dataset
    from atctui.settings import Settings
    from atctui.viewstate import Sort


class Picture(NamedTuple):
    """The SVG, and what the app found wrong with the settings (an unknown theme): said
    by the caller, not as a toast in the picture."""

    svg: str
    problems: list[Problem]


def view_svg(
    dataset: Dataset,
    view_name: str,
    query: str,
    size: tuple[int, int],
    *,
    settings: Settings | None = None,
    meetings: tuple[str, str] | None = None,
    sort: Sort | None = None,
    chart: bool = False,
) -> Picture:
    """The SVG screenshot of the app, `size` (columns, lines), showing `view_name`
    filtered by `query` and sorted by `sort`; with `meetings`, the Compare tab of those
    two; with `chart`, the tab's chart instead of its table. Runs the app headless until
    the screenshot is taken."""
    app = AtcApp(dataset, settings=settings)
    problems = list(app.settings_problems)
    app.settings_problems.clear()
    pictures: list[str] = []

    async def draw(pilot: Pilot[object]) -> None:
        """Show the tab, type the query, wait for the rows, take the screenshot, quit."""
        await pilot.pause()
        if meetings is not None:
            app.show_comparison(*meetings)
        else:
            app.show_tab(view_name)
        panel = app.current_panel
        assert panel is not None
        panel.state.sort = sort
        if query:
            panel.filter_input.value = query
            panel.apply_filter()
        elif sort is not None:
            panel.rebuild()
        await pilot.pause()
        panel.table.move_cursor(row=0, column=0)  # the first row's record, as on opening
        await pilot.pause()
        while panel.filtering_busy or not panel.built:  # a large view, built in a thread
            await app.workers.wait_for_complete()
            await pilot.pause()
        if chart:
            panel.toggle_chart()
            await pilot.pause()
        await pilot.pause()
        pictures.append(app.export_screenshot())
        app.exit()

    app.run(headless=True, size=size, auto_pilot=draw)
    if not pictures:
        raise RuntimeError("the app ended before its screenshot was taken")
    return Picture(pictures[0], problems)
