"""The vocabulary every view shares: columns, rows, the view itself, the markers a row
carries, and the labels a user reads for meetings and participants."""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, NamedTuple, TypedDict

from atctui.dataset import Dataset, Gathering
from atctui.model import KIND_LABELS, Exercise, Format, Meeting, Participant
from atctui.query import MARKERS, Facts, fold, whole_values

# What `kind:` takes on the matrix to choose its columns, each value with its spellings:
# without one (and without `series:` or `meeting:`) the columns are the meetings. Here,
# not in matrix.py, so that the app's start need not import the matrix.
COLUMN_KINDS = (("meeting", "meetings"), ("exercise", "exercises"), ("all", "both"))

KIND_SHORT = {
    "member_state": "state",
    "cis_body": "CIS body",
    "international_organization": "intl org",
    "basic_organization": "basic org",
    "other_country": "country",
}

# Whole values of `kind:` (query.whole_values), before any row is made: on every tab,
# 'kind:state' is a member state, never a 'statement'.
whole_values("kind", [*KIND_SHORT, *KIND_SHORT.values(), *KIND_LABELS.values()])


class Column(NamedTuple):
    """A column of a view: its key, its label, whether it holds numbers (aligned right), and
    its share of the spare width when it holds free text that wraps."""

    key: str
    label: str
    numeric: bool = False
    ratio: int = 0  # > 0: free text that wraps, sharing the spare width in this ratio


@dataclass(frozen=True, slots=True)
class Row:
    """A row of a view: the record behind it, its cells as shown, its sort values and what a
    query matches it on."""

    key: str  # "meeting:x-2017": the record behind the row, for the detail pane
    cells: tuple[str, ...]
    sort: Sequence[Any]  # a tuple, or the matrix's values read off its cells
    # The facts, or what makes them when a query first needs them: a view shown without
    # a filter (the first screen) never folds its rows' texts.
    made_facts: Facts | Callable[[], Facts] = field(compare=False, repr=False)

    @property
    def facts(self) -> Facts:
        """What a query matches this row on, made on first use and kept."""
        made = self.made_facts
        if not isinstance(made, Facts):
            made = made()
            object.__setattr__(self, "made_facts", made)  # frozen: only this cache changes
        return made

    def facts_for_copy(self) -> Facts | Callable[[], Facts]:
        """The facts for a copy of this row (sorted, columns picked): made here, once, for
        this row and all its copies."""
        made = self.made_facts
        return made if isinstance(made, Facts) else lambda: self.facts


# Neither compared nor printed: no generated __eq__, __hash__ or __repr__ to compile at
# start-up (views are told apart by what they hold: their rows, columns and query).
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class View:
    """What a tab shows, and what every export writes: the columns and the rows after the
    filter and sort, the count before filtering, the legend; the matrix's totals row, and
    the meeting behind each column of the matrix and of Compare."""

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
    hidden: tuple[str, ...] = ()  # the labels of columns the user hid (- in the app)
    # Records named in each language they have a name in, by reference (naming.in_language).
    names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def sorted_by(self, column: int, reverse: bool = False) -> View:
        """The view sorted by one column, text ignoring case; rows without a value stay last,
        in either order."""

        def key(row: Row) -> tuple[bool, Any]:
            """Where a row goes: by its value in the column, rows without one last."""
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


def has(marks: str) -> list[str | None]:
    """The `has:` values a row's markers stand for: '*!' gives inferred and contradiction."""
    return [_MARKER_OF_FLAG[m] for m in marks]


_MARKER_OF_FLAG = {flag: name for name, flag in MARKERS.items()}


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


def series_short(dataset: Dataset, meeting: Meeting) -> str | None:
    """The short name of a meeting's format ('SAC'), when the data give it one."""
    fmt = dataset.records.get(f"format:{meeting.series}") if meeting.series else None
    return fmt.short if isinstance(fmt, Format) else None


def meeting_label(meeting: Meeting, dataset: Dataset) -> str:
    """Short column header: 'X 2017', 'XIII* 2020' (* the number is inferred); a meeting
    without a number by its month when the source gives one ('Apr 2025'), so two such
    meetings of one year keep apart; after its format's short name when the format has
    one ('SAC May 2017', 'Experts VII 2017'), so that meetings of two formats in one
    month, or of one number, do not read alike."""
    short = series_short(dataset, meeting)
    prefix = f"{short} " if short else ""
    if meeting.number is None:
        start = meeting.date.start
        if not start.month:
            return f"{prefix}{meeting.date.year}"
        return f"{prefix}{calendar.month_abbr[start.month]} {meeting.date.year}"
    star = "*" if "number" in meeting.inferred_fields() else ""
    return f"{prefix}{roman(meeting.number)}{star} {meeting.date.year}"


# An exercise's series word, dropped from its column header: "Caspian-Antiterror" is
# "Caspian 2021" there, "Ararat-Anti-Terror – 2019" "Ararat 2019".
_EXERCISE_SUFFIX = re.compile(r"[-\s–—]*anti-?\s?terror\w*.*$", re.IGNORECASE)


def exercise_label(exercise: Exercise) -> str:
    """Short column header of an exercise: its place word and year ('Caspian 2021')."""
    base = _EXERCISE_SUFFIX.sub("", exercise.name).strip() or exercise.name
    if exercise.date is None or str(exercise.date.year) in base:
        return base
    return f"{base} {exercise.date.year}"


