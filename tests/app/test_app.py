"""The app driven as a user drives it: keys pressed, screen read back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rich.cells import cell_len
from tests.helpers import SIZE, detail, rows, screen_lines, type_filter
from textual.pilot import Pilot
from textual.widgets import Input, Static

from atctui.app.commands import available_commands
from atctui.app.detail_pane import DetailPane
from atctui.app.main import AtcApp
from atctui.app.view_panel import ViewPanel
from atctui.app.virtual_table import ViewTable
from atctui.dataset import Dataset
from atctui.loading import load
from atctui.views import build

TIMELINE_ROWS = 70  # 23 meetings, 24 exercises, 10 programs, 5 "since" facts, 5 events, 3 terms


@pytest.fixture
def app(dataset: Dataset) -> AtcApp:
    return AtcApp(dataset)


async def test_tabs_switch_with_number_keys(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        assert app.current_tab == "timeline"
        assert len(rows(app)) == TIMELINE_ROWS
        await pilot.press("2")
        assert app.current_tab == "participants"
        assert rows(app)[0][:2] == ["Armenia", "state"]
        await pilot.press("3")
        assert app.current_tab == "exercises"
        names = [r[0] for r in rows(app)]
        assert (
            len(names) == 24
            and names[0] == "South-Antiterror"
            and names[-1] == "CIS-SCO joint exercise"
        )
        assert "Caspian-Antiterror" in names and "Ararat-Anti-Terror – 2019" in names


async def test_which_meetings_did_moldova_attend(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "participant:moldova kind:meeting")
        # Sessions of the other formats are led by their labels, as the matrix heads them.
        assert [r[3][:6] for r in rows(app)] == [
            "Assemb", "X 2017", "XIII* ", "XIV 20", "Reps A", "Reps S",
        ]  # fmt: skip
        status = str(app.query_one("#panel-timeline #status", Static).content)
        assert status.startswith(f"6 of {TIMELINE_ROWS} rows")
        await pilot.press("escape")  # back to the table, filter kept
        assert isinstance(app.focused, ViewTable)
        assert len(rows(app)) == 6
        await pilot.press("escape")  # clears
        assert len(rows(app)) == TIMELINE_ROWS


async def test_cis_bodies_at_the_2019_meeting_and_a_cell_quote(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "kind:cis_body year:2019")
        await pilot.press("enter")
        table = rows(app)
        attended = [r[0] for r in table if r[2] == "●"]
        assert len(attended) == 9 and "Interstate Aviation Committee" in attended
        assert table[-1][0] == "Participants per meeting" and table[-1][2] == "9"
        # Move to the Coordinating Council of Prosecutors General, column XII 2019.
        names = [r[0] for r in table]
        await pilot.press(*["down"] * names.index("Coordinating Council of Prosecutors General"))
        await pilot.press("right", "right")
        text = detail(app)
        assert "Coordinating Council of Prosecutors General at the XII 2019 meeting" in text
        assert "As written in the source: Coordination Council of the Prosecutor Generals" in text
        assert "“Coordination Council of the Prosecutor Generals”" in text


async def test_absent_and_unknown_cells_say_why(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "moldova")
        await pilot.press("enter", *["right"] * 16)  # column XII 2019
        assert "Moldova at the XII 2019 meeting" in detail(app)
        assert "Not named: the source lists member states completely" in detail(app)
        await pilot.press(*["right"] * 7)  # column XVIII 2025
        assert "Moldova at the XVIII 2025 meeting" in detail(app)
        assert "Unknown: The source counts 9 member states but names 8" in detail(app)
        # The meeting's contradiction (9 states counted, 8 named) is on its record: the
        # cell gives it as the reason, not as a note about Moldova.
        assert "CONTRADICTION" not in detail(app)


async def test_exercise_in_tajikistan_and_its_source(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "host:tajikistan year:2025")
        await pilot.press("enter")
        assert [r[:3] for r in rows(app)] == [
            ["Commonwealth-Antiterror - 2025", "7–24 Oct 2025", "Tajikistan"]
        ]
        assert "in October 2025 on the territory of the Republic of Tajikistan" in detail(app)
        assert "final stage 24 Oct 2025, Fakhrabad" in detail(app)


async def test_bad_query_shows_where_and_keeps_rows(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "moldova")
        assert len(rows(app)) == 14
        # Every keystroke filters: "moldova cty" is the last good query before the colon.
        await pilot.press(*list(" cty:x"), "wait:300")
        error = app.query_one("#panel-timeline #query-error", Static)
        assert error.display
        assert "        ^ unknown field 'cty' (did you mean 'city'?)" in str(error.content)
        last_good = [list(r.cells) for r in build("timeline", app.dataset, "moldova cty").rows]
        assert rows(app) == last_good
        await pilot.press("backspace", "backspace", "backspace", "backspace", "wait:300")
        assert not error.display and len(rows(app)) == 14  # "moldova c": valid again


def _under_the_caret(lines: list[str]) -> str:
    """The character of the filter bar that the error line's `^` stands under, in cells."""
    caret = next((i for i, line in enumerate(lines) if "^ " in line), None)
    if caret is None:
        return ""
    column = cell_len(lines[caret][: lines[caret].index("^")])
    at = 0
    for char in lines[caret - 1]:
        if at == column:
            return char
        at += cell_len(char)
    return ""


