"""The values that the filter language's `kind:`, `status:` and `has:` take on each tab,
gathered from the code that gives rows those values: what the help lists, and what the
README's filter table lists (a test holds it to this)."""

from __future__ import annotations

import difflib
from functools import cache
from typing import get_args

from atctui.compare import CHANGES, ONLY
from atctui.dataset import Dataset
from atctui.errors import QueryError
from atctui.model import PARTICIPANT_KINDS, AgendaItem, Event, Exercise, Meeting, record_fields
from atctui.query import MARKERS, Query, fold, quoted
from atctui.views.base import COLUMN_KINDS, KIND_SHORT, format_names
from atctui.views.lists import TIMELINE_KINDS

# A field, the tabs where it takes these values, and the values: each a group of
# spellings of one value, the one a column shows first ("intl org", then the model's
# "international_organization").
FieldValues = tuple[str, str, tuple[tuple[str, ...], ...]]


def _allowed(record: type, field: str) -> tuple[str, ...]:
    """The values a record's field allows: its `Literal`."""
    return tuple(get_args(record_fields(record)[field]))


def _each(values: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    return tuple((value,) for value in values)


@cache
def field_values() -> tuple[FieldValues, ...]:
    """Each field's values by tab, in the order the help and the README list them."""
    participant_kinds = tuple((KIND_SHORT[kind], kind) for kind in PARTICIPANT_KINDS)
    return (
        ("kind", "Timeline", _each((*TIMELINE_KINDS, *_allowed(Event, "kind")))),
        ("kind", "Exercises", (("exercise",),)),
        ("kind", "Participants, Compare", participant_kinds),
        ("kind", "Participants", COLUMN_KINDS),
        ("kind", "Compare's agenda items", _each(_allowed(AgendaItem, "kind"))),
        ("status", "Exercises", _each(_allowed(Exercise, "status"))),
        ("status", "Timeline's meetings", _each(_allowed(Meeting, "status"))),
        ("status", "Compare", _each((*CHANGES, ONLY))),
        ("has", "Timeline, Exercises, Participants", _each(tuple(MARKERS))),
    )


def series_values(dataset: Dataset) -> list[tuple[str, ...]]:
    """What `series:` takes in `dataset`: each format's id and names, then the words for
    all meetings and for exercises."""
    groups = [tuple(n for n in format_names(f) if n) for f in dataset.content.formats]
    return [*groups, ("meeting",), ("exercise",)]


def check_series(query: Query, dataset: Dataset) -> None:
    """Raise QueryError for a `series:` term that no format of the dataset holds
    ('series:zzz' read as "no rows"), listing the formats' ids."""
    terms = [term for term in query.terms if term.field == "series"]
    if not terms:  # the formats' names are gathered only for a query that needs them
        return
    groups = series_values(dataset)
    known = [fold(value) for group in groups for value in group]
    for term in terms:
        if any(term.value in value for value in known):
            continue
        close = difflib.get_close_matches(term.value, known, n=1, cutoff=0.7)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        listed = ", ".join(group[0] for group in groups)
        raise QueryError(f"no series '{term.typed}'{hint}; series: takes {listed}", term.at)


def typed(value: str) -> str:
    """A value as it is typed after `field:`: in quotes when it holds a space."""
    return quoted(value) if " " in value else value


def spelled(group: tuple[str, ...]) -> str:
    """A value's spellings as the help shows them: `"intl org" (international_organization)`."""
    first, *others = (typed(value) for value in group)
    return f"{first} ({', '.join(others)})" if others else first


# The tabs as field_values names them, by view.
_TAB_NAMES = {
    "timeline": "Timeline",
    "participants": "Participants",
    "exercises": "Exercises",
    "compare": "Compare",
}


def values_on(field: str, view_name: str) -> tuple[tuple[str, ...], ...] | None:
    """The values `field` takes on the tab of `view_name`; None for a field that is not
    restricted to listed values (any field but kind:, status:, has:)."""
    restricted = {name for name, _, _ in field_values()}
    if field not in restricted:
        return None
    tab = _TAB_NAMES.get(view_name, view_name)
    groups: list[tuple[str, ...]] = []
    for name, where, values in field_values():
        if name == field and tab in [w.strip() for w in where.replace("'s", ",").split(",")]:
            groups.extend(values)
    return tuple(groups)


def check_values(query: Query, view_name: str, dataset: Dataset | None = None) -> None:
    """Raise QueryError, located at the value, for a `kind:`, `status:` or `has:` term
    whose value no tab knows ('kind:zzz' read as "no rows": a typo unseen), listing the
    values of this tab (of every tab when this one lists none), and, given the dataset,
    for a `series:` term no format of it holds. A value matches inside a listed one
    ('kind:intl'), as the filter matches it."""
    tab = _TAB_NAMES.get(view_name, view_name)
    if dataset is not None:
        check_series(query, dataset)
    for term in query.terms:
        if term.field is None or values_on(term.field, view_name) is None:
            continue
        everywhere = {v for name, _, groups in field_values() if name == term.field
                      for group in groups for v in group}  # fmt: skip
        if any(term.value in fold(value) for value in everywhere):
            continue
        here = values_on(term.field, view_name) or ()
        listed = ", ".join(typed(group[0]) for group in here) or ", ".join(
            sorted(typed(v) for v in everywhere)
        )
        raise QueryError(
            f"no {term.field} '{term.typed}' on the {tab} tab; {term.field}: takes {listed}",
            term.at,
        )
