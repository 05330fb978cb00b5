"""The Timeline and Exercises views: one record per row, narrowed by the query."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import Any

from atctui.dataset import Dataset
from atctui.dates import FuzzyDate
from atctui.model import Exercise, Meeting
from atctui.query import Facts, Query, matches, parse
from atctui.views.base import (
    KIND_SHORT,
    LEGEND_FLAGS,
    Column,
    Row,
    View,
    cached,
    flags,
    format_names,
    has,
    meeting_fields,
    meeting_label,
    member_directory,
    participant_names,
    person_names,
    series_names,
    series_short,
)


def _meeting_facts(dataset: Dataset, m: Meeting, marks: str) -> Facts:
    # As written at this meeting here; the participant's own names through the directory.
    attendees = [name for a in m.attendances for name in (a.as_written, a.agency)]
    people = [
        person.name
        for person in dataset.people.values()
        if any(alias and alias in item.text for item in m.agenda for alias in person_names(person))
    ]
    return Facts.of(
        [m.title, m.city, *[item.text for item in m.agenda]],
        years=(m.date.year, m.date.end_year),
        participant=attendees,
        city=m.city,
        kind="meeting",
        status=m.status,
        series=series_names(dataset, m),
        has=has(marks),
        person=people,
        source=_sources(dataset, m),
        **meeting_fields(dataset, m),
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
    kept = tuple(r for r in rows if matches(q, r.facts)) if q.terms else rows
    return View(name, name.capitalize(), columns, kept, q.text, len(rows), legend=LEGEND_FLAGS)


# What the Timeline's Kind column shows, besides an event's own kind (model.Event.kind):
# what `kind:` takes there.
TIMELINE_KINDS = ("meeting", "exercise", "program", "since", "term")

TIMELINE_COLUMNS = (
    Column("date", "Date"),
    Column("kind", "Kind"),
    Column("flags", "Flags"),
    Column("title", "Title", ratio=3),
    Column("place", "Place", ratio=1),
)


def timeline(dataset: Dataset, query: Query | str = "") -> View:
    """Everything dated, in date order: meetings, exercises, programs, formats from their
    start, events and people's terms in office; the rows the query keeps."""
    return _list_view(dataset, query, "timeline", TIMELINE_COLUMNS, _timeline_rows)


