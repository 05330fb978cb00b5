"""Browsing as VisiData users expect: a column cursor, sort and step on any column, columns
that fit, a pinned first column, and every terminal size usable."""

from __future__ import annotations

import re

import pytest
from tests.helpers import SIZE, detail, rows, screen_lines, type_filter

from atctui.app.detail_pane import DetailPane
from atctui.app.main import AtcApp
from atctui.dataset import Dataset

SIZES = [(40, 12), (80, 24), (120, 40), (200, 60)]


def status(app: AtcApp) -> str:
    return str(app.query_one(f"#panel-{app.current_tab} #status").render())


async def test_s_sorts_by_the_column_under_the_cursor_and_keeps_the_record(
    dataset: Dataset,
) -> None:
    """Before: `3 l l l s` said 'sorted by Exercise' (lists had no column cursor)."""
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "down", "down", "l", "l")
        before = detail(app)
        await pilot.press("s")
        assert "sorted by Host, ascending" in status(app)
        assert detail(app) == before  # the cursor stayed on its record
        hosts = [r[2] for r in rows(app)]
        filled = [h for h in hosts if h]
        assert filled == sorted(filled, key=str.casefold) and hosts[: len(filled)] == filled
        await pilot.press("s")
        assert "sorted by Host, descending" in status(app)
        hosts = [r[2] for r in rows(app)]
        filled = [h for h in hosts if h]
        # Empty cells last in both directions.
        assert filled == sorted(filled, key=str.casefold, reverse=True)
        assert hosts[: len(filled)] == filled


