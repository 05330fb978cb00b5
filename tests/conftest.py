from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.helpers import RESEARCH, SEEDS, normalise

from atctui.dataset import Dataset
from atctui.loading import load


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
