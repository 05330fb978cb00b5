"""Import the CIS anti-terror exercises of the Multinational Military Exercises dataset
(MME v7, doi 10.7910/DVN/KHFODX) into data/meetings.toml, citing each fact by the row's
MMEID; `--check` only says whether the data file is what the import makes of it.

    python tools/import_mme.py            # rewrite data/meetings.toml, then rebuild the bundle
    python tools/import_mme.py --check    # exit 1 when the data file differs (a test runs it)

A maintainer's step, not a user's command: it runs when the rows or the mapping below
change, so it lives here rather than in `atctui`, whose surface and start-up it would grow.

What it does with each row (data/sources/mme-v7-cis-rows.csv, the rows used, unchanged):
- the states it names become attendances of the exercise, cited to the row, and a list of
  the row's kind that is not complete (a research dataset's coding, not the organiser's);
- its dates refine ours where ours are coarser and agree (a year, a month), and otherwise
  are a contradiction note giving both; so is a place that differs;
- a state unlikely in the exercise, and an exercise the Center's own list of 19 does not
  hold, are recorded as the row gives them, with a contradiction note.
Everything it wrote before is removed first, so a second run changes nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from atctui.dates import FuzzyDate
from atctui.errors import DataError
from atctui.loading import load
from atctui.model import (
    Attendance,
    Citation,
    DatasetFile,
    Exercise,
    Inference,
    Note,
    Participant,
    ParticipantList,
    Source,
)
from atctui.serialize import to_toml

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "meetings.toml"
ROWS = ROOT / "data" / "sources" / "mme-v7-cis-rows.csv"
SOURCE_ID = "mme-v7"
CENTER_LIST = "cisatc-list-of-drills"  # the CIS ATC's list of its 19 exercises, 2001-2023

# Each row used, by MMEID: the exercise of ours it is (an id the Center's list gives), or
# a new one (NEW_EXERCISES) for an exercise that list does not hold.
EXERCISE_OF_ROW = {
    "mme1973": "south-antiterror-2001",
    "mme2098": "south-antiterror-2002",
    "mme2433": "anti-terror-2004",
    "mme2491": "west-antiterror-2004",
    "mme2717": "caspian-antiterror-2005",
    "mme2889": "atom-antiterror-2006",
    "mme3230": "norak-antiterror-2009",
}
NEW_EXERCISES = {"anti-terror-2004": "tajikistan", "norak-antiterror-2009": "tajikistan"}

# The row's state names, as participants of ours; a country outside the CIS is added.
STATES = {
    "Armenia": "armenia", "Azerbaijan": "azerbaijan", "Belarus": "belarus",
    "Kazakhstan": "kazakhstan", "Kyrgyzstan": "kyrgyzstan", "Moldova": "moldova",
    "Russia": "russia", "Tajikistan": "tajikistan", "Ukraine": "ukraine",
    "Uzbekistan": "uzbekistan", "China": "china", "Maldives": "maldives",
}  # fmt: skip
STATE_NAMES = {pid: name for name, pid in STATES.items()}
OTHER_STATES = {"china": "China", "maldives": "Maldives"}
# A state the row names that is unlikely there, by exercise, and why.
UNLIKELY = {
    ("west-antiterror-2004", "maldives"): (
        "MME v7 (mme2491) lists Maldives among the states of West Anti-Terrorism 2004, a CIS "
        "exercise held in Moldova, and does not list Moldova, the host: likely a coding slip for "
        "Moldova; both are shown as the sources give them."
    ),
}


@dataclass(frozen=True)
class Row:
    """One MME row: what the import reads of it."""

    mmeid: str
    name: str
    location: str
    start: dt.date
    end: dt.date
    focus: str
    states: tuple[str, ...]

    @property
    def dates(self) -> FuzzyDate:
        """The row's dates as ours are written."""
        if self.start == self.end:
            return FuzzyDate.parse(self.start.isoformat())
        return FuzzyDate.parse(f"{self.start.isoformat()}..{self.end.isoformat()}")


class RowsError(ValueError):
    """The rows file cannot be read as MME rows: where and why."""


def read_rows(path: Path = ROWS) -> list[Row]:
    """The rows of the file, in its order; RowsError names the file, line and column of
    anything it cannot read (a regular file only: a pipe would wait for ever)."""
    if not path.is_file():
        raise RowsError(f"{path}: not a file (the MME rows, CSV with the file's header)")
    rows = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            for r in reader:
                where = f"{path}:{reader.line_num}"
                try:
                    start = dt.date(int(r["s.year"]), int(r["s.month"]), int(r["s.day"]))
                    end = dt.date(int(r["e.year"]), int(r["e.month"]), int(r["e.day"]))
                    states = tuple(v for k, v in r.items() if k and k.startswith("State") and v)
                    rows.append(Row(r["MMEID"], r["Ex_Name"], r["Location"], start, end,
                                    (r["FocusDescription"] or "").strip(), states))  # fmt: skip
                except KeyError as exc:
                    raise RowsError(f"{where}: no column {exc} in the header") from None
                except (TypeError, ValueError) as exc:
                    raise RowsError(f"{where}: a date that is not one ({exc})") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RowsError(f"{path}: cannot be read: {exc}") from None
    known = set(EXERCISE_OF_ROW)
    for row in rows:
        if row.mmeid not in known or any(name not in STATES for name in row.states):
            raise RowsError(
                f"{path}: row {row.mmeid} is not one the import maps (EXERCISE_OF_ROW, STATES)"
            )
    return rows


