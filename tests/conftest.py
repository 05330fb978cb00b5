from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from atctui.dataset import Dataset
from atctui.loading import load

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RESEARCH = ROOT.parent / "shared" / "research"


@pytest.fixture(autouse=True)
def _work_in_temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs in its own folder: an export a test (or the monkey) triggers with a
    relative path lands there, never in the repository."""
    monkeypatch.chdir(tmp_path)
    # No user settings reach a test (or the CLI it runs): a settings file that does not
    # exist, and no ATCTUI_* variables.
    for name in [n for n in os.environ if n.startswith("ATCTUI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("ATCTUI_CONFIG", str(tmp_path / "no-settings.toml"))


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def seed_texts(dataset: Dataset) -> dict[str, str]:
    """Source id -> whitespace-normalised text of its file (seeds and research notes)."""
    if not SEEDS.is_dir() or not RESEARCH.is_dir():
        pytest.skip(f"source texts not present at {SEEDS} and {RESEARCH}: cannot check quotes")
    folders = {"source_text": SEEDS, "research_notes": RESEARCH}
    return {
        s.id: normalise((folders[s.kind] / s.file).read_text(encoding="utf-8"))
        for s in dataset.content.sources
        if s.file and s.kind in folders
    }


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "atctui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def imported_after(code: str, prefix: str) -> list[str]:
    """The modules whose names start with `prefix` that a fresh interpreter holds after
    running `code` (what a command or start-up pulls in)."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return found
