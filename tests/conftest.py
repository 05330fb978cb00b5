from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from atctui.dataset import Dataset
from atctui.loading import load

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load()


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="session")
def seed_texts(dataset: Dataset) -> dict[str, str]:
    """Source id -> whitespace-normalised text of its seed file."""
    if not SEEDS.is_dir():
        pytest.skip(f"source texts not present at {SEEDS}: cannot check quotes")
    return {
        s.id: normalise((SEEDS / s.file).read_text(encoding="utf-8"))
        for s in dataset.content.sources
        if s.file
    }


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "atctui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
