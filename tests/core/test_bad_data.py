"""A corpus of bad data files, each with the exact message it must produce.

Every one: `atctui validate` and `atctui --data` print the located message, exit 1,
and never show a traceback. The app refuses to open on any bad file (see README).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from tests.helpers import BAD, BUNDLED_TOML, run_cli

from atctui.errors import DataError
from atctui.loading import load

# Messages as `atctui validate FILE` prints them, run from tests/data/bad/.
EXPECTED: dict[str, list[str]] = {
    "exercise-participant-twice.toml": [
        "exercise-participant-twice.toml:26: exercises[0].attendances[1].participant: 'p' already attends this exercise (attendances[0])",
    ],
    "exercise-partner-twice.toml": [
        "exercise-partner-twice.toml:22: exercises[0].partners[1]: 'p' is given twice in partners",
        "exercise-partner-twice.toml:23: exercises[0].discussed_at[1]: 'm' is given twice in discussed_at",
    ],
    "name-blank.toml": [
        "name-blank.toml:10: participants[0].names[0].text: '   ' is blank: write the name itself",
    ],
    "binary.toml": [
        "binary.toml:1:1: not UTF-8 text (byte 0x89)",
    ],
    "citation-without-quote.toml": [
        "citation-without-quote.toml:10: meetings[0].citations[0]: a citation of source 's1' needs a 'quote'",
    ],
    "comments-only.toml": [
        "comments-only.toml: no tables or keys, only comments: a dataset file holds at least one record",
    ],
    "date-impossible-day.toml": [
        "date-impossible-day.toml:9: meetings[0].date: day 30 in '2019-02-30' does not exist (February 2019 has 28 days)",
    ],
    "date-not-a-date.toml": [
        "date-not-a-date.toml:9: meetings[0].date: 'September 2019' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    ],
    "date-range-reversed.toml": [
        "date-range-reversed.toml:9: meetings[0].date: the range '2019-02-20..2019-02-19' ends before it starts",
    ],
    "duplicate-id-in-file.toml": [
        "duplicate-id-in-file.toml:13: meetings[1].id: duplicate meeting id 'm1' (first defined at duplicate-id-in-file.toml:6)",
    ],
    "empty.toml": [
        "empty.toml: empty file: a dataset file holds at least one record",
    ],
    "id-bad-format.toml": [
        "id-bad-format.toml:7: meetings[0].id: 'Meeting One' is not an id: write lowercase letters, digits and '-', such as x-2017",
    ],
    "inferred-unknown-field.toml": [
        "inferred-unknown-field.toml:11: meetings[0].inferred[0].field: inferred field 'citty' is not a field here (did you mean 'city'?)",
    ],
    "missing-citations.toml": [
        "missing-citations.toml:6: meetings[0].citations: missing required field 'citations'",
    ],
    "missing-required-field.toml": [
        "missing-required-field.toml:6: meetings[0].title: missing required field 'title'",
    ],
    "not-utf8.toml": [
        "not-utf8.toml:8:13: not UTF-8 text (byte 0xe9)",
    ],
    "number-out-of-range.toml": [
        "number-out-of-range.toml:8: meetings[0].number: Input should be greater than or equal to 1",
    ],
    "reference-note-unknown-kind.toml": [
        "reference-note-unknown-kind.toml:9: notes[0].about[0]: unknown kind 'conference' in 'conference:x'; use one of event, exercise, format, meeting, note, participant, person, program, source",
    ],
    "reference-unknown-participant.toml": [
        "reference-unknown-participant.toml:13: meetings[0].attendances[0].participant: unknown participant 'moldova'",
    ],
    "reference-in-meeting-parts.toml": [
        "reference-in-meeting-parts.toml:22: meetings[0].attendances[0].citations[1].source: unknown source 's2'",
        "reference-in-meeting-parts.toml:33: meetings[1].lists[0].citations[0]: a citation of source 's1' needs a 'quote'",
        "reference-in-meeting-parts.toml:44: meetings[2].agenda[0].citations[0].source: unknown source 's3'",
    ],
    "reference-unknown-source.toml": [
        "reference-unknown-source.toml:10: meetings[0].citations[0].source: unknown source 's9'",
    ],
    "source-web-page-without-url.toml": [
        "source-web-page-without-url.toml:8: sources[1]: a source of kind 'web_page' needs 'url'",
    ],
    "syntax-bad-table-header.toml": [
        "syntax-bad-table-header.toml:6:11: TOML syntax: Expected ']]' at the end of an array declaration",
    ],
    "syntax-bare-key-missing-value.toml": [
        "syntax-bare-key-missing-value.toml:5:12: TOML syntax: Invalid value",
    ],
    "syntax-duplicate-key.toml": [
        "syntax-duplicate-key.toml:5:10: TOML syntax: Cannot overwrite a value",
    ],
    "syntax-invalid-escape.toml": [
        "syntax-invalid-escape.toml:8:16: TOML syntax: Unescaped '\\' in a string",
    ],
    "syntax-trailing-garbage.toml": [
        "syntax-trailing-garbage.toml:5:13: TOML syntax: Expected newline or end of document after a statement",
    ],
    "syntax-unclosed-string.toml": [
        "syntax-unclosed-string.toml:7:9: TOML syntax: Illegal character '\\n'",
    ],
    "type-bool-as-string.toml": [
        "type-bool-as-string.toml:14: meetings[0].lists[0].complete: Input should be a valid boolean, got str 'yes'",
    ],
    "type-datetime-not-date.toml": [
        "type-datetime-not-date.toml:9: meetings[0].date: a date-time is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    ],
    "type-number-as-string.toml": [
        "type-number-as-string.toml:8: meetings[0].number: Input should be a valid integer, got str 'twelve'",
    ],
    "type-string-as-list.toml": [
        "type-string-as-list.toml:10: meetings[0].citations: Input should be a valid list, got str 's1'",
    ],
    "unknown-field-close.toml": [
        "unknown-field-close.toml:6: meetings[0].date: missing required field 'date'",
        "unknown-field-close.toml:9: meetings[0].dat: unknown field 'dat' (did you mean 'date'?)",
    ],
    "unknown-field-far.toml": [
        "unknown-field-far.toml:10: meetings[0].venue: unknown field 'venue'; known fields: agenda, attendances, citations, city, date, id, inferred, lists, number, organiser, series, status, title",
    ],
    "unknown-section.toml": [
        "unknown-section.toml:6: meeting: unknown field 'meeting' (did you mean 'meetings'?)",
    ],
    "value-not-allowed.toml": [
        "value-not-allowed.toml:9: participants[0].kind: Input should be 'member_state', 'cis_body', 'international_organization', 'basic_organization' or 'other_country', got 'country'",
    ],
    "nesting-deep-array.toml": [
        "nesting-deep-array.toml:11: meetings[0].aliases: unknown field 'aliases' (did you mean 'lists'?)",
    ],
    "nesting-deep-inline-tables.toml": [
        "nesting-deep-inline-tables.toml:10: meetings[0].citations[0].quote: Input should be a valid string, got dict {'a': {'a': {'a': {...}}}}",
        "nesting-deep-inline-tables.toml:10: meetings[0].citations: Tuple should have at least 1 item after validation, not 0",
    ],
    "nesting-deep-unclosed.toml": [
        "nesting-deep-unclosed.toml:6:105: TOML syntax: nesting deeper than 100 levels",
    ],
    "number-huge.toml": [
        "number-huge.toml:10: meetings[0].number: Input should be less than or equal to 999999",
    ],
    "number-beyond-64-bits.toml": [
        "number-beyond-64-bits.toml:10: meetings[0].number: Input should be less than or equal to 999999",
    ],
    "date-arabic-indic-digits.toml": [
        "date-arabic-indic-digits.toml:9: meetings[0].date: '٢٠١٩' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    ],
    "date-full-width-digits.toml": [
        "date-full-width-digits.toml:9: meetings[0].date: '２０１９-０２' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
    ],
    "date-bare-year-one.toml": [
        "date-bare-year-one.toml:9: meetings[0].date: year 1 in '0001-01-01' is out of range",
    ],
    "line-separators-in-strings.toml": [
        "line-separators-in-strings.toml:9: meetings[0].date: day 30 in '2019-02-30' does not exist (February 2019 has 28 days)",
    ],
}


def test_the_corpus_is_complete() -> None:
    assert sorted(p.name for p in BAD.glob("*.toml")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 25


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_gives_the_exact_message(name: str) -> None:
    result = run_cli("validate", name, cwd=BAD)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:-1] == EXPECTED[name]
    assert lines[-1].startswith("atctui: ") and "problem" in lines[-1]
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("name", ["syntax-unclosed-string.toml", "not-utf8.toml", "empty.toml",
                                  "reference-unknown-participant.toml", "binary.toml"])  # fmt: skip
def test_the_app_refuses_with_the_same_message(name: str) -> None:
    result = run_cli("--data", name, cwd=BAD)
    assert result.returncode == 1
    assert result.stderr.splitlines() == EXPECTED[name]


def test_one_bad_file_among_good_ones_refuses_the_directory(tmp_path: Path) -> None:
    shutil.copy(BUNDLED_TOML, tmp_path / "a-good.toml")
    shutil.copy(BAD / "date-impossible-day.toml", tmp_path / "b-bad.toml")
    for command in (["validate", str(tmp_path)], ["--data", str(tmp_path)]):
        result = run_cli(*command)
        assert result.returncode == 1
        assert f"{tmp_path / 'b-bad.toml'}:9: meetings[0].date: day 30" in result.stderr
        assert "Traceback" not in result.stderr


def test_duplicate_ids_across_two_files(tmp_path: Path) -> None:
    for name in ("one.toml", "two.toml"):
        shutil.copy(BAD / "date-impossible-day.toml", tmp_path / name)
        text = (tmp_path / name).read_text().replace("2019-02-30", "2019-02-28")
        (tmp_path / name).write_text(text)
    result = run_cli("validate", str(tmp_path))
    assert result.returncode == 1
    two = tmp_path / "two.toml"
    assert (
        f"{two}:2: sources[0].id: duplicate source id 's1' (first defined at {tmp_path / 'one.toml'}:1)"
        in result.stderr
    )
    assert f"{two}:7: meetings[0].id: duplicate meeting id 'm1'" in result.stderr


def test_paths_that_do_not_exist_or_hold_nothing(tmp_path: Path) -> None:
    result = run_cli("validate", str(tmp_path / "missing.toml"), str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"{tmp_path / 'missing.toml'}: no such file or directory",
        f"{tmp_path}: directory holds no .toml files",
    ]


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.toml"
    path.write_text("x = 1\n")
    path.chmod(0)
    if os.geteuid() != 0:  # a real permission error where the OS enforces it
        result = run_cli("validate", str(path))
        assert result.returncode == 1
        assert f"{path}: permission denied: cannot read the file" in result.stderr

    def denied(*args: object, **kwargs: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("atctui.loading.files.os.open", denied)  # root reads anything: simulate
    with pytest.raises(DataError) as info:
        load([path])
    assert [str(p) for p in info.value.problems] == [
        f"{path}: permission denied: cannot read the file"
    ]


def test_a_50_mb_file_of_junk(tmp_path: Path) -> None:
    path = tmp_path / "huge.toml"
    with path.open("w") as handle:
        line = "x" * 99 + "\n"
        for _ in range(500_000):
            handle.write(line)
    assert path.stat().st_size == 50_000_000
    result = run_cli("validate", str(path))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[0]
        == f"{path}:1:100: TOML syntax: Expected '=' after a key in a key/value pair"
    )