def cite(row: Row) -> Citation:
    """A citation of the row: its MMEID is the quote, as a row of a dataset is cited."""
    return Citation(source=SOURCE_ID, quote=row.mmeid)


def _is_ours(citation: Citation) -> bool:
    return citation.source == SOURCE_ID


def remove_import(content: DatasetFile) -> None:
    """Take out what an earlier run wrote (the facts cited to the MME rows alone)."""
    content.exercises = [e for e in content.exercises if e.id not in NEW_EXERCISES]
    content.notes = [n for n in content.notes if not n.id.startswith("mme-")]
    for e in content.exercises:
        e.citations = tuple(c for c in e.citations if not _is_ours(c))
        kept = []
        for a in e.attendances:
            if all(_is_ours(c) for c in a.citations):
                continue
            a.citations = tuple(c for c in a.citations if not _is_ours(c))
            kept.append(a)
        e.attendances = kept
        e.lists = [p for p in e.lists if not all(_is_ours(c) for c in p.citations)]


def apply_rows(content: DatasetFile, rows: list[Row]) -> None:
    """Add each row's facts to the exercise it is, or as a new exercise."""
    if not any(s.id == SOURCE_ID for s in content.sources):
        content.sources.append(SOURCE)
    participants = {p.id for p in content.participants}
    for pid, name in OTHER_STATES.items():
        if pid not in participants and any(name in r.states for r in rows):
            content.participants.append(_other_country(pid, name, rows))
    exercises = {e.id: e for e in content.exercises}
    for row in rows:
        exercise_id = EXERCISE_OF_ROW[row.mmeid]
        exercise = exercises.get(exercise_id)
        if exercise is None:
            exercise = _new_exercise(exercise_id, row)
            content.exercises.append(exercise)
            content.notes.append(_not_on_the_list(exercise, row))
        else:
            exercise.citations = (*exercise.citations, cite(row))
            named, sources = _named(content, exercise), {s.id: s for s in content.sources}
            content.notes.extend(_compare_dates_and_place(exercise, row, named, sources))
        _add_participants(content, exercise, row)


def _other_country(pid: str, name: str, rows: list[Row]) -> Participant:
    row = next(r for r in rows if name in r.states)
    return Participant(id=pid, name=name, kind="other_country", citations=(cite(row),))


def _new_exercise(exercise_id: str, row: Row) -> Exercise:
    host = NEW_EXERCISES[exercise_id]
    return Exercise(
        id=exercise_id,
        name=row.name,
        date=row.dates,
        host=host,
        place=row.location,
        status="held",
        description=row.focus,
        citations=(cite(row),),
        inferred=(
            Inference(
                field="host", reason=f"The row places it in {row.location}; it names no host."
            ),
        ),
    )


def _not_on_the_list(exercise: Exercise, row: Row) -> Note:
    return Note(
        id=f"mme-{row.mmeid}-not-on-the-centers-list",
        kind="contradiction",
        about=[f"exercise:{exercise.id}"],
        text=(
            f"MME v7 ({row.mmeid}) records {row.name}, {row.dates.human()}, as an anti-terror "
            "exercise of CIS states; the CIS ATC's own list of its 19 joint exercises "
            "(2001-2023) does not hold it."
        ),
        citations=(cite(row), Citation(source=CENTER_LIST)),
    )


def _named(content: DatasetFile, exercise: Exercise) -> str:
    """The exercise's other sources, as a note names them: their publishers ('CIS
    Anti-Terrorism Center, atctui research notes, …')."""
    sources = {s.id: s for s in content.sources}
    ids = dict.fromkeys(c.source for c in exercise.citations if not _is_ours(c))
    return ", ".join(dict.fromkeys(sources[i].publisher or sources[i].title or i for i in ids))


def _pages_of(exercise: Exercise, sources: dict[str, Source]) -> list[Citation]:
    """The exercise's citations of pages and texts (not of our research notes, which
    point at pages): what a note on a disagreement cites beside the row."""
    return [
        c
        for c in exercise.citations
        if not _is_ours(c) and sources[c.source].kind in ("web_page", "source_text")
    ]


