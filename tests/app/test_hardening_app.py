"""The app under hostile settings, file names and keys: it shows them as text and stays up.

Notifications are on in these tests (`run_test(notifications=True)`): Textual leaves them
out of tests by default, which is how a toast that crashed the app went unnoticed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from tests.helpers import hostile_dataset, long_value_dataset, screen_lines
from textual import events
from textual.widgets import Input
from textual.widgets._toast import Toast

from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.loading import load
from atctui.settings import load_settings

SIZE = (100, 30)
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def toast_texts(app: AtcApp) -> list[str]:
    """What each notification on screen shows (rendering it, as the screen does)."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


async def settled(pilot, seconds: float = 0.3) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause(seconds)
    await pilot.pause()


@pytest.mark.parametrize(
    ("settings_text", "env", "shown"),
    [
        ('theme = "[/nope]"\n', {}, "unknown theme '[/nope]'"),
        ('keys = { "[/x]" = "a" }\n', {}, "unknown action '[/x]'"),
        ("", {"ATCTUI_THEME": "[/x]"}, "unknown theme '[/x]'"),
        ("", {"ATCTUI_KEYS": "[/x]=a"}, "unknown action '[/x]'"),
        ("", {"ATCTUI_THEME": "\x1b]0;TITLE\x07\x1b[2J"}, "\\x1b]0;TITLE\\x07\\x1b[2J"),
    ],
    ids=["theme", "key", "env-theme", "env-keys", "env-escapes"],
)
async def test_hostile_settings_are_reported_as_text(
    dataset: Dataset,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    settings_text: str,
    env: dict[str, str],
    shown: str,
) -> None:
    """Before: each crashed the app at start (MarkupError rendering the toast), or sent
    the escapes to the terminal."""
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text(settings_text, encoding="utf-8")
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings, problems = load_settings()
    app = AtcApp(dataset, settings=settings, settings_problems=problems)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        texts = toast_texts(app)
        assert any(shown in text for text in texts), texts
        assert not any(RAW.search(text) for text in texts)
        await pilot.press("2", "question_mark", "escape")
        assert app.current_tab == "participants"


async def test_an_export_file_name_with_markup_is_shown_as_text(
    dataset: Dataset, tmp_path: Path
) -> None:
    """Before: the 'Exported' toast crashed on rep[x=1 y=].txt."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("3", "e")
        await settled(pilot)
        path_input = app.screen.query_one("#path", Input)
        path_input.value = str(tmp_path / "rep[x=1 y=].txt")
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert (tmp_path / "rep[x=1 y=].txt").read_text(encoding="utf-8").startswith("Exercises")
        assert any("rep[x=1 y=].txt" in text for text in toast_texts(app))


async def test_exporting_the_empty_compare_tab_says_so(dataset: Dataset) -> None:
    """Before: `4 e enter` killed the app (max() of an empty sequence in box_table)."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("4", "e", "enter")
        await settled(pilot)
        assert app.current_tab == "compare" and app.return_code is None
        assert any("Nothing to export" in text for text in toast_texts(app))


@pytest.mark.parametrize("command", ["parti", "help"])
async def test_enter_typed_twice_in_the_palette_closes_it_once(
    dataset: Dataset, command: str
) -> None:
    """ctrl+p, a command's name, enter, enter, as a terminal delivers them: before, the
    second enter popped the app's last screen (ScreenStackError: the app exited) or the
    help the command had opened."""
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("ctrl+p")
        await settled(pilot)
        for key in command:
            app.post_message(events.Key(key, key))
        await settled(pilot, 0.5)
        app.post_message(events.Key("enter", "\r"))
        app.post_message(events.Key("enter", "\r"))
        await settled(pilot, 0.5)
        assert app.return_code is None
        assert len(app.screen_stack) == (1 if command == "parti" else 2)
        if command == "parti":
            assert app.current_tab == "participants"
        else:
            assert type(app.screen).__name__ == "HelpScreen"


async def test_copying_a_record_copies_control_characters_visibly(tmp_path: Path) -> None:
    """Before: Y copied a record's raw ESC, BEL and OSC bytes to the clipboard."""

    app = AtcApp(load([hostile_dataset(tmp_path)]))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        for tab in "123":
            await pilot.press(tab, "Y")
            await settled(pilot, 0.1)
            assert "\\x1b[31mred" in app.clipboard and not RAW.search(app.clipboard)
            await pilot.press("y")
            assert not RAW.search(app.clipboard)
        assert not any(RAW.search(text) for text in toast_texts(app))


async def test_a_very_long_value_is_drawn_cut(tmp_path: Path) -> None:
    """Before: the app froze (minutes, gigabytes) laying out a 100 MB quote in the detail
    pane, and drew each table cell from the whole value at every paint."""

    from atctui.app.detail_pane import DetailPane

    app = AtcApp(load([long_value_dataset(tmp_path, 2_000_000)]))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settled(pilot)
        pane = app.query_one(DetailPane)
        assert re.search(r"… \(2,000,0\d\d characters in all\)", pane.plain)
        assert len(pane.plain) < 20_000
        await pilot.press("Y")
        assert len(app.clipboard) < 20_000
        panel = app.current_panel
        assert panel is not None and len(panel.table.get_row_at(0)[3]) < 10_000