def _timeline_rows(dataset: Dataset) -> tuple[Row, ...]:
    rows: list[Row] = []

    def add(key: str, date: Any, kind: str, title: str, place: str | None, marks: str,
            facts: Facts | Callable[[], Facts]) -> None:  # fmt: skip
        """Add one row: its cells as shown, its sort values and its facts."""
        cells = (date.human() if date else "", kind, marks, title, place or "")
        sort = (date.sort_key() if date else None, kind, marks, title, place)
        rows.append(Row(sys.intern(key), cells, sort, facts))  # the string Dataset.records has

    for m in dataset.meetings:
        marks = flags(dataset, "meeting", m)
        # Led by its label where the label says more than the date: its number, or its
        # format's short name ('SAC May 2016'), as the matrix heads its column.
        labelled = m.number is not None or series_short(dataset, m)
        title = f"{meeting_label(m, dataset)}: {m.title}" if labelled else m.title
        title += " (planned)" if m.status == "planned" else ""
        add(f"meeting:{m.id}", m.date, "meeting", title, m.city, marks,
            partial(_meeting_facts, dataset, m, marks))  # fmt: skip
    for e in dataset.exercises:
        marks = flags(dataset, "exercise", e)
        add(f"exercise:{e.id}", e.date, "exercise", f"{e.name} ({e.status})",
            e.place or e.territory, marks, partial(_exercise_facts, dataset, e, marks))  # fmt: skip
    for p in dataset.content.programs:
        marks = flags(dataset, "program", p)
        facts = partial(Facts.of, [p.title, p.description], _years(p.period), kind="program",
                        has=has(marks), source=_sources(dataset, p))  # fmt: skip
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
        facts = partial(
            Facts.of,
            [f.name, f.description, f.place],
            (f.since.year, f.since.end_year),
            city=f.place,
            series=format_names(f),
            kind=["since", "format"],  # as the Kind column shows it, and the record's kind
            has=has(marks),
            source=_sources(dataset, f),
        )
        add(f"format:{f.id}", f.since, "since", title, f.place, marks, facts)
    for ev in dataset.content.events:
        marks = flags(dataset, "event", ev)
        facts = partial(
            Facts.of,
            [ev.title, ev.place],
            (ev.date.year, ev.date.end_year),
            city=ev.place,
            kind=["event", ev.kind],
            has=has(marks),
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
            facts = partial(
                Facts.of,
                [title, org.name if org else None],
                (role.start.year, (role.end or role.start).end_year),
                participant=participant_names(org),
                kind=["term", "person"],
                person=person_names(person),
                has=has(marks),
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


def _years(date: Any) -> tuple[int, int] | None:
    return (date.year, date.end_year) if date else None


def _exercise_facts(dataset: Dataset, e: Exercise, marks: str) -> Facts:
    host = participant_names(dataset.participants.get(e.host)) if e.host else []
    partners = [n for pid in e.partners for n in participant_names(dataset.participants[pid])]
    meetings = meeting_fields(dataset, *(dataset.meetings_by_id[mid] for mid in e.discussed_at))
    # Those who took part: as written here, their own names through the directory.
    took_part = [name for a in e.attendances for name in (a.as_written, a.agency)]
    # The name with its year too, as it is usually written: "Caspian-Antiterror-2021".
    dated = [f"{e.name}-{e.date.year}"] if e.date and str(e.date.year) not in e.name else []
    texts = [e.name, *dated, *(n.text for n in e.names), e.territory, e.place, e.description]
    return Facts.of(
        [*texts, *e.stages, e.ordinal],
        _years(e.date),
        participant=[*host, *partners, *took_part],
        host=host,
        city=[e.place, e.territory],
        kind="exercise",
        series=series_names(dataset, e),
        status=e.status,
        has=has(marks),
        source=_sources(dataset, e),
        **meetings,
        members=[a.participant for a in e.attendances],
        directory=cached(dataset, "member-directory", member_directory),
    )


EXERCISE_COLUMNS = (
    Column("name", "Exercise"),
    Column("date", "Date"),
    Column("host", "Host"),
    Column("territory", "Place", ratio=1),
    Column("stages", "Stages", ratio=1),
    Column("status", "Status"),
    Column("discussed_at", "Meeting"),
    Column("participants", "Took part", ratio=1),
    Column("flags", "Flags"),
)


def exercises(dataset: Dataset, query: Query | str = "") -> View:
    """The exercises, one a row in date order (undated last); the rows the query keeps."""
    view = _list_view(dataset, query, "exercises", EXERCISE_COLUMNS, _exercise_rows)
    return replace(view, legend=f"{LEGEND_FLAGS}\n{LEGEND_TOOK_PART}")


LEGEND_TOOK_PART = (
    "Took part: short names, an observer or the organiser so marked; (7 states stated) "
    "the number the source states where it differs from the number named"
)


def _exercise_rows(dataset: Dataset) -> tuple[Row, ...]:
    rows = []
    for e in dataset.exercises:
        marks = flags(dataset, "exercise", e)
        host = dataset.participants[e.host].name if e.host else ""
        discussed = ", ".join(
            meeting_label(dataset.meetings_by_id[m], dataset) for m in e.discussed_at
        )
        took_part = took_part_in(dataset, e)
        cells = (
            e.name,
            e.date.human() if e.date else "",
            host,
            e.place or e.territory or "",
            "; ".join(e.stages),
            e.status,
            discussed,
            took_part,
            marks,
        )
        sort = (e.name, e.date.sort_key() if e.date else None, host or None,
                cells[3] or None, cells[4] or None, e.status, discussed or None,
                len(e.attendances) or None, marks)  # fmt: skip
        rows.append(
            Row(f"exercise:{e.id}", cells, sort, partial(_exercise_facts, dataset, e, marks))
        )
    return tuple(rows)


def took_part_in(dataset: Dataset, e: Exercise) -> str:
    """Who took part in an exercise, as its Took part cell says: the participants' short
    names (observers and the organiser marked), then, where the source states a number
    of one kind that differs from the number named, that number ('7 states stated')."""
    names: list[str] = []
    named: dict[str, int] = {}
    for a in e.attendances:
        p = dataset.participants[a.participant]
        names.append(f"{p.short or p.name}{f' ({a.role})' if a.role else ''}")
        if a.role != "observer":
            named[p.kind] = named.get(p.kind, 0) + 1
    said = [
        f"{plist.stated_count} {KIND_SHORT[plist.kind]}{'s' if plist.stated_count != 1 else ''}"
        " stated"
        for plist in e.lists
        if plist.stated_count and plist.stated_count != named.get(plist.kind, 0)
    ]
    return ", ".join(names) + (f" ({'; '.join(said)})" if said else "")


def frequency(view: View, by: str) -> list[tuple[str, int]]:
    """How many rows have each value of a column (VisiData's frequency sheet), most
    first; `by="year"` counts the year each row starts in."""
    counts: dict[str, int] = {}
    if by == "year":
        values = [str(r.facts.years[0]) if r.facts.years else "" for r in view.rows]
    else:
        keys = [c.key for c in view.columns]
        if by not in keys:  # the column is hidden: nothing to count
            return []
        values = [r.cells[keys.index(by)] for r in view.rows]
    for value in values:
        counts[value or "(none)"] = counts.get(value or "(none)", 0) + 1
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))