def _compare_dates_and_place(
    exercise: Exercise, row: Row, others: str, sources: dict[str, Source]
) -> list[Note]:
    """Refine our date with the row's where ours is coarser and agrees; a note where the
    two differ, in dates or in place."""
    notes = []
    ours = exercise.date
    theirs = row.dates
    if ours is None:
        exercise.date = theirs
    elif str(ours) != str(theirs):
        first, last = ours.sort_key()
        coarser = ours.precision < theirs.precision and ours.end is None
        inside = first <= theirs.sort_key()[0] and theirs.sort_key()[1] <= last
        if coarser and inside:
            exercise.date = theirs
        else:
            notes.append(Note(
                id=f"mme-{row.mmeid}-dates", kind="contradiction",
                about=[f"exercise:{exercise.id}"],
                text=f"Dates differ: {ours.human()} in {others}; {theirs.human()} "
                     f"in MME v7 ({row.mmeid}).",
                citations=(cite(row), *_pages_of(exercise, sources)),
            ))  # fmt: skip
    if _place_differs(exercise, row):
        place = exercise.place or exercise.territory or STATE_NAMES.get(exercise.host or "")
        notes.append(Note(
            id=f"mme-{row.mmeid}-place", kind="contradiction",
            about=[f"exercise:{exercise.id}"],
            text=f"Place differs: {place} in {others}; \u201c{row.location}\u201d in "
                 f"MME v7 ({row.mmeid}).",
            citations=(cite(row), *_pages_of(exercise, sources)),
        ))  # fmt: skip
    return notes


def _place_differs(exercise: Exercise, row: Row) -> bool:
    """Whether the row puts the exercise elsewhere: it names a state other than the host,
    or none of our place, territory and host (a coast or region that holds our city
    agrees with it)."""
    location = row.location.casefold()
    host = STATE_NAMES.get(exercise.host or "", "")
    others = [n for n in STATES if n != host and n.casefold() in location]
    ours = [w for w in (exercise.place, exercise.territory, host) if w]
    return bool(others) or not any(w.casefold() in location for w in ours)


def _add_participants(content: DatasetFile, exercise: Exercise, row: Row) -> None:
    kinds = {p.id: p.kind for p in content.participants}
    present = {a.participant: a for a in exercise.attendances}
    listed_kinds = []
    for name in row.states:
        pid = STATES[name]
        if pid in present:  # a page names it too: the row's citation beside the page's
            present[pid].citations = (*present[pid].citations, cite(row))
        else:
            exercise.attendances.append(
                Attendance(participant=pid, as_written=name, citations=(cite(row),))
            )
        if kinds[pid] not in listed_kinds:
            listed_kinds.append(kinds[pid])
        if (exercise.id, pid) in UNLIKELY:
            content.notes.append(Note(
                id=f"mme-{row.mmeid}-{pid}", kind="contradiction",
                about=[f"exercise:{exercise.id}", f"participant:{pid}"],
                text=UNLIKELY[(exercise.id, pid)],
                citations=(cite(row),),
            ))  # fmt: skip
    have = {p.kind for p in exercise.lists}
    for kind in listed_kinds:
        if kind in have:
            continue
        exercise.lists.append(ParticipantList(
            kind=kind, complete=False, citations=(cite(row),),
            reason="MME v7 codes the states that took part from news reports: a research "
                   "dataset's list, not the organiser's.",
        ))  # fmt: skip


SOURCE = Source(
    id=SOURCE_ID,
    kind="dataset",
    file="sources/mme-v7-cis-rows.csv",
    url="https://doi.org/10.7910/DVN/KHFODX",
    title="Multinational Military Exercises (MME) dataset, version 7: the rows on the CIS "
    "anti-terror exercises, 2001-2009",
    publisher="Harvard Dataverse",
    language="en",
)


def imported(content: DatasetFile, rows: list[Row]) -> str:
    """The data file's text with the rows imported (what an earlier run wrote replaced)."""
    remove_import(content)
    apply_rows(content, rows)
    return to_toml(content)


def main(argv: list[str] | None = None) -> int:
    """Import, or with --check compare; 0 when the file is (now) as the import makes it."""
    parser = argparse.ArgumentParser(description=__doc__.partition("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 on change")
    args = parser.parse_args(argv)
    try:
        before = DATA.read_text(encoding="utf-8")
        after = imported(load([DATA]).content, read_rows(ROWS))
    except RowsError as exc:
        print(exc, file=sys.stderr)
        return 1
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    if args.check:
        if before != after:
            print(f"{DATA}: not as tools/import_mme.py makes it; run it", file=sys.stderr)
            return 1
        return 0
    if before != after:
        DATA.write_text(after, encoding="utf-8")
        subprocess.run([sys.executable, "-m", "atctui.loading"], check=True)
    print(f"{DATA}: {'updated' if before != after else 'unchanged'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
