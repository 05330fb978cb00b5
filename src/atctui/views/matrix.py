"""The participants matrix: participants (rows, grouped by kind) against meetings (columns),
each cell attended, absent from a complete list, or unknown."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, overload

from atctui.dataset import Dataset, Presence
from atctui.model import KIND_LABELS, PARTICIPANT_KINDS, Meeting, Participant
from atctui.query import Facts, Query, matches, parse
from atctui.views.base import (
    KIND_SHORT,
    Column,
    Row,
    View,
    cached,
    flags,
    has,
    meeting_fields,
    meeting_label,
    participant_names,
)

# Query fields that choose the matrix's meeting columns rather than its participant rows.
COLUMN_FIELDS = frozenset({"year", "meeting", "city"})


LEGEND_MATRIX = "● attended  · not in a complete list  ? unknown  * number inferred"


def participants(dataset: Dataset, query: Query | str = "") -> View:
    """The matrix: participants (rows, grouped by kind) against meetings (columns)."""
    q = parse(query) if isinstance(query, str) else query
    column_query, row_query = q.split(COLUMN_FIELDS)
    meeting_facts = cached(dataset, "meeting-columns", _column_facts)
    meetings = [m for m, facts in meeting_facts if matches(column_query, facts)]
    order = {kind: i for i, kind in enumerate(PARTICIPANT_KINDS)}
    people: list[tuple[Participant, Facts]] = cached(dataset, "participants", _participant_facts)
    rows = []
    for p, facts in people:
        if not matches(row_query, facts):
            continue
        marks = [dataset.presence(m.id, p.id) for m in meetings]
        attended = sum(1 for mark in marks if mark is Presence.ATTENDED)
        cells = (p.name, KIND_SHORT[p.kind], *(mark.mark for mark in marks), str(attended))
        sort = _MatrixSort(cells, (p.name.casefold(), order[p.kind]), attended)
        rows.append(Row(f"participant:{p.id}", cells, sort, facts))
    kept = tuple(rows)
    totals = [
        sum(1 for r in kept if r.cells[2 + i] == Presence.ATTENDED.mark)
        for i in range(len(meetings))
    ]
    columns = (
        Column("participant", "Participant", ratio=1),
        Column("kind", "Kind"),
        *(Column(m.id, meeting_label(m)) for m in meetings),
        Column("total", "Total", numeric=True),
    )
    footer = ("Participants per meeting", "", *(str(t) for t in totals), "")
    return View(
        "participants",
        "Participants",
        columns,
        kept,
        q.text,
        len(people),
        legend=LEGEND_MATRIX,
        footer_row=footer,
        column_keys=("", "", *(f"meeting:{m.id}" for m in meetings), ""),
    )


def _column_facts(dataset: Dataset) -> list[tuple[Meeting, Facts]]:
    """What the column fields (year, meeting, city) match of each meeting: only those, as
    a meeting's whole search text is not needed to choose columns (and is large)."""
    return [
        (m, Facts.of([], (m.date.year, m.date.end_year), city=m.city, **meeting_fields(m)))
        for m in dataset.meetings
    ]


def _participant_facts(dataset: Dataset) -> list[tuple[Participant, Facts]]:
    order = {kind: i for i, kind in enumerate(PARTICIPANT_KINDS)}
    people = sorted(dataset.participants.values(), key=lambda p: (order[p.kind], p.name.casefold()))
    return [
        (
            p,
            Facts.of(
                [p.name, p.short, *p.aliases, KIND_LABELS[p.kind]],
                participant=participant_names(p),
                kind=[p.kind, KIND_SHORT[p.kind], KIND_LABELS[p.kind]],
                has=has(flags(dataset, "participant", p)),
            ),
        )
        for p in people
    ]


_RANK_OF_MARK = {Presence.ATTENDED.mark: 0, Presence.UNKNOWN.mark: 1, Presence.ABSENT.mark: 2}


class _MatrixSort(Sequence[Any]):
    """A matrix row's sort values, read off its cells when a sort asks: a stored tuple
    would be one value per meeting column, in every row. Attended first, then unknown,
    then absent."""

    __slots__ = ("attended", "cells", "head")

    def __init__(self, cells: tuple[str, ...], head: tuple[Any, ...], attended: int) -> None:
        self.cells, self.head, self.attended = cells, head, attended

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
