"""Faults an attacker's second review found (session 8), each with its reproduction."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import BUNDLED_TOML, run_cli

from atctui.errors import DataError, Problem
from atctui.export_data import csv_cell
from atctui.loading import load
from atctui.settings import load_settings, show
from atctui.textsafe import printable


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "atctui", *args],
        capture_output=True, text=True, timeout=60, env={**os.environ, **(env or {})},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["validate", "a" * 300 + ".toml"], {}),
        (["export", "timeline"], {"ATCTUI_DATA": "~nosuchuser/x.toml"}),
        (["config", "path"], {"ATCTUI_CONFIG": "~nosuchuser/s.toml"}),
        (["validate", ""], {}),
    ],
    ids=["long-name", "unknown-user-data", "unknown-user-config", "empty-path"],
)
def test_odd_paths_are_messages_not_tracebacks(args: list[str], env: dict[str, str]) -> None:
    result = _cli(*args, env=env)
    assert "Traceback" not in result.stderr, result.stderr[-1500:]


def test_a_tree_of_any_depth_is_walked(tmp_path: Path) -> None:
    """Before: a folder 1,100 levels deep raised RecursionError (Path.rglob)."""
    folder = tmp_path / "deep"
    os.makedirs(folder)
    cwd = os.getcwd()
    os.chdir(folder)  # relative steps: the whole path is longer than a path may be
    try:
        for _ in range(1100):
            os.mkdir("a")
            os.chdir("a")
        Path("x.toml").write_bytes(BUNDLED_TOML.read_bytes())
        os.chdir(folder)
        assert len(load([folder]).meetings) == 23
    finally:
        _remove_deep_tree(folder)
        os.chdir(cwd)


def _remove_deep_tree(folder: Path) -> None:
    """Remove a chain of folders named 'a' without recursion (pytest's own clean-up of
    old temporary folders, shutil.rmtree, recurses and would fail on it)."""
    os.chdir(folder)
    depth = 0
    while os.path.isdir("a"):
        os.chdir("a")
        depth += 1
    for _ in range(depth):
        for name in os.listdir("."):
            os.unlink(name)
        os.chdir("..")
        os.rmdir("a")


def test_an_unreadable_subfolder_is_reported_never_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: `validate sub` said ok while sub/inner's files were left out unsaid."""
    (tmp_path / "sub" / "inner").mkdir(parents=True)
    (tmp_path / "sub" / "top.toml").write_bytes(BUNDLED_TOML.read_bytes())
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if str(path).endswith("inner"):  # root reads anything: simulate a user's denial
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr("atctui.loading.os.scandir", scandir)
    with pytest.raises(DataError) as info:
        load([tmp_path / "sub"])
    assert [str(p) for p in info.value.problems] == [
        f"{tmp_path / 'sub' / 'inner'}: cannot read the folder: Permission denied"
    ]


def test_a_file_name_that_is_not_utf8_is_shown_not_a_traceback(tmp_path: Path) -> None:
    name = os.fsdecode(bytes(tmp_path) + b"/\xff.toml")
    Path(name).write_bytes(BUNDLED_TOML.read_bytes())
    out = tmp_path / "out.txt"
    for args in (["export", "timeline", "--data", name, "-o", str(out)], ["validate", name]):
        result = _cli(*args, env={"PYTHONIOENCODING": "utf-8:strict"})
        assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    data_line = next(
        x for x in out.read_text(encoding="utf-8").splitlines() if x.startswith("data:")
    )
    assert "\\xff.toml" in data_line


def test_invisible_and_line_breaking_characters_are_shown() -> None:
    """Before: U+2028 split a row of the text export; bidi marks and tags passed."""
    for char in ("\u2028", "\u2029", "\u200e", "\u200f", "\u061c", "\ufeff", "\U000e0041"):
        shown = printable(f"a{char}b")
        assert char not in shown and shown.startswith("a\\")
    assert printable("👨\u200d👩") == "👨\u200d👩"  # joiners stay: emoji need them


def test_a_message_quoting_a_huge_value_is_cut() -> None:
    problem = Problem("f.toml", "'" + "x" * 5_000_000 + "' is not a date", 4)
    assert len(str(problem)) < 2200


@pytest.mark.parametrize("cell", ["\t=1", " =1", "\u00a0=1", "＝1", "＋1"])
def test_csv_formulas_behind_blanks_or_in_full_width_are_guarded(cell: str) -> None:
    assert csv_cell(cell).startswith("'")
    assert not csv_cell(cell, raw=True).startswith("'")


@pytest.mark.parametrize(
    "args",
    [
        ["export", "timeline", "--width", "\x1b]0;PWNED\x07"],
        ["export", "timeline", "--\x1b]0;X\x07"],
    ],
)
def test_usage_errors_show_control_characters(args: list[str]) -> None:
    result = _cli(*args)
    assert result.returncode == 2 and "\x1b" not in result.stderr and "\\x1b" in result.stderr


def test_a_negated_query_after_q_is_a_query() -> None:
    """Before: `-q -term` (the README's negation) was a usage error."""
    result = run_cli("export", "timeline", "-q", "-exercise")
    assert result.returncode == 0 and "query: -exercise" in result.stdout


def test_an_output_name_ending_in_a_slash_is_refused(tmp_path: Path) -> None:
    """Before: `-o x.txt/` wrote x.txt."""
    result = run_cli("export", "timeline", "-o", str(tmp_path / "x.txt") + "/")
    assert result.returncode == 2 and not (tmp_path / "x.txt").exists()


def test_keys_that_are_not_key_names_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: an escape sequence bound as a key was drawn raw by the key bar, the tab bar
    and the help (OSC 52 wrote the attacker's text to the clipboard at each redraw)."""
    monkeypatch.setenv("ATCTUI_KEYS", "filter=\x1b]52;c;Y3VybA==\x1b\\,help=ctrl+h")
    settings, problems = load_settings()
    assert settings.keys == {}
    assert problems and "is not a key for 'filter'" in str(problems[0])
    assert "\x1b" not in str(problems[0])


def test_config_show_escapes_what_tomli_w_leaves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before: C1 controls and bidi overrides in a setting went to stdout raw."""
    monkeypatch.setenv("ATCTUI_THEME", "a\u009b2J\u202eb")
    text = show(load_settings()[0])
    assert "\u009b" not in text and "\u202e" not in text
    assert 'theme = "a\\u009B2J\\u202Eb"' in text
