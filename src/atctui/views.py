"""Pure view builders: the rows and columns of each tab, shared by the app and every export.

A `View` is what a user sees: title, columns, rows (after filter and sort). The app
displays it and the exporters write it, so an export is exactly what was on screen.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple

from atctui.dataset import Dataset
from atctui.dates import FuzzyDate
from atctui.model import Meeting, Participant
from atctui.query import Facts, Query, fold, matches, parse

VIEWS = ("timeline", "participants", "exercises")
KIND_SHORT = {
    "member_state": "state",
    "cis_body": "CIS body",
    "international_organization": "intl org",
    "basic_organization": "basic org",
}


class Column(NamedTuple):
    key: str
    label: str
    numeric: bool = False
    ratio: int = 0  # > 0: free text that wraps, sharing the spare width in this ratio


@dataclass(frozen=True, slots=True)
class Row:
    key: str  # "meeting:x-2017": the record behind the row, for the detail pane
    cells: tuple[str, ...]
    sort: Sequence[Any]  # a tuple, or the matrix's values read off its cells
    facts: Facts = field(compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class View:
    name: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    query: str = ""
    total: int = 0  # rows before filtering
    sort_column: int | None = None
    sort_reverse: bool = False
    legend: str = ""
    footer_row: tuple[str, ...] | None = None  # totals, kept out of sorting and filtering
    column_keys: tuple[str, ...] = ()  # matrix: the record behind each column

    def sorted_by(self, column: int, reverse: bool = False) -> View:
        def key(row: Row) -> tuple[bool, Any]:
            # Text sorts ignoring case, folded here rather than stored folded in every row.
            value = row.sort[column]
            if isinstance(value, str):
                return (False, value.casefold())
            return (value is None, value if value is not None else 0)

        rows = sorted(self.rows, key=key, reverse=reverse)
        if reverse:  # keep rows without a value last either way
            rows = [r for r in rows if r.sort[column] is not None] + [
                r for r in rows if r.sort[column] is None
            ]
        return replace(self, rows=tuple(rows), sort_column=column, sort_reverse=reverse)


def flags(dataset: Dataset, kind: str, record: Any) -> str:
    """Markers for a row: * inferred, ? uncertain, ! contradiction, n note."""
    marks = ""
    inferred = getattr(record, "inferred", [])
    nested = [inf for a in getattr(record, "attendances", []) for inf in a.inferred]
    if inferred or nested:
        marks += "*"
    if any(i.uncertain for i in [*inferred, *nested]):
        marks += "?"
    notes = dataset.notes_for(kind, record.id)
    if any(n.kind == "contradiction" for n in notes):
        marks += "!"
    if any(n.kind == "note" for n in notes):
        marks += "n"
    return marks


def _has(marks: str) -> list[str | None]:
    names = {"*": "inferred", "?": "uncertain", "!": "contradiction", "n": "note"}
    return [names[m] for m in marks]


def roman(number: int) -> str:
    """12 -> 'XII'; a number Roman numerals do not write (over 3999) stays in digits."""
    if not 1 <= number <= 3999:
        return str(number)
    out = ""
    for value, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while number >= value:
            out += letters
            number -= value
    return out


def meeting_label(meeting: Meeting) -> str:
    """Short column header: 'X 2017', 'XIII* 2020' (* the number is inferred)."""
    if meeting.number is None:
        return f"{meeting.date.year}"
    star = "*" if "number" in meeting.inferred_fields() else ""
    return f"{roman(meeting.number)}{star} {meeting.date.year}"


def participant_names(p: Participant | None) -> list[str | None]:
    return [] if p is None else [p.name, p.short, p.id, *p.aliases]


def meeting_numbers(m: Meeting) -> list[str | None]:
    """What `meeting:` matches: id, title, Roman and Arabic number."""
    return [m.id, m.title, roman(m.number) if m.number else None, str(m.number or "")]


def member_directory(dataset: Dataset) -> dict[str, str]:
    """Each participant's folded names, one per line: what `participant:` and any text
    match of the participants a row names (Facts.members)."""
    return {
        pid: "\n".join(dict.fromkeys(fold(n) for n in participant_names(p) if n))
        for pid, p in dataset.participants.items()
    }


def _meeting_facts(dataset: Dataset, m: Meeting, marks: str) -> Facts:
    # As written at this meeting here; the participant's own names through the directory.
    attendees = [name for a in m.attendances for name in (a.as_written, a.agency)]
    people = [
        person.name
        for person in dataset.people.values()
        if any(alias in item.text for item in m.agenda for alias in [person.name, *person.aliases])
    ]
    numbers = meeting_numbers(m)
    return Facts.of(
        [m.title, m.city, *[item.text for item in m.agenda]],
        years=(m.date.year, m.date.end_year),
        participant=attendees,
        city=m.city,
        kind="meeting",
        has=_has(marks),
        meeting=numbers,
        person=people,
        source=_sources(dataset, m),
        members=[a.participant for a in m.attendances],
        directory=cached(dataset, "member-directory", member_directory),
    )


def _sources(dataset: Dataset, record: Any) -> list[str | None]:
    ids = {c.source for c in record.citations}
    return [
        part
        for sid in sorted(ids)
        for part in (sid, dataset.sources[sid].file, dataset.sources[sid].publisher)
    ]


def cached(dataset: Dataset, key: str, build_rows: Callable[[Dataset], Any]) -> Any:
    """Rows are built once per dataset; a filter only runs the matcher over them."""
    if key not in dataset.view_cache:
        dataset.view_cache[key] = build_rows(dataset)
    return dataset.view_cache[key]


def _list_view(
    dataset: Dataset,
    query: Query | str,
    name: str,
    columns: tuple[Column, ...],
    build_rows: Callable[[Dataset], tuple[Row, ...]],
) -> View:
    """A one-record-per-row view: its cached rows, narrowed by the query."""
    q = parse(query) if isinstance(query, str) else query
    rows: tuple[Row, ...] = cached(dataset, name, build_rows)
    kept = tuple(r for r in rows if matches(q, r.facts))
    return View(name, name.capitalize(), columns, kept, q.text, len(rows), legend=LEGEND_FLAGS)


TIMELINE_COLUMNS = (
    Column("date", "Date"),
    Column("kind", "Kind"),
    Column("flags", "Flags"),
    Column("title", "Title", ratio=3),
    Column("place", "Place", ratio=1),
)


def timeline(dataset: Dataset, query: Query | str = "") -> View:
    return _list_view(dataset, query, "timeline", TIMELINE_COLUMNS, _timeline_rows)


def _timeline_rows(dataset: Dataset) -> tuple[Row, ...]:
    rows: list[Row] = []

    def add(key: str, date: Any, kind: str, title: str, place: str | None, marks: str,
            facts: Facts) -> None:  # fmt: skip
        cells = (date.human() if date else "", kind, marks, title, place or "")
        sort = (date.sort_key() if date else None, kind, marks, title, place)
        rows.append(Row(sys.intern(key), cells, sort, facts))  # the string Dataset.records has

    for m in dataset.meetings:
        marks = flags(dataset, "meeting", m)
        title = f"{meeting_label(m)}: {m.title}" if m.number else m.title
        add(f"meeting:{m.id}", m.date, "meeting", title, m.city, marks,
            _meeting_facts(dataset, m, marks))  # fmt: skip
    for e in dataset.exercises:
        marks = flags(dataset, "exercise", e)
        add(f"exercise:{e.id}", e.date, "exercise", f"{e.name} ({e.status})",
            e.place or e.territory, marks, _exercise_facts(dataset, e, marks))  # fmt: skip
    for p in dataset.content.programs:
        marks = flags(dataset, "program", p)
        facts = Facts.of([p.title, p.description], _years(p.period), kind="program",
                         has=_has(marks), source=_sources(dataset, p))  # fmt: skip
        add(f"program:{p.id}", p.period, "program", p.title, p.place, marks, facts)
    for f in dataset.content.formats:
        if f.since is None:
            continue
        marks = flags(dataset, "format", f)
        title = (
            f"{f.name} ({f.frequency}, since {f.since.human()})"
            if f.frequency
            else (f"{f.name} (since {f.since.human()})")
        )
        facts = Facts.of(
            [f.name, f.description, f.place],
            (f.since.year, f.since.end_year),
            city=f.place,
            kind="format",
            has=_has(marks),
            source=_sources(dataset, f),
        )
        add(f"format:{f.id}", f.since, "since", title, f.place, marks, facts)
    for ev in dataset.content.events:
        marks = flags(dataset, "event", ev)
        facts = Facts.of(
            [ev.title, ev.place],
            (ev.date.year, ev.date.end_year),
            city=ev.place,
            kind=["event", ev.kind],
            has=_has(marks),
            source=_sources(dataset, ev),
        )
        add(f"event:{ev.id}", ev.date, ev.kind, ev.title, ev.place, marks, facts)

    for person in dataset.people.values():
        for role in person.roles:
            if role.start is None:
                continue
            marks = "*" if role.inferred else ""
            marks += "?" if any(i.uncertain for i in role.inferred) else ""
            date, title = term(person.name, role)
            org = dataset.participants.get(role.organisation or "")
            facts = Facts.of(
                [title, org.name if org else None],
                (role.start.year, (role.end or role.start).end_year),
                participant=participant_names(org),
                kind=["term", "person"],
                person=[person.name, *person.aliases],
                has=_has(marks),
                source=_sources(dataset, role),
            )
            add(f"person:{person.id}", date, "term", title, None, marks, facts)

    rows.sort(key=lambda r: (r.sort[0] is None, r.sort[0] or (), r.cells[1], r.key))
    return tuple(rows)


def term(name: str, role: Any) -> tuple[FuzzyDate, str]:
    """A role held over a term, as a date and a title: '2006-11..2021-12', 'X, Head of …'."""
    start, end = role.start, role.end
    title = f"{name}, {role.title}"
    if (
        end is not None
        and start.end is None
        and end.end is None
        and (start.start.precision == end.start.precision and end.start > start.start)
    ):
        return FuzzyDate(start.start, end.start), title
    if end is not None:
        return start, f"{title} (to {end.human()})"
    return start, f"{title} (from {start.human()})"


LEGEND_FLAGS = "Flags: * inferred  ? uncertain  ! contradiction  n note"


def _years(date: Any) -> tuple[int, int] | None:
    return (date.year, date.end_year) if date else None


def _exercise_facts(dataset: Dataset, e: Any, marks: str) -> Facts:
    host = participant_names(dataset.participants.get(e.host)) if e.host else []
    partners = [n for pid in e.partners for n in participant_names(dataset.participants[pid])]
    meetings = [
        part for mid in e.discussed_at for part in (mid, meeting_label(dataset.meetings_by_id[mid]))
    ]
    return Facts.of(
        [e.name, e.territory, e.place, e.description, *e.stages, e.ordinal],
        _years(e.date),
        participant=[*host, *partners],
        host=host,
        city=[e.place, e.territory],
        kind="exercise",
        status=e.status,
        has=_has(marks),
        meeting=meetings,
        source=_sources(dataset, e),
    )


EXERCISE_COLUMNS = (
    Column("name", "Exercise"),
    Column("date", "Date"),
    Column("host", "Host"),
    Column("territory", "Place", ratio=1),
    Column("stages", "Stages", ratio=1),
    Column("status", "Status"),
    Column("discussed_at", "Meeting"),
    Column("flags", "Flags"),
)


def exercises(dataset: Dataset, query: Query | str = "") -> View:
    return _list_view(dataset, query, "exercises", EXERCISE_COLUMNS, _exercise_rows)


def _exercise_rows(dataset: Dataset) -> tuple[Row, ...]:
    rows = []
    for e in dataset.exercises:
        marks = flags(dataset, "exercise", e)
        host = dataset.participants[e.host].name if e.host else ""
        discussed = ", ".join(meeting_label(dataset.meetings_by_id[m]) for m in e.discussed_at)
        cells = (
            e.name,
            e.date.human() if e.date else "",
            host,
            e.place or e.territory or "",
            "; ".join(e.stages),
            e.status,
            discussed,
            marks,
        )
        sort = (e.name, e.date.sort_key() if e.date else None, host or None,
                cells[3] or None, cells[4] or None, e.status, discussed or None, marks)  # fmt: skip
        rows.append(Row(f"exercise:{e.id}", cells, sort, _exercise_facts(dataset, e, marks)))
    return tuple(rows)


def frequency(view: View, by: str) -> list[tuple[str, int]]:
    """How many rows have each value of a column (VisiData's frequency sheet), most
    first; `by="year"` counts the year each row starts in."""
    counts: dict[str, int] = {}
    if by == "year":
        values = [str(r.facts.years[0]) if r.facts.years else "" for r in view.rows]
    else:
        index = [c.key for c in view.columns].index(by)
        values = [r.cells[index] for r in view.rows]
    for value in values:
        counts[value or "(none)"] = counts.get(value or "(none)", 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def build(name: str, dataset: Dataset, query: Query | str = "") -> View:
    """The view `name` ("timeline", "participants", "exercises") over `dataset`."""
    if name == "timeline":
        return timeline(dataset, query)
    if name == "exercises":
        return exercises(dataset, query)
    if name == "participants":
        from atctui.matrix import participants  # it builds on this module's pieces

        return participants(dataset, query)
    raise KeyError(name)