@pytest.mark.parametrize(
    ("query", "fault"),
    [
        ("moldova cty:x", "c"),
        ("has:foo", "f"),
        ("中文漢字 colour:red", "c"),  # two cells a character
        ("x " * 60 + "year:20x", "y"),  # longer than the bar: it scrolls
    ],
)
async def test_the_caret_stands_under_the_fault(app: AtcApp, query: str, fault: str) -> None:
    """Before, the caret stood one cell left of the fault (the bar's text starts after its
    padding) and counted characters, not cells."""
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await type_filter(pilot, query)
        assert app.query_one("#panel-timeline #query-error", Static).display
        assert _under_the_caret(screen_lines(app)) == fault


async def test_the_caret_follows_the_filter_bar_as_it_scrolls(app: AtcApp) -> None:
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await type_filter(pilot, "x " * 60 + "year:20x")
        await pilot.press("home")
        await pilot.pause()
        lines = screen_lines(app)
        error = next(line for line in lines if "is not a year" in line)
        assert error.lstrip().startswith("▸ year:20x")  # the fault is off the bar's right
        await pilot.press("end")
        await pilot.pause()
        assert _under_the_caret(screen_lines(app)) == "y"


async def test_sort_and_reverse(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3", "s")
        assert rows(app)[0][0] == "Ala-Too-Antiterror"
        await pilot.press("s")
        assert rows(app)[0][0] == "Zhetysu-Antiterror"


async def test_n_jumps_to_next_attended_cell(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "moldova")
        await pilot.press("enter", "n")
        table = app.current_panel.table  # type: ignore[union-attr]
        # Assembly May 2016, past unknown cells (III, IV*, VI*, SAC Sep 2013, VIII*)
        assert table.cursor_coordinate == (0, 7)
        await pilot.press("n")
        assert table.cursor_coordinate == (0, 9)  # X 2017
        await pilot.press("n")
        assert table.cursor_coordinate == (0, 17)  # XIII* 2020, past unknown and absent cells
        await pilot.press("N")
        assert table.cursor_coordinate == (0, 9)


async def test_year_jumps_and_n_in_lists(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        panel = app.current_panel
        assert panel is not None
        table = panel.table
        first_years = [r.facts.years[0] for r in panel.view.rows if r.facts.years]
        distinct = sorted(set(first_years))
        for year in distinct[1:6]:
            await pilot.press("right_square_bracket")
            assert first_years[table.cursor_row] == year
            assert first_years.index(year) == table.cursor_row  # the first row of that year
        await pilot.press("left_square_bracket")
        assert first_years[table.cursor_row] == distinct[4]
        await type_filter(pilot, "moscow")
        await pilot.press("enter", "g")
        first = table.cursor_row
        await pilot.press("n")
        assert table.cursor_row == first + 1
        assert "Moscow" in " ".join(rows(app)[table.cursor_row])


async def test_frequency_rows_filter_the_exercises(app: AtcApp) -> None:
    # Wide enough for the counts beside the list and the detail pane (since #18 the counts
    # give way to the list's columns below that).
    async with app.run_test(size=(200, 40)) as pilot:
        await pilot.press("3", "f")
        assert app.focused is not None and app.focused.id == "freq-host"
        await pilot.press("enter", "wait:100")
        assert [r[2] for r in rows(app)] == ["Tajikistan"] * 5
        assert app.current_panel.filter_input.value == 'host:"Tajikistan"'  # type: ignore[union-attr]
        await pilot.press("f", "f", "down", "enter", "wait:100")  # the year table: 2004
        assert [(r[0], r[1]) for r in rows(app)] == [("Anti-Terror 2004", "9–25 Mar 2004")]


async def test_counts_hide_when_the_list_would_be_cramped(app: AtcApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3")
        assert not app.query_one("#freq").display
        await pilot.press("f")
        assert isinstance(app.focused, ViewTable) and app.focused.id == "table"
        assert any("Widen the terminal" in n.message for n in app._notifications)
        await pilot.resize_terminal(80, 24)  # stacked: 80 columns still too few
        await pilot.pause()
        assert not app.query_one("#freq").display
        await pilot.resize_terminal(130, 30)
        await pilot.press("d")  # the detail pane hidden: the list has the whole width
        await pilot.pause()
        assert app.query_one("#freq").display
        await pilot.press("F")  # and the counts may be hidden too
        await pilot.pause()
        assert not app.query_one("#freq").display


async def test_help_screen(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert app.screen.__class__.__name__ == "HelpScreen"
        drawn = "\n".join(screen_lines(app))
        assert "atctui help" in drawn and "switch to Timeline" in drawn
        help_box = app.screen.query_one("#help-box")
        help_box.scroll_end(animate=False)
        await pilot.pause()
        drawn = "\n".join(screen_lines(app))
        assert "participant:moldova" in drawn and "Flags: * inferred" in drawn
        await pilot.press("escape")
        assert app.screen.__class__.__name__ == "MainScreen"


async def _help_text(app: AtcApp, pilot: Pilot[None]) -> str:
    """All of the help as the screen shows it inside its box, read a box-full at a time,
    the lines joined so that a value wrapped over two lines reads as one."""
    await pilot.press("question_mark")
    await pilot.pause()
    box = app.screen.query_one("#help-box")
    inside = box.content_region
    seen: dict[int, str] = {}  # by line of the help
    while True:
        lines = screen_lines(app)
        for row in range(inside.height):
            line = lines[inside.y + row] if inside.y + row < len(lines) else ""
            seen[round(box.scroll_y) + row] = line[inside.x : inside.right]
        if box.scroll_y >= box.max_scroll_y:
            break
        box.scroll_to(y=min(box.scroll_y + inside.height, box.max_scroll_y), animate=False)
        await pilot.pause()
    return " ".join(" ".join(seen[i] for i in sorted(seen)).split())


async def test_the_help_lists_the_values_of_kind_status_and_has(app: AtcApp) -> None:
    """Before, the help named a few kinds and no status of Compare, nor any short kind."""
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        shown = await _help_text(app, pilot)
    for value in ("cis_body", '"CIS body"', '"intl org"', "state", "since", "sideline",
                  "joined", "stayed", "only", "planned", "uncertain", "contradiction"):  # fmt: skip
        assert value in shown, value
    from atctui.vocabulary import field_values, typed  # the values as the code defines them

    for field, where, groups in field_values():
        assert f"{where}:" in shown, (field, where)
        for group in groups:
            for value in group:
                assert typed(value) in shown, (field, value)


async def test_palette_offers_only_applicable_commands(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        names = [c[0] for c in available_commands(app)]
        assert "Show Timeline" not in names and "Show Participants" in names
        assert "Clear the filter" not in names
        await type_filter(pilot, "moldova")
        names = [c[0] for c in available_commands(app)]
        assert "Clear the filter" in names
        await pilot.press("ctrl+p", *list("clear the filter"), "wait:300", "enter", "wait:100")
        assert len(rows(app)) == TIMELINE_ROWS


async def test_export_from_the_app_equals_the_cli(app: AtcApp, tmp_path: Path) -> None:
    out = tmp_path / "moldova.txt"
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "participant:moldova")
        await pilot.press("enter", "e")
        path_input = app.screen.query_one("#path", Input)
        assert path_input.value.startswith("atctui-timeline-") and path_input.value.endswith(".txt")
        path_input.value = str(out)
        await pilot.press("ctrl+s", "wait:100")
        assert out.exists()
        # A second export to the same path asks instead of overwriting.
        out.write_text("mine", encoding="utf-8")
        await pilot.press("e")
        app.screen.query_one("#path", Input).value = str(out)
        await pilot.press("ctrl+s", "wait:100")
        assert "exists" in str(app.screen.query_one("#export-message", Static).content)
        assert out.read_text(encoding="utf-8") == "mine"
        await pilot.click("#overwrite")
        await pilot.pause()
    cli = subprocess.run(
        [sys.executable, "-m", "atctui", "export", "timeline", "-q", "participant:moldova", "--width", "100"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert out.read_text(encoding="utf-8") == cli.stdout


async def test_markup_and_escapes_in_data_are_shown_literally(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.toml"
    hostile.write_text(
        '[[sources]]\nid = "s"\nkind = "source_text"\nfile = "x.txt"\n'
        '[[participants]]\nid = "p"\nname = "[bold]Bold[/] \\u001b[31mred [/]"\nkind = "member_state"\n'
        'citations = [{ source = "s", quote = "[link=http://x]q[/link]" }]\n',
        encoding="utf-8",
    )
    app = AtcApp(load([hostile]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        assert rows(app)[0][0] == "[bold]Bold[/] \\x1b[31mred [/]"
        await pilot.press("down", "up")
        assert "[link=http://x]q[/link]" in detail(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (200, 60)])
async def test_small_and_large_terminals(app: AtcApp, size: tuple[int, int]) -> None:
    async with app.run_test(size=size) as pilot:
        await pilot.press("2", "down", "right", "3", "1")
        assert len(rows(app)) == TIMELINE_ROWS
        detail_pane = app.query_one("#detail")
        assert detail_pane.display is (size[1] >= 16)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.query_one("#detail").display


async def test_panels_show_the_pure_views_and_fill_when_first_shown(dataset: Dataset) -> None:
    from atctui.views import build

    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        exercises = app.query_one("#panel-exercises", ViewPanel)
        # Hidden tabs are neither built nor given widgets at start-up.
        assert not exercises.populated and not exercises.children
        assert len(app.query(ViewTable)) == 1
        # Asked for before it is shown (a key right behind a tab click), it is made.
        assert isinstance(app.query_one("#panel-compare", ViewPanel).filter_input, Input)
        await pilot.press("3")
        assert exercises.populated and exercises.view.rows == build("exercises", dataset).rows
        assert exercises.table.row_count == 24
        await pilot.click("#tab-bar", offset=(20, 0))  # by mouse: on "Participants"
        assert app.query_one("#panel-participants", ViewPanel).table.row_count == 55


async def test_keys_typed_in_one_burst_behind_a_tab_key_reach_its_new_widgets(
    app: AtcApp,
) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        # As a terminal delivers a fast typist's keys: all queued before any is handled,
        # while the tab they go to has no widgets yet.
        for key in ["2", "slash", "m", "o", "l", "d", "3"]:
            app.post_message(events.Key(key, "/" if key == "slash" else key))
        await pilot.pause()
        panel = app.query_one("#panel-participants", ViewPanel)
        # "mold3": the digit typed in the filter is the filter's, not a tab key
        assert app.current_tab == "participants" and panel.filter_input.value == "mold3"
        await pilot.press("backspace", "enter")
        names = [r[0] for r in rows(app)]
        assert names[0] == "Moldova" and "Armenia" not in names


@pytest.mark.parametrize(
    ("keys", "typed"),
    [
        (["a", "b", "c", "ctrl+u", "m", "o", "l"], "mol"),
        (["a", "b", " ", "c", "d", "ctrl+w", "m", "o"], "ab mo"),
        (["m", "o", "l", "x", "backspace", "d"], "mold"),
        (["m", "o", "l", "home", "ctrl+k", "x"], "x"),
    ],
)
async def test_an_editing_key_in_a_burst_acts_in_its_place_among_the_keys(
    app: AtcApp, keys: list[str], typed: str
) -> None:
    """Before: '/', ctrl+u, 'moldova' in one read left the filter empty: ctrl+u's binding
    acted once the key had bubbled up to the app, after the letters behind it."""
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        for key in keys:  # all queued before any is handled, as a terminal delivers them
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        await pilot.pause()
        panel = app.current_panel
        assert panel is not None and panel.filter_input.value == typed


async def test_a_large_view_filters_in_a_thread_and_the_newest_keystroke_wins(
    app: AtcApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import atctui.app.view_panel as view_panel

    monkeypatch.setattr(view_panel, "SYNC_FILTER_WORK", 10)  # the bundled data counts as large
    async with app.run_test(size=SIZE) as pilot:
        panel = app.current_panel
        assert panel is not None
        built: list[tuple[str, str]] = []  # (thread, query) of each filter run
        release = threading.Event()
        original = panel.state.build

        def slow_build(dataset, query=None):  # type: ignore[no-untyped-def]
            built.append((threading.current_thread().name, str(getattr(query, "text", query))))
            release.wait(10)  # the first filter runs until the test lets it finish
            return original(dataset, query)

        monkeypatch.setattr(panel.state, "build", slow_build)
        await pilot.press("slash", *"moldova")  # seven keystrokes while the first one runs
        await pilot.pause()
        status = str(app.query_one("#panel-timeline #status").render())
        assert "filtering…" in status
        assert built == [(built[0][0], "m")]  # one filter at a time
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        # The first ran, its result was dropped; of the six typed meanwhile only the newest ran.
        assert [q for _, q in built] == ["m", "moldova"]
        assert all(name != "MainThread" for name, _ in built)
        expected = [list(r.cells) for r in build("timeline", app.dataset, "moldova").rows]
        assert panel.view.query == "moldova" and rows(app) == expected and len(expected) >= 3
        status = str(app.query_one("#panel-timeline #status").render())
        assert f"{len(expected)} of {TIMELINE_ROWS} rows" in status and "filtering" not in status
        # A result that arrives after a newer filter was asked for is dropped.
        old, stale = panel.view, panel.runner.generation
        panel.filter_input.value = "exercise"
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel.runner._finished(old, stale)
        assert panel.view.query == "exercise" and len(rows(app)) > len(expected)


async def test_a_narrower_filter_after_scrolling_shows_its_rows(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("G")  # the last row: the table is scrolled down
        await pilot.pause()
        panel = app.current_panel
        assert panel is not None and panel.table.scroll_y > 0
        await type_filter(pilot, "moldova")
        await pilot.press("enter")
        table = panel.table
        shown = rows(app)
        assert len(shown) == 14 and table.cursor_row <= 13
        drawn = [table.render_line(y).text for y in range(1, len(shown) + 1)]
        # Each row drawn where it belongs: its date, and its title as far as the column shows it.
        assert all(
            row[0] in line and row[3][:8] in line for row, line in zip(shown, drawn, strict=True)
        ), drawn


@pytest.mark.parametrize("key", ["enter", "escape"])
async def test_a_key_typed_right_after_enter_or_esc_goes_to_the_table(
    app: AtcApp, key: str
) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"moldova")
        panel = app.current_panel
        assert panel is not None and app.focused is panel.filter_input
        # As a terminal delivers "enter y" typed quickly: both keys are in the app's queue
        # before either is handled; y must reach the table (copy), not the filter bar.
        app.post_message(events.Key(key, None))
        app.post_message(events.Key("y", "y"))
        await pilot.pause()
        await pilot.pause()
        assert panel.filter_input.value == "moldova"
        focused: object = app.focused  # moved since the check above
        assert focused is panel.table
        assert app.clipboard.startswith("Timeline — query: moldova")
        await pilot.press("slash", *"xyzzy", "enter")
        assert rows(app) == [] and detail(app).startswith("No rows match the filter.")


async def test_a_key_typed_right_after_a_tab_key_goes_to_that_tab(app: AtcApp) -> None:
    from textual import events

    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.post_message(events.Key("2", "2"))  # as "2l" typed quickly arrives
        app.post_message(events.Key("l", "l"))
        await pilot.pause()
        await pilot.pause()
        panel = app.current_panel
        assert panel is not None and panel.view_name == "participants"
        assert app.focused is panel.table and panel.table.cursor_column == 1


def pane_lines(app: AtcApp) -> list[str]:
    """The detail pane's text lines as drawn on the screen."""
    pane = app.query_one(DetailPane)
    region = pane.scrollable_content_region
    lines = screen_lines(app)
    return [line[region.x : region.right].rstrip() for line in lines[region.y : region.bottom]]


async def test_the_detail_pane_wraps_scrolls_and_lets_the_mouse_select(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await type_filter(pilot, "kind:meeting meeting:xviii")
        await pilot.press("enter")  # to the table
        assert detail(app).startswith("Meeting: XVIII")
        pane = app.query_one(DetailPane)
        width = pane.scrollable_content_region.width
        # Wrapped at the pane's width: the words of the text, in order, none cut off.
        first_lines = pane_lines(app)
        assert all(len(line) <= width for line in first_lines)
        words = " ".join(first_lines).split()
        assert words == detail(app).split()[: len(words)]
        assert pane.virtual_size.height > pane.scrollable_content_region.height
        await pilot.press("enter")  # into the detail pane
        assert pane.has_focus
        await pilot.press("pagedown", "wait:100")
        assert pane.scroll_y > 0 and pane_lines(app) != first_lines
        await pilot.press("end")
        await pilot.pause()
        assert " ".join(pane_lines(app)).split()[-4:] == detail(app).split()[-4:]
        # The mouse selects the text under it, as in any text widget.
        await pilot.press("home")
        await pilot.pause()
        await pilot.mouse_down(DetailPane, offset=(2, 0))
        await pilot.hover(DetailPane, offset=(12, 0))
        await pilot.mouse_up(DetailPane, offset=(12, 0))
        await pilot.pause()
        assert app.screen.get_selected_text() == detail(app)[:11]  # from x 0 to 10 of the text
        await pilot.press("ctrl+c")
        assert app.clipboard == detail(app)[:11]
        await pilot.press("enter")  # back to the table
        assert isinstance(app.focused, ViewTable)


async def test_the_detail_pane_follows_the_cursor_while_hidden(app: AtcApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        first = detail(app)
        await pilot.resize_terminal(100, 12)  # too short: the pane is hidden
        await pilot.pause()
        assert not app.query_one(DetailPane).display
        await pilot.press("down", "down", "down")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert detail(app) != first
        words = " ".join(pane_lines(app)).split()
        assert words and words == detail(app).split()[: len(words)]


async def test_a_large_tab_is_built_in_a_thread_when_first_shown(
    app: AtcApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import atctui.app.view_panel as view_panel

    monkeypatch.setattr(view_panel, "SYNC_FILTER_WORK", 10)  # the bundled data counts as large
    async with app.run_test(size=SIZE) as pilot:
        # The first screen waits for its rows: they are on it.
        assert len(rows(app)) == TIMELINE_ROWS
        matrix = app.query_one("#panel-participants", ViewPanel)
        release = threading.Event()
        threads: list[str] = []
        original = matrix.state.build

        def slow_build(dataset, query=None):  # type: ignore[no-untyped-def]
            threads.append(threading.current_thread().name)
            release.wait(10)
            return original(dataset, query)

        monkeypatch.setattr(matrix.state, "build", slow_build)
        await pilot.press("2")
        await pilot.pause()
        # The keys still work while the matrix is built: the tab bar answers at once.
        assert app.current_tab == "participants" and rows(app) == []
        assert "building the view…" in str(app.query_one("#panel-participants #status").render())
        await pilot.press("1")
        assert app.current_tab == "timeline"
        await pilot.press("2", "s", "right", "right")  # sort and move before any column exists
        # Every other key on the empty table is harmless (the app would stop on an error).
        await pilot.press("n", "N", "[", "]", "m", "y", "Y", "f", "enter", "enter", "g", "G")
        await pilot.press("e", "escape")
        await pilot.press("slash", *"mold", "enter")
        release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert threads and all(name != "MainThread" for name in threads)
        # The newest request won: the filter typed meanwhile, sorted by the first column.
        assert [r[0] for r in rows(app)] == ["Moldova", "Participants per meeting"]
        status = str(app.query_one("#panel-participants #status").render())
        assert "building" not in status and "filter: mold" in status
        assert "sorted by Participant, ascending" in status


@pytest.mark.parametrize("size", [(100, 30), (40, 12)], ids=["100x30", "40x12"])
async def test_the_empty_filter_bar_reads_as_a_hint_never_as_a_filter(
    dataset: Dataset, size: tuple[int, int]
) -> None:
    """Before: the grey placeholder '/ filter: moldova  participant:moldova
    year:2017..2020  -kind:cis_body' read, in every screenshot, as a filter in force."""
    app = AtcApp(dataset)
    async with app.run_test(size=size, notifications=True) as pilot:
        for key in ("1", "2", "3"):
            await pilot.press(key)
            await pilot.pause()
            panel = app.current_panel
            assert panel is not None and not panel.filtering
            bar = panel.filter_input
            line = screen_lines(app)[bar.region.y]
            assert line.strip().startswith("/ to filter"), line
            assert not any("filter:" in text for text in screen_lines(app))
            hint = [s for s in bar.render_line(0) if "to filter" in s.text]
            assert hint and all(s.style and s.style.italic for s in hint), hint
            status = str(panel.query_one("#status", Static).content)
            assert "filter" not in status, status
        # A filter typed, then cleared: the status says no filter again.
        await type_filter(pilot, "moldova")
        await pilot.press("enter")
        assert "filter: moldova" in str(app.query_one("#panel-exercises #status", Static).content)
        await pilot.press("escape")
        status = str(app.query_one("#panel-exercises #status", Static).content)
        assert "filter" not in status, status
