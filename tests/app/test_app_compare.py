"""The app's comparison (m, m) and copy (y, Y) driven by keys, read back from the screen."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.helpers import SIZE, detail, pane_text, rows, screen_lines, type_filter
from textual.widgets import Input, Select

from atctui.app.commands import available_commands
from atctui.app.compare_screen import CompareScreen
from atctui.app.main import AtcApp
from atctui.compare import compare, describe_compare
from atctui.dataset import Dataset
from atctui.detail import as_text, describe
from atctui.export import export_view
from atctui.loading import load
from atctui.settings import Settings
from atctui.views import meeting_label


async def mark_x_and_xii(pilot) -> None:  # type: ignore[no-untyped-def]
    # Participants: columns 0 name, 1 kind, 2 III 2010, 3 IV* 2011, 4 VI* 2013,
    # 5 SAC Sep 2013, 6 VIII* 2015, 7 Assembly May 2016, 8 SAC May 2016, 9 X 2017,
    # 10 Assembly May 2017, 11 SAC May 2017, 12 Experts VII 2017, 13 SAC Oct 2017,
    # 14 XI 2018, 15 Assembly Sep 2018, 16 XII 2019.
    await pilot.press("2", *["right"] * 9, "m", *["right"] * 7, "m")


async def test_mark_two_meetings_to_compare_them(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        assert app.current_tab == "compare" and rows(app) == []
        status = str(app.query_one("#panel-compare #status").render())
        assert "m on two meeting columns of tab 2" in status
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
            "Compare X 2017 (15 Feb 2017) with XII 2019" in status
            and "Member states: 1 left, 9 stayed" in status
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
        await pilot.press(*["right"] * 9, "m")
        assert app.marked_meeting == "meeting:x-2017"
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
        assert app.clipboard == export_view(app.dataset, panel.view, "text", SIZE[0])
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
    with (tmp_path / "diff.csv").open(encoding="utf-8", newline="") as file:
        header, *body = list(csv.reader(file))
    assert header == [
        "id", "Participant or agenda item", "Kind", "Change", "X 2017", "XII 2019",
        "sources", "name_en", "name_ru", "provenance",
    ]  # fmt: skip
    assert [row[:6] for row in body] == [
        ["participant:moldova", "Moldova", "state", "left", "●", "·"]
    ]
    # Moldova's row cites the two meetings' sources (X 2017's three: the Assembly's report,
    # TASS, Asia-Plus); the provenance names the view.
    assert body[0][6].split() == [
        "atc-2017-x-meeting", "tass-2017-02-15", "asiaplus-2017-02-16", "atc-2019-xii-meeting",
    ]  # fmt: skip
    assert "view: compare · query: status:left" in body[0][-1]
    # The TOML holds the records behind the rows: a dataset giving the same comparison.
    subset = load([tmp_path / "diff.toml"])
    assert (
        compare(subset, "X", "XII", "status:left").rows
        == compare(dataset, "X", "XII", "status:left").rows
    )


def key_bar(app: AtcApp) -> str:
    return screen_lines(app)[-1]


async def test_c_on_the_compare_tab_chooses_two_meetings_from_a_list(dataset: Dataset) -> None:
    # Before: the Compare tab had no key of its own; two meetings were chosen with m on the
    # matrix only.
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Choose" not in key_bar(app)  # only on the Compare tab
        await pilot.press("c")
        assert not isinstance(app.screen, CompareScreen)
        await pilot.press("4")
        assert "c Choose" in key_bar(app)
        names = [name for name, _, _ in available_commands(app)]
        assert "Compare: choose the two meetings from a list of every meeting" in names
        await pilot.press("c")
        assert isinstance(app.screen, CompareScreen)
        lines = screen_lines(app)
        assert any("Compare two meetings" in line for line in lines)
        chooser = app.screen
        assert isinstance(chooser, CompareScreen)
        assert [row[1:] for row in chooser.rows] == [
            [meeting_label(m, dataset), m.date.human(), m.city or ""] for m in dataset.meetings
        ]  # label, date and city of each, in date order
        for meeting in dataset.meetings[:12]:  # those the dialog shows before it scrolls
            # A long city is cut with "…" ("Odintsovo District (Moscow Region)" shows as
            # "Odintsovo …"): its first word is shown.
            city = (meeting.city or "").split(" ")[0]
            cells = [meeting_label(meeting, dataset), meeting.date.human(), city]
            assert any(all(cell in line for cell in cells) for line in lines), cells
        # In date order: III 2010, IV* 2011, VI* 2013, SAC Sep 2013, VIII* 2015, Assembly May
        # 2016, SAC May 2016, X 2017, Assembly May 2017, SAC May 2017, Experts VII 2017, SAC
        # Oct 2017, XI 2018, Assembly Sep 2018, XII 2019.
        await pilot.press(*["down"] * 7, "enter")
        assert any("First: X 2017" in line for line in screen_lines(app))
        await pilot.press(*["down"] * 7, "space")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen) and app.current_tab == "compare"
        expected = compare(dataset, "X", "XII")
        assert rows(app) == [list(row.cells) for row in expected.rows]
        panel = app.current_panel
        assert panel is not None and panel.view.rows == expected.rows
        assert any(
            "Compare X 2017 (15 Feb 2017) with XII 2019" in line for line in screen_lines(app)
        )


async def test_the_choice_dialog_cancels_unmarks_and_fits_a_small_terminal(
    dataset: Dataset,
) -> None:
    app = AtcApp(dataset, settings=Settings(keys={"compare.choose": "o"}))
    async with app.run_test(size=(40, 12), notifications=True) as pilot:
        await pilot.press("4", "o")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("enter", "escape")  # one marked, then cancelled
        assert not isinstance(app.screen, CompareScreen)
        panel = app.current_panel
        assert panel is not None and panel.view.rows == ()
        await pilot.press("o")
        lines = screen_lines(app)
        text = "\n".join(lines)
        assert "Compare two meetings" in text and "III 2010" in text and "X 2017" in text
        # enter twice on one meeting unmarks it; then XII 2019 and XVIII 2025 (the last but
        # one: Reps Sep 2025 is the last).
        await pilot.press("enter", "enter", *["down"] * 14)
        assert not any("First:" in line for line in screen_lines(app))
        await pilot.press("enter", "end", "up", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, CompareScreen)
        expected = compare(dataset, "XII", "XVIII")
        panel = app.current_panel
        assert panel is not None and panel.view.rows == expected.rows


async def test_compare_before_a_choice_says_how_to_choose_two_meetings(dataset: Dataset) -> None:
    # Before: the detail pane said "No rows match the filter." when nothing was filtered.
    app = AtcApp(dataset, settings=Settings(keys={"compare.choose": "o", "compare.mark": "M"}))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("4")
        await pilot.pause()
        pane = pane_text(app)
        assert "No rows match" not in pane
        assert pane.startswith("No comparison yet Choose two meetings to compare:")
        assert "o here: from a list of every meeting" in pane  # the keys as bound
        assert "M on one meeting column of the Participants tab (2), then M on another" in pane
        assert "atctui diff X XII" in pane
        status = str(app.query_one("#panel-compare #status").render())
        assert "o chooses two meetings; or M on two meeting columns" in status
        assert "atctui diff X XII" in status
        # Once two are chosen, a filter that keeps no row says so.
        await pilot.press("o", "enter", "down", "enter")
        await type_filter(pilot, "xyzzy")
        await pilot.press("enter")
        assert pane_text(app) == "No rows match the filter."
