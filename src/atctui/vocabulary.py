"""The values that the filter language's `kind:`, `status:` and `has:` take on each tab,
gathered from the code that gives rows those values: what the help lists, and what the
README's filter table lists (a test holds it to this)."""

from __future__ import annotations

from functools import cache
from typing import get_args

from atctui.compare import CHANGES, ONLY
from atctui.model import PARTICIPANT_KINDS, AgendaItem, Event, Exercise, record_fields
from atctui.query import MARKERS, quoted
from atctui.views.base import KIND_SHORT
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
        ("kind", "Compare's agenda items", _each(_allowed(AgendaItem, "kind"))),
        ("status", "Exercises", _each(_allowed(Exercise, "status"))),
        ("status", "Compare", _each((*CHANGES, ONLY))),
        ("has", "Timeline, Exercises, Participants", _each(tuple(MARKERS))),
    )


def typed(value: str) -> str:
    """A value as it is typed after `field:`: in quotes when it holds a space."""
    return quoted(value) if " " in value else value


def spelled(group: tuple[str, ...]) -> str:
    """A value's spellings as the help shows them: `"intl org" (international_organization)`."""
    first, *others = (typed(value) for value in group)
    return f"{first} ({', '.join(others)})" if others else first
