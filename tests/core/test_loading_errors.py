"""Malformed inputs: each gives a located message and exit 1, never a traceback."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from tests.helpers import run_cli

from atctui.errors import DataError
from atctui.loading import load

SOURCE = """
[[sources]]
id = "s1"
kind = "source_text"
file = "a.txt"
"""
PARTICIPANT = """
[[participants]]
id = "moldova"
name = "Moldova"
kind = "member_state"
citations = [{ source = "s1", quote = "Moldova" }]
"""


def meeting(**overrides: str) -> str:
    fields = {
        "id": '"m1"',
        "title": '"A meeting"',
        "date": '"2019-02-19"',
        "citations": '[{ source = "s1", quote = "A meeting" }]',
    }
    fields.update(overrides)
    body = "\n".join(f"{k} = {v}" for k, v in fields.items() if v)
    return f"\n[[meetings]]\n{body}\n"


def write(tmp_path: Path, text: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def problems(path: Path | list[Path]) -> list[str]:
    with pytest.raises(DataError) as info:
        load(path if isinstance(path, list) else [path])
    return [str(p) for p in info.value.problems]


def test_a_valid_minimal_file_loads(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + PARTICIPANT + meeting())
    assert load([path]).summary().startswith("1 meetings")


def test_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + '\n[[meetings]]\nid = "m1\n')
    assert problems(path) == [f"{path}:8:9: TOML syntax: Illegal character '\\n'"]


def test_wrong_type_names_line_and_field(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + meeting(number='"twelve"'))
    (message,) = problems(path)
    assert message.startswith(f"{path}:12: meetings[0].number: Input should be a valid integer")
    assert "got str 'twelve'" in message


def test_missing_field(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + meeting(title=""))
    assert problems(path) == [f"{path}:7: meetings[0].title: missing required field 'title'"]


def test_unknown_field_suggests_the_close_one(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + meeting(dat='"2019"'))
    assert f"{path}:12: meetings[0].dat: unknown field 'dat' (did you mean 'date'?)" in problems(
        path
    )


def test_impossible_date_and_reversed_range(tmp_path: Path) -> None:
    path = write(
        tmp_path, SOURCE + meeting(date='"2019-02-30"') + meeting(id='"m2"', date='"2019..2017"')
    )
    assert problems(path) == [
        f"{path}:10: meetings[0].date: day 30 in '2019-02-30' does not exist (February 2019 has 28 days)",
        f"{path}:16: meetings[1].date: the range '2019..2017' ends before it starts",
    ]


def test_unknown_reference_suggests(tmp_path: Path) -> None:
    attendance = """
[[meetings.attendances]]
participant = "moldovaa"
as_written = "Moldova"
citations = [{ source = "s1", quote = "Moldova" }]
"""
    path = write(tmp_path, SOURCE + PARTICIPANT + meeting() + attendance)
    assert problems(path) == [
        f"{path}:20: meetings[0].attendances[0].participant: unknown participant 'moldovaa' "
        "(did you mean 'moldova'?)"
    ]


def test_citation_of_unknown_source(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE + meeting(citations='[{ source = "s2", quote = "x" }]'))
    assert problems(path) == [f"{path}:11: meetings[0].citations[0].source: unknown source 's2'"]


def test_duplicate_id_across_files_names_both_places(tmp_path: Path) -> None:
    first = write(tmp_path, SOURCE + meeting(), "a.toml")
    second = write(tmp_path, meeting(), "b.toml")
    assert problems([first, second]) == [
        f"{second}:3: meetings[0].id: duplicate meeting id 'm1' (first defined at {first}:7)"
    ]


def test_the_same_file_twice(tmp_path: Path) -> None:
    path = write(tmp_path, SOURCE)
    assert problems([path, path]) == [f"{path}: loaded twice (also given as {path})"]


def test_all_errors_of_a_file_are_reported(tmp_path: Path) -> None:
    path = write(
        tmp_path, SOURCE + meeting(number='"x"', date='"2019-13"') + meeting(id='"BAD ID"')
    )
    assert len(problems(path)) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (SOURCE + '\n[[meetings]]\nid = "m1\n', ":8:9: TOML syntax"),
        (SOURCE + meeting(number='"twelve"'), ":12: meetings[0].number"),
        (SOURCE + meeting(title=""), "missing required field 'title'"),
        (SOURCE + meeting(date='"2019-02-30"'), "day 30 in '2019-02-30' does not exist"),
        (SOURCE + meeting(series='"nope"'), "unknown format 'nope'"),
    ],
)
def test_cli_validate_reports_and_exits_1(tmp_path: Path, text: str, expected: str) -> None:
    path = write(tmp_path, text)
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for command in (["export", "timeline", "--data", str(path)], ["--data", str(path)]):
        other = run_cli(*command)
        assert other.returncode == 1 and expected in other.stderr
        assert "Traceback" not in other.stderr


def test_cli_validate_missing_path(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "nope.toml"))
    assert result.returncode == 1
    assert f"{tmp_path / 'nope.toml'}: no such file or directory" in result.stderr


def test_cli_validate_duplicate_across_files(tmp_path: Path) -> None:
    first = write(tmp_path, SOURCE + meeting(), "a.toml")
    write(tmp_path, meeting(), "b.toml")
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    assert f"duplicate meeting id 'm1' (first defined at {first}:7)" in result.stderr