def gathering_label(gathering: Gathering, dataset: Dataset) -> str:
    """A meeting's or an exercise's column header (`meeting_label`, `exercise_label`)."""
    if isinstance(gathering, Exercise):
        return exercise_label(gathering)
    return meeting_label(gathering, dataset)


def gathering_columns(gatherings: Sequence[Gathering], dataset: Dataset) -> list[Column]:
    """A column per meeting or exercise, keyed by its reference ('meeting:x-2017', never
    one of a view's own keys, nor an exercise's of the same id) and headed by its label;
    a label that two of them would share gets the record's id too ('V 2019 (m2)'), so
    that no header, in the table or a CSV file, stands for two columns."""
    labels = [gathering_label(g, dataset) for g in gatherings]
    repeated = {label for label in labels if labels.count(label) > 1}
    return [
        Column(gathering_ref(g), f"{label} ({g.id})" if label in repeated else label)
        for g, label in zip(gatherings, labels, strict=True)
    ]


def gathering_ref(gathering: Gathering) -> str:
    """'meeting:x-2017', 'exercise:caspian-antiterror-2021'."""
    kind = "exercise" if isinstance(gathering, Exercise) else "meeting"
    return f"{kind}:{gathering.id}"


def participant_names(p: Participant | None) -> list[str | None]:
    """The names a participant is matched by: name, short name, id, aliases and its names
    in other languages."""
    if p is None:
        return []
    return [p.name, p.short, p.id, *p.aliases, *(n.text for n in p.names)]


def person_names(person: Any) -> list[str | None]:
    """The names a person is matched by: name, aliases, names in other languages."""
    return [person.name, *person.aliases, *(n.text for n in person.names)]


def meeting_names(m: Gathering, dataset: Dataset) -> list[str]:
    """Every way a user names a meeting: its id, label ('XIII* 2020' or 'XIII 2020'),
    number and Roman numeral (an exercise: its id, reference and label); `meeting:`
    matches them whole, as `atctui diff` takes them."""
    if isinstance(m, Exercise):
        return [m.id, f"exercise:{m.id}", exercise_label(m)]
    label = meeting_label(m, dataset)
    names = [m.id, label, label.replace("*", "")]
    if m.number is not None:
        names += [str(m.number), roman(m.number)]
    return names


class MeetingFields(TypedDict):
    """The facts `meeting:` matches of a row (`Facts.of(**meeting_fields(dataset, m))`)."""

    meeting: list[str | None]
    meeting_title: list[str | None]


def meeting_fields(dataset: Dataset, *meetings: Gathering) -> MeetingFields:
    """What `meeting:` matches of a row about these meetings (or exercises): their names,
    whole, and the words of their titles (query.WHOLE_FIELDS)."""
    return MeetingFields(
        meeting=[name for m in meetings for name in meeting_names(m, dataset)],
        meeting_title=[m.name if isinstance(m, Exercise) else m.title for m in meetings],
    )


def series_names(dataset: Dataset, gathering: Gathering) -> list[str | None]:
    """What `series:` matches of a meeting or an exercise: its format's id and names
    (an exercise's: 'exercise' and the joint exercises' format, when the data have it);
    one list per format, shared by its meetings."""
    by_series: dict[str | None, list[str | None]] = cached(dataset, "series-names", _no_names)
    key = "exercise:" if isinstance(gathering, Exercise) else gathering.series
    if key not in by_series:
        if isinstance(gathering, Exercise):
            fmt = dataset.records.get("format:joint-exercises")
            by_series[key] = ["exercise", *(format_names(fmt) if fmt is not None else [])]
        elif key is None:
            by_series[key] = ["meeting"]
        else:
            by_series[key] = ["meeting", *format_names(dataset.records.get(f"format:{key}"))]
    return by_series[key]


def _no_names(_dataset: Dataset) -> dict[str | None, list[str | None]]:
    return {}


def format_names(fmt: Any) -> list[str | None]:
    """A format's id and every name it has (in other languages too, and its English
    names spelt with -ise as well as -ize)."""
    if fmt is None:
        return []
    names = [fmt.id, fmt.name, *(n.text for n in fmt.names)]
    if getattr(fmt, "short", None):  # as its meetings' labels show it: series:sac
        names.append(fmt.short)
    # As British English writes them too: series:authorised finds "authorized".
    british = [re.sub(r"iz(e|a|i)", r"is\1", n) for n in names[:2]]
    return [*names, *(b for b in british if b not in names)]


def member_directory(dataset: Dataset) -> dict[str, str]:
    """Each participant's folded names, one per line: what `participant:` and any text
    match of the participants a row names (Facts.members)."""
    return {
        pid: "\n".join(dict.fromkeys(fold(n) for n in participant_names(p) if n))
        for pid, p in dataset.participants.items()
    }


def cached(dataset: Dataset, key: str, build_rows: Callable[[Dataset], Any]) -> Any:
    """Rows are built once per dataset; a filter only runs the matcher over them."""
    if key not in dataset.view_cache:
        dataset.view_cache[key] = build_rows(dataset)
    return dataset.view_cache[key]


LEGEND_FLAGS = "Flags: * inferred  ? uncertain  ! contradiction  n note"