async def test_page_keys_in_a_palette_not_yet_laid_out_do_nothing(dataset: Dataset) -> None:
    """Before: ctrl+p then PgDn in one burst raised KeyError in Textual's option list
    and closed the app (found by a tmux monkey)."""
    for key in ("pagedown", "pageup"):
        app = AtcApp(dataset)
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            app.post_message(events.Key("ctrl+p", None))
            app.post_message(events.Key(key, None))
            await settled(pilot, 0.5)
            assert app.return_code is None
            await pilot.press("escape", "2")
            assert app.current_tab == "participants"


async def test_a_browser_cannot_write_the_servers_settings(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: the palette's 'Save theme' in a served page created or replaced the
    server's settings file, and showed the browser its path."""
    from atctui.app.commands import available_commands

    settings_file = tmp_path / "settings.toml"
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings_file))
    monkeypatch.setattr(AtcApp, "is_web", property(lambda self: True))
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        assert "Save theme to settings" not in [name for name, _, _ in available_commands(app)]
        app.action_save_theme()
        await settled(pilot)
        assert not settings_file.exists()
        assert any("nothing is saved on the server" in text for text in toast_texts(app))


async def test_an_export_path_of_an_unknown_user_is_a_message(dataset: Dataset) -> None:
    """Before: ~nosuchuser in the export dialog (or the export_folder setting) raised
    RuntimeError in expanduser and closed the app."""
    from atctui.settings import Settings

    app = AtcApp(dataset, settings=Settings(export_folder="~nosuchuser"))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.press("e")
        await settled(pilot)
        await pilot.press("ctrl+s")
        await settled(pilot)
        assert app.return_code is None and type(app.screen).__name__ == "ExportScreen"
        assert "~nosuchuser" in "\n".join(screen_lines(app))


@pytest.mark.parametrize("width", [4, 6, 12])
async def test_the_palette_at_a_few_columns_never_crashes_the_app(
    dataset: Dataset, width: int
) -> None:
    """Before: ctrl+p at 4 or 6 columns ended the app with Textual's ValueError (range()
    arg 3 must not be zero) in its option list."""
    app = AtcApp(dataset)
    async with app.run_test(size=(width, 12)) as pilot:
        await pilot.press("ctrl+p", "wait:200", "a", "down", "wait:100")
        assert app.is_running and app.return_code is None
    app = AtcApp(dataset)
    async with app.run_test(size=(80, 24)) as pilot:  # narrowed with the palette open
        await pilot.press("ctrl+p", "wait:200")
        await pilot.resize_terminal(width, 12)
        await pilot.press("wait:200", "down", "a", "wait:100")
        assert app.is_running and app.return_code is None


async def test_a_message_in_a_terminal_a_few_columns_wide_never_crashes_the_app(
    dataset: Dataset,
) -> None:
    """Before: any notification (m off the matrix, the palette's refusal) at 4 columns
    ended the app with the same ValueError, in Textual's toast."""
    app = AtcApp(dataset)
    async with app.run_test(size=(4, 10)) as pilot:
        await pilot.press("m", "c", "y", "wait:200")
        assert app.is_running and app.return_code is None


async def test_a_record_of_many_lines_is_drawn_in_part_and_copied_whole(
    dataset: Dataset,
) -> None:
    """Before: a meeting of 80,000 attendances was wrapped whole on every visit, and the
    keys froze for seconds each time the cursor passed it."""
    from atctui.app.detail_pane import MAX_LINES, DetailPane
    from atctui.detail import Section

    sections = [
        Section("Meeting", ["title: a big one"]),
        Section("Attendances", [f"participant-{i}" for i in range(100_000)]),
    ]
    app = AtcApp(dataset)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.query_one(DetailPane)
        pane.show(sections)
        await pilot.pause()
        assert pane.virtual_size.height < MAX_LINES + 20
        assert "participant-998" in pane.plain and "participant-99999" not in pane.plain
        assert "… 99,001 more lines not shown here: Y copies the whole record" in pane.plain


async def test_a_query_with_control_characters_is_drawn_visibly_in_the_filter_bar(
    dataset: Dataset,
) -> None:
    """Before: `--query` or a saved query holding OSC 52 / OSC 2 sequences set the
    clipboard and the window title: the filter bar drew them raw (attack report 4, #7)."""
    from atctui.app.main import StartView

    hostile = "\x1b]2;pwned\x07moldova \x9b31m\u202e"
    app = AtcApp(dataset, start=StartView("timeline", hostile, None))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = app.query_one("#filter", Input)
        assert bar.value == hostile  # the query itself is kept as given
        drawn = "".join(segment.text for segment in bar.render_line(0))
        assert "␛]2;pwned␇moldova" in drawn
        assert not any(ch in drawn for ch in "\x1b\x07\x9b\u202e")
