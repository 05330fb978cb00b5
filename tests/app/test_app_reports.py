"""What the app gives a report (#20): the command that reproduces the view, a source's
page opened, the filter saved under a name and offered again, and the app opened on a
view from the command line."""

from __future__ import annotations

import csv
import io
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.helpers import BUNDLED_TOML, SIZE, rows, screen_lines, type_filter
from textual.widgets import OptionList

from atctui import cli
from atctui.app.main import AtcApp
from atctui.app.save_query_screen import SaveQueryScreen
from atctui.app.source_chooser import SourceChooser
from atctui.dataset import Dataset
from atctui.loading import load
from atctui.settings import load_settings


def _run_copied(command: str, cwd: Path) -> list[str]:
    """The row ids the copied command prints (as CSV), run as a shell would run it."""
    words = shlex.split(command)
    assert words[0] == "atctui"
    result = subprocess.run(
        [sys.executable, "-m", "atctui", *words[1:], "--format", "csv"],
        capture_output=True, text=True, cwd=cwd, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]


@pytest.mark.parametrize("size", [SIZE, (60, 20)])
async def test_the_copied_command_prints_the_rows_on_screen(
    tmp_path: Path, size: tuple[int, int]
) -> None:
    data = tmp_path / "data" / "my meetings.toml"  # a space, quoted in the command
    data.parent.mkdir()
    data.write_bytes(BUNDLED_TOML.read_bytes())
    app = AtcApp(load([data]))
    async with app.run_test(size=size) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "year:2015..2025")
        await pilot.press("enter", "l", "l", "s", "s", "wait:200")  # Host, descending
        await pilot.press("l", "minus", "wait:100")  # Place hidden
        await pilot.press("C")
        command = app.copied_command
        assert app.clipboard == command
        panel = app.current_panel
        assert panel is not None
        shown = [row.key for row in panel.view.rows]
    assert command.startswith("atctui export exercises --query ")
    assert "--sort host --reverse --hide territory" in command and str(data) in command
    assert f"--width {size[0]}" in command
    assert len(shown) >= 5
    assert _run_copied(command, tmp_path) == shown  # from another folder too


async def test_the_copied_command_of_a_comparison_is_a_diff(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        app.show_comparison("x-2017", "xii-2019")
        await pilot.pause()
        await type_filter(pilot, "status:left")
        await pilot.press("enter", "C")
        panel = app.current_panel
        assert panel is not None
        shown = [row.key for row in panel.view.rows]
    assert app.copied_command == "atctui diff x-2017 xii-2019 --query status:left --width 100"
    assert _run_copied(app.copied_command, Path.cwd()) == shown


async def test_o_opens_the_source_page_of_the_cell_under_the_cursor(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(AtcApp, "open_url", lambda self, url, **kw: opened.append(url))
    monkeypatch.setattr("atctui.app.reports.has_browser", lambda: True)
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "moldova")
        # Moldova at the Assembly of May 2016, cited by one page: columns 2 III 2010, 3 IV*
        # 2011, 4 VI* 2013, 5 SAC Sep 2013, 6 VIII* 2015, 7 Assembly May 2016. (X 2017,
        # column 9, has three sources since TASS and Asia-Plus: `o` there offers a list.)
        await pilot.press("enter", *"lllllll", "o", "wait:100")
        assert opened == [dataset.sources["cisatc-2016-minsk-get-together"].url]
        assert app.clipboard == opened[0]
        assert [n.title for n in app._notifications][-1].startswith("Opening the source")


async def test_o_on_a_record_of_several_sources_chooses_one(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(AtcApp, "open_url", lambda self, url, **kw: opened.append(url))
    monkeypatch.setattr("atctui.app.reports.has_browser", lambda: True)
    ararat = dataset.records["exercise:ararat-antiterror-2019"]
    cited = [c.source for c in ararat.citations]
    # Then the pages that say who took part.
    cited += [c.source for part in (*ararat.attendances, *ararat.lists) for c in part.citations]
    with_address = [s for s in dict.fromkeys(cited) if dataset.sources[s].url]
    assert len(with_address) > 2 and "research-public-record" in cited  # notes: no address
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "ararat")
        await pilot.press("enter", "o", "wait:100")
        assert isinstance(app.screen, SourceChooser)
        assert app.screen.query_one(OptionList).option_count == len(with_address)
        await pilot.press("down", "enter", "wait:100")
        assert opened == [dataset.sources[with_address[1]].url]
        await pilot.press("o", "wait:100", "escape", "wait:100")  # cancelled: nothing opens
        assert len(opened) == 1 and not isinstance(app.screen, SourceChooser)


async def test_the_detail_pane_shows_a_sources_address(dataset: Dataset) -> None:
    app = AtcApp(dataset)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "moldova")
        await pilot.press("enter", *"lllllllll", "wait:100")  # Moldova at X 2017
        text = "\n".join(screen_lines(app)).replace(" ", "")
        assert "iacis.ru/News/Partners" in text


