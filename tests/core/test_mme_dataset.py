"""The MME dataset as a second source: every fact cited to it matches the row its MMEID
names, the import regenerates the data file exactly, and its disagreements with the
Center's own record are shown, never resolved."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers import ROOT, run_cli

from atctui.dataset import Dataset, Presence
from atctui.dates import FuzzyDate

ROWS_FILE = ROOT / "data" / "sources" / "mme-v7-cis-rows.csv"


def _rows() -> dict[str, dict[str, str]]:
    with ROWS_FILE.open(encoding="utf-8", newline="") as f:
        return {row["MMEID"]: row for row in csv.DictReader(f)}


def _states(row: dict[str, str]) -> set[str]:
    return {v for k, v in row.items() if k.startswith("State") and v}


def _row_dates(row: dict[str, str]) -> FuzzyDate:
    start = f"{row['s.year']}-{int(row['s.month']):02}-{int(row['s.day']):02}"
    end = f"{row['e.year']}-{int(row['e.month']):02}-{int(row['e.day']):02}"
    return FuzzyDate.parse(start if start == end else f"{start}..{end}")


def _dataset_sources(dataset: Dataset) -> set[str]:
    return {s.id for s in dataset.content.sources if s.kind == "dataset"}


def test_the_rows_file_is_the_mme_rows_unchanged() -> None:
    """The committed rows are lines of the research copy of MME v7, header included."""
    research = ROOT.parent / "shared" / "research" / "mme-v7-cis-rows.csv"
    if not research.exists():
        pytest.skip("the research copy is not on this machine")
    theirs = research.read_text(encoding="utf-8").splitlines()
    ours = ROWS_FILE.read_text(encoding="utf-8").splitlines()
    assert ours[0] == theirs[0]
    assert set(ours) <= set(theirs)


def test_every_dataset_citation_names_a_row_and_matches_it(dataset: Dataset) -> None:
    rows = _rows()
    sources = _dataset_sources(dataset)
    assert sources == {"mme-v7"}
    assert dataset.sources["mme-v7"].file == "sources/mme-v7-cis-rows.csv"
    checked = 0
    for exercise in dataset.exercises:
        cited_rows = [c.quote for c in exercise.citations if c.source in sources]
        for quote in cited_rows:
            assert quote in rows, (exercise.id, quote)
            row = rows[quote]
            notes = " ".join(n.text for n in dataset.notes_for("exercise", exercise.id))
            # Its dates are the row's, or a note says how they differ.
            assert exercise.date is not None
            if str(exercise.date) != str(_row_dates(row)):
                assert f"in MME v7 ({quote})" in notes, exercise.id
        for a in exercise.attendances:
            for c in a.citations:
                if c.source in sources:
                    assert c.quote in rows
                    # As the row writes it, or as a page does, the row naming the state too.
                    name = dataset.participants[a.participant].name
                    assert {a.as_written, name} & _states(rows[c.quote]), (exercise.id, a)
                    assert c.quote in cited_rows  # the exercise cites the same row
                    checked += 1
    for note in dataset.content.notes:
        for c in note.citations:
            if c.source in sources:
                assert c.quote in rows and c.quote in note.text
    assert checked >= 20


def test_each_row_is_imported_with_every_state_it_names(dataset: Dataset) -> None:
    for mmeid, row in _rows().items():
        exercise = next(e for e in dataset.exercises if any(c.quote == mmeid for c in e.citations))
        named = {
            a.as_written for a in exercise.attendances if any(c.quote == mmeid for c in a.citations)
        }
        # A state a page names too keeps the page's spelling beside the row's citation.
        by_page = {
            dataset.participants[a.participant].name
            for a in exercise.attendances
            if any(c.quote == mmeid for c in a.citations)
        }
        assert _states(row) <= named | by_page, mmeid


def test_the_import_regenerates_the_data_file_exactly() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "import_mme.py"), "--check"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_the_import_check_fails_when_a_fact_is_typed_by_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tools import import_mme

    text = (ROOT / "data" / "meetings.toml").read_text(encoding="utf-8")
    changed = text.replace('as_written = "Maldives"', 'as_written = "Moldova"', 1)
    assert changed != text
    copy = tmp_path / "meetings.toml"
    copy.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(import_mme, "DATA", copy)
    assert import_mme.main(["--check"]) == 1


def test_an_unlikely_state_and_an_unlisted_exercise_are_shown_with_a_contradiction() -> None:
    query = "kind:exercise year:2004 has:contradiction"
    out = run_cli("export", "participants", "-q", query, "-f", "json")
    assert out.returncode == 0, out.stderr
    rows = {row["id"]: row for row in json.loads(out.stdout)["rows"]}
    assert list(rows) == ["participant:maldives"]  # shown as the row gives it, flagged
    assert rows["participant:maldives"]["exercise:west-antiterror-2004"] == Presence.ATTENDED.mark
    cited = rows["participant:maldives"]["cell_citations"]["exercise:west-antiterror-2004"]
    assert cited == [
        {"source": "mme-v7", "quote": "mme2491", "url": "https://doi.org/10.7910/DVN/KHFODX"}
    ]
    listing = run_cli("export", "exercises", "-q", "has:contradiction", "-f", "csv")
    for name in ("Norak-Antiterror-2009", "Anti-Terror 2004", "West-Antiterror", "Atom-Antiterror"):
        assert name in listing.stdout


def test_dates_the_row_refines_are_taken_and_dates_that_differ_are_kept(
    dataset: Dataset,
) -> None:
    exercises = {e.id: e for e in dataset.exercises}
    assert str(exercises["south-antiterror-2001"].date) == "2001-04-24..2001-04-26"
    assert str(exercises["caspian-antiterror-2005"].date) == "2005-08-16..2005-08-18"
    assert str(exercises["atom-antiterror-2006"].date) == "2006-09-26..2006-09-29"  # the Center's
    notes = " ".join(n.text for n in dataset.notes_for("exercise", "atom-antiterror-2006"))
    assert "26–29 Sep 2006" in notes and "27–29 Sep 2006" in notes and "Yerevan" in notes


@pytest.mark.parametrize("fault", ["missing", "fifo", "partial", "bad-date", "unknown-row"])
def test_a_rows_file_the_import_cannot_read_is_a_message(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: a traceback, and a named pipe hung the import (attack report 4, #3)."""
    import os

    from tools import import_mme

    rows = tmp_path / "rows.csv"
    lines = ROWS_FILE.read_text(encoding="utf-8").splitlines(keepends=True)
    if fault == "fifo":
        os.mkfifo(rows)
    elif fault == "partial":
        rows.write_text(lines[0] + lines[1][:40] + "\n", encoding="utf-8")
    elif fault == "bad-date":
        rows.write_text(lines[0] + lines[1].replace(",2001,4,24,", ",2001,14,24,"), "utf-8")
    elif fault == "unknown-row":
        rows.write_text(lines[0] + lines[1].replace("mme1973", "mme9999"), encoding="utf-8")
    monkeypatch.setattr(import_mme, "ROWS", rows)
    assert import_mme.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert str(rows) in err and "Traceback" not in err
