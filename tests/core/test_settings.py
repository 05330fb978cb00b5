"""User settings: the file, ATCTUI_* variables, located errors, and what the app does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from tests.helpers import run_cli
from textual.widgets import Input, Select

from atctui.app.export_screen import ExportScreen
from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.settings import ACTIONS, Settings, load_settings, save_theme, settings_path, with_theme

BAD = """# my settings
theme = "nord"
export_fromat = "csv"

[keys]
filter = "ctrl+f"
fliter = "x"
"""


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "settings.toml"
    path.parent.mkdir()
    monkeypatch.setenv("ATCTUI_CONFIG", str(path))
    return path


def test_every_field_is_documented() -> None:
    for info in dataclasses.fields(Settings):
        assert len(info.metadata.get("doc", "")) > 20, info.name


def test_the_default_place_is_the_user_config_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ATCTUI_CONFIG")
    monkeypatch.setenv("XDG_CONFIG_HOME", "/somewhere/config")
    assert settings_path() == Path("/somewhere/config/atctui/settings.toml")


def test_a_bad_file_gives_located_errors_and_keeps_what_is_valid(settings_file: Path) -> None:
    settings_file.write_text(BAD, encoding="utf-8")
    settings, problems = load_settings()
    assert [str(p) for p in problems] == [
        f"{settings_file}:7: keys.fliter: unknown action 'fliter' (did you mean 'filter'?)",
        f"{settings_file}:3: export_fromat: unknown setting 'export_fromat' "
        "(did you mean 'export_format'?)",
    ]
    assert settings.theme == "nord" and settings.keys == {} and settings.export_format == "text"


def test_a_syntax_error_is_located_and_the_defaults_apply(settings_file: Path) -> None:
    settings_file.write_text('theme = "nord\n', encoding="utf-8")
    settings, problems = load_settings()
    assert [str(p) for p in problems] == [
        f"{settings_file}:1:14: TOML syntax: Illegal character '\\n'"
    ]
    assert settings == Settings()


def test_environment_variables_override_the_file(
    settings_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    settings_file.write_text('theme = "nord"\nexport_format = "csv"\n', encoding="utf-8")
    monkeypatch.setenv("ATCTUI_THEME", "gruvbox")
    monkeypatch.setenv("ATCTUI_DATA", f"{tmp_path / 'a.toml'}:{tmp_path / 'b'}")
    monkeypatch.setenv("ATCTUI_KEYS", "filter=ctrl+f, quit=ctrl+q")
    settings, problems = load_settings()
    assert problems == []
    assert settings.theme == "gruvbox" and settings.export_format == "csv"
    assert settings.data_paths() == [tmp_path / "a.toml", tmp_path / "b"]
    assert settings.keys == {"filter": "ctrl+f", "quit": "ctrl+q"}
    monkeypatch.setenv("ATCTUI_EXPORT_FORMAT", "pdf")
    settings, problems = load_settings()
    assert [str(p).split(":")[0] for p in problems] == ["ATCTUI_EXPORT_FORMAT"]
    assert settings.export_format == "text" and settings.theme == "gruvbox"


def test_cli_config_path_and_show(settings_file: Path) -> None:
    assert run_cli("config", "path").stdout.strip() == str(settings_file)
    shown = run_cli("config", "show")
    assert shown.returncode == 0 and 'export_format = "text"' in shown.stdout
    assert "# The format the export dialog (e) proposes" in shown.stdout
    settings_file.write_text(BAD, encoding="utf-8")
    bad = run_cli("config", "show")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert f"{settings_file}:3: export_fromat: unknown setting" in bad.stderr
    assert 'theme = "nord"' in bad.stdout  # the valid rest is in effect


def test_default_data_and_format_apply_to_export(settings_file: Path, tmp_path: Path) -> None:
    own = tmp_path / "own.toml"
    own.write_text(
        '[[sources]]\nid = "s"\nkind = "web_page"\nurl = "https://example.org"\n'
        '[[participants]]\nid = "p"\nname = "Only one"\nkind = "member_state"\n'
        '[[participants.citations]]\nsource = "s"\n',
        encoding="utf-8",
    )
    settings_file.write_text(f'data = ["{own}"]\nexport_format = "csv"\n', encoding="utf-8")
    result = run_cli("export", "participants")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0].startswith("id,Participant,Kind")
    assert "participant:p,Only one,state" in result.stdout


def test_actions_are_the_apps_binding_ids() -> None:
    ids = {b.id for b in AtcApp.BINDINGS if hasattr(b, "id") and b.id}  # type: ignore[union-attr]
    assert ids == set(ACTIONS)


async def test_a_bad_settings_file_still_opens_the_app_with_defaults(
    settings_file: Path, dataset: Dataset
) -> None:
    settings_file.write_text('theme = "no-such-theme"\nexport_fromat = "csv"\n', encoding="utf-8")
    settings, problems = load_settings()  # as `atctui` does before it opens the app
    app = AtcApp(dataset, settings=settings, settings_problems=problems)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert app.current_panel is not None and app.current_panel.table.row_count == 70
        assert app.theme == "textual-dark"
        messages = [n.message for n in app._notifications]
        assert any(f"{settings_file}:2: export_fromat" in m for m in messages)
        assert any("unknown theme 'no-such-theme'" in m for m in messages)
    assert settings_file.read_text(encoding="utf-8").startswith('theme = "no-such-theme"')


async def test_key_overrides_theme_and_export_defaults(dataset: Dataset, tmp_path: Path) -> None:
    settings = Settings(
        theme="nord", keys={"filter": "ctrl+f"}, export_format="csv", export_folder=str(tmp_path)
    )
    app = AtcApp(dataset, settings=settings)
    async with app.run_test(size=(100, 30)) as pilot:
        assert app.theme == "nord"
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input) and app.focused.id == "filter"
        await pilot.press("escape", "e")
        assert isinstance(app.screen, ExportScreen)
        assert app.screen.query_one("#format", Select).value == "csv"
        path = app.screen.query_one("#path", Input).value
        assert path.startswith(str(tmp_path)) and path.endswith(".csv")


def test_with_theme_keeps_every_other_line() -> None:
    assert with_theme("", "nord") == 'theme = "nord"\n'
    text = '# mine\ntheme = "gruvbox"  # old\n\n[keys]\nfilter = "ctrl+f"\n'
    # The line's own comment stays (tomlkit edits the value, not the line).
    assert (
        with_theme(text, "nord") == '# mine\ntheme = "nord"  # old\n\n[keys]\nfilter = "ctrl+f"\n'
    )
    # A theme = … line inside a multi-line string is text, not the setting.
    inside = 'data = ["""\ntheme = "x"\n"""]\ntheme = "nord"\n'
    assert with_theme(inside, "gruvbox") == 'data = ["""\ntheme = "x"\n"""]\ntheme = "gruvbox"\n'
    # No top-level theme yet: it goes first, before any table.
    assert with_theme('[keys]\ntheme = "x"\n', "nord") == 'theme = "nord"\n[keys]\ntheme = "x"\n'


async def test_save_theme_from_the_palette_is_the_only_write(
    settings_file: Path, dataset: Dataset
) -> None:
    settings_file.write_text('# keep me\nexport_format = "csv"\n', encoding="utf-8")
    app = AtcApp(dataset, settings=load_settings()[0])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("2", "s", "y")  # actions that do not touch the settings
        assert settings_file.read_text(encoding="utf-8") == '# keep me\nexport_format = "csv"\n'
        app.theme = "gruvbox"
        await pilot.press("ctrl+p", *"save theme", "wait:300", "enter")
        await pilot.pause()
    assert settings_file.read_text(encoding="utf-8") == (
        'theme = "gruvbox"\n# keep me\nexport_format = "csv"\n'
    )
    assert load_settings()[0].theme == "gruvbox"
    assert save_theme("nord") == settings_file
    assert 'theme = "nord"\n# keep me' in settings_file.read_text(encoding="utf-8")
