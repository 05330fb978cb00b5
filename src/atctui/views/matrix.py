"""The participants matrix: participants (rows, grouped by kind) against meetings or
exercises (columns), each cell attended, absent from a complete list, or unknown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from atctui.dataset import Dataset, Gathering, Presence, meeting_order
from atctui.model import KIND_LABELS, PARTICIPANT_KINDS, Exercise, Participant
from atctui.query import Facts, Query, Term, matches, parse
from atctui.views.base import (
    COLUMN_KINDS,
    KIND_SHORT,
    Column,
    Row,
    View,
    cached,
    flags,
    gathering_columns,
    gathering_ref,
    has,
    meeting_fields,
    participant_names,
    series_names,
)

# Query fields that choose the matrix's columns (meetings, exercises) rather than its
# participant rows; `kind:` chooses columns with the values of COLUMN_KINDS.
COLUMN_FIELDS = frozenset({"year", "meeting", "city", "series"})
_ALL_COLUMNS = frozenset(COLUMN_KINDS[2])
_COLUMN_KIND_VALUES = frozenset(v for group in COLUMN_KINDS for v in group)


LEGEND_MATRIX = (
    "● attended  ○ observer (not counted)  · not in a complete list  ? unknown  * number inferred"
)


def participants(dataset: Dataset, query: Query | str = "") -> View:
    """The matrix: participants (rows, grouped by kind) against meetings or exercises
    (columns, as `kind:` and `series:` choose them)."""
    q = parse(query) if isinstance(query, str) else query
    column_query, row_query = split_columns(q)
    column_facts = cached(dataset, "gathering-columns", _column_facts)
    chosen = [g for g, facts in column_facts if matches(column_query, facts)]
    order = {kind: i for i, kind in enumerate(PARTICIPANT_KINDS)}
    people: list[tuple[Participant, Facts]] = cached(dataset, "participants", _participant_facts)
    refs = [gathering_ref(g) for g in chosen]
    rows = []
    for p, facts in people:
        if not matches(row_query, facts):
            continue
        marks = [dataset.presence(ref, p.id) for ref in refs]
        attended = sum(1 for mark in marks if mark is Presence.ATTENDED)
        cells = (p.name, KIND_SHORT[p.kind], *(mark.mark for mark in marks), str(attended))
        sort = _MatrixSort(cells, (p.name.casefold(), order[p.kind]), attended)
        rows.append(Row(f"participant:{p.id}", cells, sort, facts))
    kept = tuple(rows)
    totals = [
        sum(1 for r in kept if r.cells[2 + i] == Presence.ATTENDED.mark) for i in range(len(chosen))
    ]
    columns = (
        Column("participant", "Participant", ratio=1),
        Column("kind", "Kind"),
        *gathering_columns(chosen, dataset),
        Column("total", "Total", numeric=True),
    )
    exercises_only = bool(chosen) and all(isinstance(g, Exercise) for g in chosen)
    per = "exercise" if exercises_only else "meeting"
    footer = (f"Participants per {per}", "", *(str(t) for t in totals), "")
    return View(
        "participants",
        "Participants",
        columns,
        kept,
        q.text,
        len(people),
        legend=LEGEND_MATRIX,
        footer_row=footer,
        column_keys=("", "", *refs, ""),
    )


def split_columns(query: Query) -> tuple[Query, Query]:
    """(the terms that choose the matrix's columns, the terms that choose its rows).
    Without a `kind:`, `series:` or `meeting:` term on the columns, they are the
    meetings; `kind:all` lifts that."""

    def on_columns(term: Term) -> bool:
        return term.field in COLUMN_FIELDS or (
            term.field == "kind" and term.value in _COLUMN_KIND_VALUES
        )

    columns = [t for t in query.terms if on_columns(t)]
    rows = tuple(t for t in query.terms if not on_columns(t))
    # A meeting: term names its columns, meetings or exercises: it is not narrowed further.
    chooses_kind = any(
        t.field in ("kind", "series") or (t.field == "meeting" and not t.negated) for t in columns
    )
    columns = [t for t in columns if not (t.field == "kind" and t.value in _ALL_COLUMNS)]
    if not chooses_kind:
        columns.append(Term("kind", "meeting"))
    return Query(query.text, tuple(columns)), Query(query.text, rows)


def _column_facts(dataset: Dataset) -> list[tuple[Gathering, Facts]]:
    """What the column fields (year, meeting, city, series, kind) match of each meeting
    and exercise: only those, as a meeting's whole search text is not needed to choose
    columns (and is large)."""
    out: list[tuple[Gathering, Facts]] = []
    for g in sorted(dataset.gatherings.values(), key=meeting_order):
        years = (g.date.year, g.date.end_year) if g.date is not None else None
        if isinstance(g, Exercise):
            city: list[str | None] = [g.place, g.territory]
            kind = ["exercise", "exercises"]
        else:
            city, kind = [g.city], ["meeting", "meetings"]
        series = series_names(dataset, g)
        out.append((g, Facts.of([], years, city=city, kind=kind, series=series,
                                **meeting_fields(dataset, g))))  # fmt: skip
    return out


def _participant_facts(dataset: Dataset) -> list[tuple[Participant, Facts]]:
    order = {kind: i for i, kind in enumerate(PARTICIPANT_KINDS)}
    people = sorted(dataset.participants.values(), key=lambda p: (order[p.kind], p.name.casefold()))
    return [
        (
            p,
            Facts.of(
                [*participant_names(p), KIND_LABELS[p.kind]],
                participant=participant_names(p),
                kind=[p.kind, KIND_SHORT[p.kind], KIND_LABELS[p.kind]],
                has=has(flags(dataset, "participant", p)),
            ),
        )
        for p in people
    ]


_RANK_OF_MARK = {
    Presence.ATTENDED.mark: 0,
    Presence.OBSERVED.mark: 1,
    Presence.UNKNOWN.mark: 2,
    Presence.ABSENT.mark: 3,
}


class _MatrixSort(Sequence[Any]):
    """A matrix row's sort values, read off its cells when a sort asks: a stored tuple
    would be one value per meeting column, in every row. Attended first, then unknown,
    then absent."""

    __slots__ = ("attended", "cells", "head")

    def __init__(self, cells: tuple[str, ...], head: tuple[Any, ...], attended: int) -> None:
        self.cells, self.head, self.attended = cells, head, attended

    def renamed(self, cells: Sequence[str]) -> _MatrixSort:
        """The same sort for the row's cells with its name shown in another language."""
        return _MatrixSort(tuple(cells), (cells[0].casefold(), *self.head[1:]), self.attended)

    def __len__(self) -> int:
        return len(self.cells)

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return tuple(self[i] for i in range(len(self))[index])
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index < len(self.head):
            return self.head[index]
        if index == len(self) - 1:
            return self.attended
        return _RANK_OF_MARK[self.cells[index]]