async def test_a_filter_saved_under_a_name_is_offered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('# my settings\ntheme = "nord"  # kept\n', encoding="utf-8")
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_filter(pilot, "host:kyrgyzstan")
        await pilot.press("enter", "S")
        await pilot.pause()
        assert isinstance(app.screen, SaveQueryScreen)
        await pilot.press(*"kg drills", "enter", "wait:100")
        text = settings_file.read_text(encoding="utf-8")
        assert text.startswith('# my settings\ntheme = "nord"  # kept\n')
        settings, problems = load_settings()
        assert not problems
        saved = settings.saved_queries()["kg drills"]
        assert (saved.query, saved.tab) == ("host:kyrgyzstan", "exercises")
        # The palette offers it, from another tab, and it opens on its own tab.
        await pilot.press("1", "escape", "wait:100")
        await pilot.press("ctrl+p", "wait:200")
        await pilot.press(*"kg drills", "wait:300", "enter", "wait:300")
        assert app.current_tab == "exercises"
        panel = app.current_panel
        assert panel is not None and panel.state.query_text == "host:kyrgyzstan"
        assert all("Kyrgyzstan" in row for row in rows(app))
    # And the command line runs it.
    out = subprocess.run(
        [sys.executable, "-m", "atctui", "export", "exercises", "--saved", "kg drills",
         "--format", "csv"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    ids = [row["id"] for row in csv.DictReader(io.StringIO(out.stdout))]
    assert ids == [row.key for row in panel.view.rows]


async def test_a_saved_name_with_markup_is_shown_as_typed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[queries]\n"[/]x[b]" = "moldova"\n', encoding="utf-8")
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    settings, problems = load_settings()
    assert not problems
    app = AtcApp(dataset, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", "wait:300")
        await pilot.press(*"saved filter", "wait:300")
        assert any("[/]x[b]" in line for line in screen_lines(app))
        await pilot.press("enter", "wait:300")
        panel = app.current_panel
        assert panel is not None and panel.state.query_text == "moldova"


def _app_from_command_line(monkeypatch: pytest.MonkeyPatch, *argv: str) -> AtcApp:
    """The app `atctui ARGV` would run, not run."""
    made: list[AtcApp] = []

    def keep(self: AtcApp, *args: Any, **kwargs: Any) -> None:
        made.append(self)

    monkeypatch.setattr(AtcApp, "run", keep)
    assert cli.main(list(argv)) == 0
    return made[0]


async def test_tab_query_and_sort_open_the_app_on_that_view(
    monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    app = _app_from_command_line(
        monkeypatch, "--tab", "exercises", "--query", "host:kyrgyzstan", "--sort", "date",
        "--reverse",
    )  # fmt: skip
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_tab == "exercises"
        panel = app.current_panel
        assert panel is not None
        assert panel.filter_input.value == "host:kyrgyzstan"
        keys = [row.key for row in panel.view.rows]
        years = [dataset.records[k].date.start.year for k in keys]
        assert len(keys) == 4 and years == sorted(years, reverse=True)
        assert panel.view.columns[panel.view.sort_column or 0].key == "date"
        assert panel.view.sort_reverse


def test_a_bad_start_view_is_refused_before_the_app_opens() -> None:
    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "atctui", *argv], capture_output=True, text=True, timeout=60
        )

    bad_query = run("--tab", "exercises", "--query", "has:foo")
    assert bad_query.returncode == 1 and "unknown marker 'foo'" in bad_query.stderr
    bad_sort = run("--tab", "exercises", "--sort", "colour")
    assert bad_sort.returncode == 2 and "its columns: Exercise, Date" in bad_sort.stderr
    bad_saved = run("--saved", "nothing")
    assert bad_saved.returncode == 2 and "no saved query 'nothing'" in bad_saved.stderr


def test_the_save_dialog_refuses_a_name_it_cannot_keep() -> None:
    from atctui.app.save_query_screen import name_problem

    assert name_problem("  ") and name_problem("a\x1bb") and name_problem("x" * 81)
    assert name_problem("moldova meetings") is None


def test_an_svg_export_keeps_the_sort_and_carries_its_evidence(dataset: Dataset) -> None:
    """Before: `export … --sort … -f svg` drew the rows unsorted, and the picture said
    nothing of its data or sources."""
    from xml.sax.saxutils import unescape

    from tests.helpers import svg_lines

    result = subprocess.run(
        [sys.executable, "-m", "atctui", "export", "exercises", "-q", "host:kyrgyzstan",
         "--sort", "Date", "--reverse", "-f", "svg"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    svg = result.stdout
    desc = unescape(svg[svg.index("<desc>") + 6 : svg.index("</desc>")])
    assert dataset.sha256 in desc and "sorted by Date descending" in desc
    assert "https://eng.cisatc.org/1289/133" in desc  # the rows' source, by its address
    # The table's side of each line (the detail pane is right of the bar).
    drawn = "\n".join(line.split("│")[0] for line in svg_lines(svg[svg.index("</desc>") :]))
    years = [int(y) for y in re.findall(r"\b(20\d\d)\b", drawn.split("Date")[1])][:4]
    assert years == sorted(years, reverse=True) and len(years) == 4


async def test_o_with_no_browser_says_so_and_copies_the_address(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: 'Opening the source' where no browser exists and nothing opened (report
    writer's test, R2)."""
    opened: list[str] = []
    monkeypatch.setattr(AtcApp, "open_url", lambda self, url, **kw: opened.append(url))
    monkeypatch.setattr("atctui.app.reports.has_browser", lambda: False)
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await type_filter(pilot, "moldova")
        # Moldova at the Assembly of May 2016 (one source; X 2017 has three)
        await pilot.press("enter", *"lllllll", "o", "wait:100")
        url = dataset.sources["cisatc-2016-minsk-get-together"].url
        assert opened == [] and app.clipboard == url
        note = list(app._notifications)[-1]
        assert note.title == "No browser here: the source's address is copied"
        assert note.message == url


async def test_typing_saved_in_the_palette_finds_the_saved_filters_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset: Dataset
) -> None:
    """Before: 'saved' matched the save command's help ('--saved') first, and enter ran
    it instead of the saved filter."""
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text('[queries]\nkg = { query = "host:kyrgyzstan", tab = "exercises" }\n')
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    settings, _ = load_settings()
    app = AtcApp(dataset, settings=settings)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p", "wait:300", *"saved", "wait:300", "enter", "wait:300")
        assert app.current_tab == "exercises"
        panel = app.current_panel
        assert panel is not None and panel.state.query_text == "host:kyrgyzstan"


def test_a_console_browser_is_not_a_browser_to_open_a_page_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """w3m or lynx (webbrowser's GenericBrowser, found through TERM or BROWSER) would run
    in the app's own terminal while the app waited for it: the address is shown and
    copied instead. A browser that runs apart (xdg-open, a GUI browser) opens it."""
    import webbrowser

    from atctui.app.reports import has_browser

    monkeypatch.setattr(webbrowser, "get", lambda *a: webbrowser.GenericBrowser("w3m"))
    assert not has_browser()
    monkeypatch.setattr(webbrowser, "get", lambda *a: webbrowser.BackgroundBrowser("xdg-open"))
    assert has_browser()

    def none(*args: object) -> webbrowser.BaseBrowser:
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", none)
    assert not has_browser()
