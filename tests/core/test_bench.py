"""The benchmark tools run end to end on small sizes (no timing asserts)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import BENCH

from atctui.loading import load


def test_generated_datasets_validate_and_are_deterministic(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b"):
        path = tmp_path / f"{name}.toml"
        subprocess.run([sys.executable, str(BENCH / "generate.py"), "--meetings", "60", "--seed", "7",
                        "--out", str(path)], check=True)  # fmt: skip
        paths.append(path)
    assert paths[0].read_bytes() == paths[1].read_bytes()
    dataset = load([paths[0]])
    assert len(dataset.meetings) == 60 and len(dataset.exercises) == 12
    assert 14 <= sum(len(m.attendances) for m in dataset.meetings) / 60 <= 16
    assert len(dataset.participants) == 60


def test_benchmark_runs_end_to_end(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--json", "--workdir", str(tmp_path)],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    report = json.loads(result.stdout)
    assert report["machine"]["cores"] >= 1
    sizes = [row["meetings"] for row in report["results"]]
    assert sizes == ["bundled", 50]
    for row in report["results"]:
        for key in ("load_validate_s", "toml_parse_s", "first_screen_s", "minimal_app_s",
                    "filter_median_ms", "filter_p95_ms", "peak_rss_mb"):  # fmt: skip
            assert row[key] > 0, key


def test_the_frames_benchmark_reports_both_keys(tmp_path: Path) -> None:
    data = tmp_path / "m.toml"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--meetings", "30",
                    "--out", str(data)], check=True)  # fmt: skip
    result = subprocess.run(
        [sys.executable, str(BENCH / "frames.py"), "--data", str(data), "--moves", "3"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    figures = {
        line[:17].strip(): [float(x) for x in line[17:].split()]
        for line in result.stdout.splitlines()[1:]
    }
    assert set(figures) == {"cursor move", "filter keystroke"}
    assert all(0 < median <= most for median, most in figures.values())


def test_the_interleaved_first_screen_compares_two_trees() -> None:
    src = BENCH.parent / "src"
    result = subprocess.run(
        [sys.executable, str(BENCH / "ab.py"), str(src), "--rounds", "1"],
        capture_output=True, text=True, check=True, timeout=120,
    )  # fmt: skip
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["other", "this", "minimal"]
    assert result.stdout.splitlines()[-1].endswith("1.00x")