async def test_dates_sort_by_time_not_by_their_text(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l", "s")
        assert "sorted by Date, ascending" in status(app)
        order = [row.key for row in app.current_panel.view.rows]  # type: ignore[union-attr]
        exercises = {f"exercise:{e.id}": e for e in dataset.content.exercises}
        dates = [exercises[k].date for k in order]
        keys = [date.sort_key() for date in dates if date is not None]
        assert keys == sorted(keys)


async def test_n_steps_through_the_rows_a_filter_keeps(dataset: Dataset) -> None:
    """Before: `/ moldova enter` then n said 'No match.' on the Timeline."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await type_filter(pilot, "moldova")
        await pilot.press("enter")
        shown = rows(app)
        assert len(shown) >= 3
        first = detail(app)
        await pilot.press("n")
        assert app.current_panel is not None and app.current_panel.table.cursor_row == 1
        assert detail(app) != first
        await pilot.press("N", "N")
        assert app.current_panel.table.cursor_row == len(shown) - 1  # wrapped round


def headers(app: AtcApp) -> str:
    """The table's header line as drawn."""
    lines = screen_lines(app)
    return next(line for line in lines if line.startswith((" Participant ", " Date ")))


def header_cells(line: str) -> list[str]:
    """The matrix's header cells as drawn, after the pinned name and kind, up to the
    detail pane's border."""
    table = line.split("│")[0]
    assert re.match(r" Participant +Kind ", table), table  # the pinned columns
    return [cell for cell in re.split(r"\s{2,}", table.strip())[2:] if cell]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_cut_header_never_names_another_meeting(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    """Before: the XVIII 2025 column's header read 'XV' or 'XVII'. The matrix is wider than
    the screen: at every step of the cursor across it, a header is whole, or cut with '…'
    (at the right edge), or the tail the scrolled left edge leaves; never a bare numeral or
    another column's label."""
    app = AtcApp(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await pilot.pause()
        panel = app.current_panel
        assert panel is not None
        labels = [c.label for c in panel.view.columns[2:]]  # the meetings, then Total
        numerals = {label.split()[0].rstrip("*") for label in labels[:-1]}
        seen: set[str] = set()
        for _ in labels:
            await pilot.press("right")
            await pilot.pause()
            cells = header_cells(headers(app))
            # The columns drawn are consecutive: the first whole header places them all.
            first = next(at for at, cell in enumerate(cells) if cell in labels)
            for at, cell in enumerate(cells):
                label = labels[labels.index(cells[first]) - first + at]
                own = label.split()[0].rstrip("*")
                if at == len(cells) - 1 and cell.endswith("…"):  # cut at the right edge
                    assert label.startswith(cell[:-1]), (cell, label)
                    part = cell[:-1].split()[0].rstrip("*") if cell[:-1].strip() else ""
                elif at == 0 and cell != label:  # the tail the scrolled left edge leaves
                    assert label.endswith(cell), (cell, label)
                    part = cell.split()[0].rstrip("*")
                else:
                    assert cell == label, (cell, label, cells)
                    seen.add(cell)
                    continue
                # A cut never reads as another meeting: 'XV' or 'XVII' of 'XVIII 2025'.
                assert part == own or part not in numerals, (cell, label, cells)
        assert {"X 2017", "XII 2019", "XIII* 2020", "XVIII 2025", "XVII 2024"} <= seen


async def test_the_matrix_scrolls_beside_the_detail_pane_with_the_name_pinned(
    dataset: Dataset,
) -> None:
    """Before, with four meetings: all of them and the Total fitted beside the detail pane.
    Twenty-one meetings do not: the meeting columns scroll sideways, the name and kind stay
    pinned, and the column under the cursor is always drawn whole, the Total included."""
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.query_one(DetailPane).display
        panel = app.current_panel
        assert panel is not None
        labels = [c.label for c in panel.view.columns[2:]]
        assert len(labels) == 24 and labels[-1] == "Total"
        assert not set(labels) <= set(header_cells(headers(app)))  # they do not all fit
        await pilot.press("right")  # to Kind
        for label in labels:
            await pilot.press("right")
            await pilot.pause()
            line = headers(app)
            assert app.query_one(DetailPane).display and "│" in line  # the pane stays
            assert label in header_cells(line), (label, line)  # header_cells: name pinned
        assert panel.table.cursor_column == len(panel.view.columns) - 1


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_an_exercise_date_is_never_cut(dataset: Dataset, size: tuple[int, int]) -> None:
    """Before: '31 May 2016–2 Jun 201' (the Exercises list was squeezed beside its counts)."""
    app = AtcApp(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        dates = [r[1] for r in rows(app)]
        panel = app.current_panel
        assert panel is not None
        assert panel.table.columns[1].width >= max(len(d) for d in dates)
        drawn = "\n".join(screen_lines(app))
        for date in dates[:8]:  # the first rows, on screen at either size
            assert re.search(rf"\b{re.escape(date)}(\s|$)", drawn), date
        panel.table.move_cursor(row=dates.index("31 May–2 Jun 2016"))
        await pilot.pause()
        row = next(line for line in screen_lines(app) if line.startswith(" Cyber-Antiterror"))
        assert "31 May–2 Jun 2016" in row  # in the table's row, not only the detail


async def test_the_key_bar_offers_counts_only_beside_the_exercises(dataset: Dataset) -> None:
    """Before: 'f Counts' on every tab, where it only said 'go to tab 3'."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        for tab, shown in (("1", False), ("2", False), ("4", False), ("3", True)):
            await pilot.press(tab)
            await pilot.pause()
            assert ("f Counts" in screen_lines(app)[-1]) is shown, tab


async def test_columns_fit_narrow_widen_hide_and_show(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        panel = app.current_panel
        assert panel is not None
        table = panel.table
        width = table.scrollable_content_region.width
        assert sum(c.width + 2 for c in table.columns) <= width  # fits: no sideways scroll
        await pilot.press("l", "l", "l")  # the Title column
        title = table.columns[3].width
        await pilot.press("greater_than_sign", "greater_than_sign")
        assert table.columns[3].width == title + 2
        await pilot.press("less_than_sign")
        assert table.columns[3].width == title + 1
        await pilot.press("underscore")  # fitted to its widest value
        widest = max(len(r[3]) for r in rows(app))
        assert table.columns[3].width == widest
        await pilot.press("underscore")  # at its widest: back to what fits
        assert table.columns[3].width == title
        await pilot.press("minus")
        assert [c.label for c in table.columns][3:] == ["Place"]
        assert "Title" not in panel.view.title and len(panel.view.columns) == 4
        await pilot.press("plus")
        assert len(panel.view.columns) == 5


async def test_a_hidden_column_is_left_out_of_the_export(dataset: Dataset) -> None:
    from atctui.export import render

    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l", "l", "minus")  # hides Host
        panel = app.current_panel
        assert panel is not None
        csv = render(panel.view, "csv")
        assert csv.splitlines()[0] == (
            "id,Exercise,Date,Place,Stages,Status,Meeting,Took part,Flags,name_en,name_ru"
        )


async def test_the_first_column_stays_while_the_rest_scroll(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(60, 24)) as pilot:
        await pilot.press("3", "end")  # to the last row
        for _ in range(8):
            await pilot.press("l")
        line = next(line for line in screen_lines(app) if line.startswith(" Exercise"))
        assert "Flags" in line  # scrolled to the last column, the name still beside it


async def test_d_gives_the_table_the_whole_width_and_back(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        pane = app.query_one(DetailPane)
        table = app.current_panel.table  # type: ignore[union-attr]
        narrow = table.size.width
        await pilot.press("d")
        await pilot.pause()
        assert not pane.display and table.size.width > narrow
        await pilot.press("2", "1")  # kept for the session, across tabs
        assert not pane.display
        await pilot.press("d")
        await pilot.pause()
        assert pane.display and table.size.width == narrow


@pytest.mark.parametrize("size", SIZES)
async def test_every_size_is_usable(dataset: Dataset, size: tuple[int, int]) -> None:
    """The tab bar on one line, every tab, enter into the detail pane and back, the help."""
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        for tab in "1234":
            await pilot.press(tab)
            await pilot.pause()
            lines = screen_lines(app)
            assert lines[1].startswith("━")  # the tab bar took one line: no wrap
            names = lines[0]
            assert all(key in names for key in ("1", "2", "3", "4"))
        await pilot.press("1", "enter")
        await pilot.pause()
        pane = app.query_one(DetailPane)
        assert pane.display and app.focused is pane
        assert "Format:" in "\n".join(screen_lines(app))  # the record is on screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.current_panel.table  # type: ignore[union-attr]
        await pilot.press("question_mark")
        await pilot.pause()
        assert "atctui help" in "\n".join(screen_lines(app))
        await pilot.press("escape")
        assert app.return_code is None


async def test_a_small_terminal_shows_one_thing_at_a_time(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(40, 12)) as pilot:
        pane = app.query_one(DetailPane)
        assert not pane.display  # the table alone
        await pilot.press("enter")
        await pilot.pause()
        assert pane.display and not app.query_one("#tabs").display  # the pane over it
        await pilot.press("enter")
        await pilot.pause()
        assert not pane.display and app.query_one("#tabs").display


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_pinned_column_fitted_wide_leaves_room_for_the_others(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    """Before: `_` on the matrix's Participant column made it as wide as its longest
    name, wider than the table: no other column was drawn, and the cursor moved into
    columns never shown."""
    app = AtcApp(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "d", "underscore", "wait:100")
        panel = app.current_panel
        assert panel is not None
        table = panel.table
        header = table.render_line(0).text
        assert "Kind" in header
        for _ in range(3):  # the cursor's meeting column is drawn as the cursor moves
            await pilot.press("l", "wait:50")
            label = table.columns[table.cursor_column].label
            assert label.split()[0] in table.render_line(0).text, label


async def test_a_filter_value_no_row_can_have_is_pointed_at(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "kind:zzz")
        text = "\n".join(screen_lines(app))
        assert "no kind 'zzz' on the Exercises tab; kind: takes exercise" in text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_long_status_line_is_cut_and_the_legend_stays(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    """Before: the status line wrapped onto the legend's line and pushed it out of the
    panel (new-user report 3, C13)."""
    app = AtcApp(dataset)
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "host:kyrgyzstan")
        await pilot.press("enter", "l", "l", "s", "wait:100")
        text = "\n".join(screen_lines(app))
        assert "Flags: * inferred" in text
        assert "4 of 24 rows" in text


async def test_f_says_to_hide_the_detail_pane_when_that_makes_room(dataset: Dataset) -> None:
    """Before: at 120 columns f said 'Widen the terminal', when d was enough (new-user
    report 3, C5)."""
    app = AtcApp(dataset)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "f", "wait:100")
        messages = [n.message for n in app._notifications]
        assert messages[-1] == "Hide the detail pane (d) to see the counts by host and year."
        await pilot.press("d", "f", "wait:100")
        focused = app.focused
        assert focused is not None and str(focused.id).startswith("freq-")
