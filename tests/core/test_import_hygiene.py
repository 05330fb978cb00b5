"""The layers hold: the import-linter contracts in pyproject.toml (the core imports no
Textual, each layer only those below it, no import circle), and the commands that need
no app start without importing it."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from tests.helpers import ROOT, imported_after


def test_the_import_contracts_hold() -> None:
    command = shutil.which("lint-imports")
    if command is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run(
        [command, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    "code",
    [
        "from atctui.loading import load; from atctui.views import build; "
        "from atctui.export import export_view",
        "from atctui.cli import cmd_validate, cmd_export",
    ],
)
def test_the_core_and_its_commands_import_no_textual(code: str) -> None:
    assert imported_after(code, "textual") == []
