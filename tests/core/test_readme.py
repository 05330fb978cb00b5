"""The README says what the code does: its filter table lists the values that `kind:`,
`status:` and `has:` take, and each sample of `atctui …` is what the command prints."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import ROOT

from atctui.vocabulary import field_values, typed


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(title)
    return text[start : text.index("\n## ", start)]


def test_the_filter_table_lists_every_value_of_kind_status_and_has() -> None:
    table = _section("### The filter language")
    rows = {field: next(line for line in table.splitlines() if line.startswith(f"| `{field}:"))
            for field in ("kind", "status", "has")}  # fmt: skip
    for field, where, groups in field_values():
        for value in (value for group in groups for value in group):
            assert re.search(f"[`:]{re.escape(typed(value))}`", rows[field]), (field, where, value)


# A line of its own that elides the rest of a sample's output.
_ELIDED = ("…", "...")
# What changes with the data and the version: normalised on both sides.
_CHANGING = [
    (re.compile(r"sha256 [0-9a-f]{64}"), "sha256 HASH"),
    (re.compile(r"atctui \d+\.\d+\.\d+\S*"), "atctui VERSION"),
]


def _normalised(line: str) -> str:
    for pattern, replacement in _CHANGING:
        line = pattern.sub(replacement, line)
    return line


def _samples() -> list[tuple[str, list[str]]]:
    """Each ```text block of the README that starts with `$ atctui …`: the command and
    the output shown under it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = []
    for block in re.findall(r"^```text\n(.*?)^```", text, re.M | re.S):
        first, *output = block.splitlines()
        if first.startswith("$ atctui "):
            found.append((first[2:], output))
    return found


def test_the_readme_has_samples_to_check() -> None:
    assert len(_samples()) >= 2


@pytest.mark.parametrize(("command", "shown"), _samples(), ids=lambda v: str(v)[:60])
def test_a_readme_sample_is_what_its_command_prints(
    command: str, shown: list[str], tmp_path: Path
) -> None:
    """The sample is the command's output (stdout and stderr, as a terminal shows them),
    up to a line `…` if it elides the rest; the data's hash and atctui's version may
    differ."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATCTUI_")}
    env["ATCTUI_CONFIG"] = str(tmp_path / "missing-settings.toml")
    result = subprocess.run(
        [sys.executable, "-m", "atctui", *shlex.split(command)[1:]],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    printed = [_normalised(line) for line in result.stdout.splitlines()]
    expected = [_normalised(line) for line in shown]
    if any(line.strip() in _ELIDED for line in expected):
        expected = expected[: next(i for i, line in enumerate(expected) if line.strip() in _ELIDED)]
        printed = printed[: len(expected)]
    assert printed == expected, "\n".join(printed)
