"""The bundled dataset's compiled records (bundled.py): current, equal to the validated
TOML, used only when they match it, and what lets the app start without Pydantic."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import imported_after

from atctui.loading import bundled, bundled_data_path, load


def test_the_compiled_records_are_current_and_equal_the_validated_toml() -> None:
    compiled = bundled.read_compiled(bundled_data_path())
    assert compiled is not None, "data/meetings.toml changed: run python -m atctui.loading"
    assert compiled == load(compiled=False).content
    assert load().content == compiled


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    source = bundled_data_path()
    target = tmp_path / source.name
    shutil.copy(source, target)
    shutil.copy(bundled.compiled_path(source), bundled.compiled_path(target))
    assert bundled.read_compiled(target) is not None
    return target


def test_an_edited_toml_is_not_matched_by_its_old_compiled_records(copy: Path) -> None:
    copy.write_text(copy.read_text("utf-8").replace("Moldova", "Moldavia", 1), "utf-8")
    assert bundled.read_compiled(copy) is None
    assert bundled.compile_file(copy) == bundled.compiled_path(copy)
    compiled = bundled.read_compiled(copy)
    assert compiled is not None and "Moldavia" in repr(compiled)


def test_damaged_or_missing_compiled_records_are_ignored(copy: Path) -> None:
    path = bundled.compiled_path(copy)
    path.write_bytes(path.read_bytes()[:1000])  # the key matches, the pickle is cut
    assert bundled.read_compiled(copy) is None
    path.unlink()
    assert bundled.read_compiled(copy) is None


@pytest.mark.parametrize("module", ["model.py", "dates.py", "references.py"])
def test_another_model_or_reference_check_is_another_key(
    monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    toml = bundled_data_path().read_bytes()
    before = bundled.key(toml)
    real = Path.read_bytes

    def edited(self: Path) -> bytes:  # as if a field or a check were added
        data = real(self)
        return data + b"\n# changed" if self.name == module else data

    monkeypatch.setattr(Path, "read_bytes", edited)
    assert bundled.key(toml) != before


def test_validate_and_a_file_given_by_path_never_use_the_compiled_records(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from atctui import cli

    def refuse(path: Path) -> None:
        raise AssertionError("the compiled records were read")

    monkeypatch.setattr(bundled, "_compiled", refuse)
    assert cli.main(["validate"]) == 0
    assert load([bundled_data_path()]).content == load(compiled=False).content
    with pytest.raises(AssertionError, match="compiled records were read"):
        load()


def test_a_compile_of_a_bad_file_is_refused_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[[meetings]]\nid = "Bad Id"\n', "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "atctui.loading", str(bad)], capture_output=True, text=True
    )
    assert result.returncode == 1 and "bad.toml" in result.stderr
    assert "Traceback" not in result.stderr
    assert not bundled.compiled_path(bad).exists()


def test_the_app_on_the_bundled_data_starts_without_pydantic() -> None:
    code = (
        "from atctui.loading import load; from atctui.settings import load_settings; "
        "load_settings(); dataset = load(); import atctui.cli; "
        "from atctui.app.main import AtcApp; AtcApp(dataset)"
    )
    assert imported_after(code, "pydantic") == []


def test_the_first_screen_needs_no_toml_parser_pydantic_or_data_table() -> None:
    """What start-up on the bundled data is spared, up to the first painted screen: the
    TOML parsers and the validator (the records are compiled), and the DataTable that
    only the Exercises tab's counts use."""
    code = "\n".join(
        [
            "from pathlib import Path",
            "import atctui.app.main as main",
            "from atctui.loading import load",
            "class Once(main.AtcApp):",
            "    CSS_PATH = str(Path(main.__file__).with_name('app.tcss'))",
            "    def on_mount(self):",
            "        super().on_mount()",
            "        self.call_after_refresh(self.exit)",
            "Once(load()).run(headless=True)",
        ]
    )
    loaded = set(imported_after(code, ""))
    assert "atctui.app.bars" in loaded  # the app did start
    spared = {"tomllib", "toml_rs", "pydantic", "textual.widgets._data_table"}
    # Nor the tabs and dialogs not shown: the matrix, the charts, the list to compare from.
    spared |= {"atctui.views.matrix", "atctui.views.chart", "atctui.app.compare_screen"}
    # The checks that compiling the data ran, and the parsing the compiled records spare.
    spared |= {"atctui.loading.references", "atctui.loading.parsed", "atctui.loading.merge"}
    assert loaded & spared == set()
