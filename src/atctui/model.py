"""The record model: what one TOML dataset file holds.

Every fact carries citations (source id + verbatim quote). A fact derived rather than
read carries an `Inference` naming the field and the reasoning. Contradictions are
`Note`s of kind "contradiction" that point at the records they concern.
"""

from __future__ import annotations

import copy
import dataclasses
import typing
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Literal

from atctui.dates import FuzzyDate

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter
    from pydantic_core import CoreSchema

    from atctui.loading.slicing import SharingPlan

# The records are standard-library dataclasses, and this module does not import Pydantic:
# importing it and building the schemas took a large part of the start-up, where the bundled
# data need not be validated again (bundled.py). `dataset_file_adapter` builds the
# validator when a file is read. The constraints below are read by Pydantic then.


class Constraints:
    """Pydantic constraints on a field's type (`strict`, `pattern`, `min_length`, ...),
    given to the schema Pydantic builds for it when a file is validated."""

    __slots__ = ("values",)

    def __init__(self, **values: object) -> None:
        self.values = values

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        schema = handler(source)
        typing.cast(dict[str, Any], schema).update(self.values)
        return schema


STRICT = Constraints(strict=True)


class _Shared:
    """Marks a field whose strings are interned before validation (`sharing_plan`)."""


# Ids and names repeat across records (a citation's source, an attendance's participant
# and the name it is written as): one shared string each, not one per occurrence, which a
# large file repeats over and over. They are interned in the parsed tables, not by a
# validator: that can run in the helper process that parses (chunked.py).
SHARED = _Shared()

# Strict types, field by field: a dataclass validated in strict mode accepts only
# instances of itself, not the tables TOML gives.
Id = Annotated[
    str, Constraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80), SHARED
]
Text = Annotated[str, Constraints(strict=True, min_length=1)]
Name = Annotated[Text, SHARED]
# A reference to any record: "meeting:xii-2019", "participant:moldova".
Ref = Annotated[str, Constraints(strict=True, pattern=r"^[a-z]+:[a-z0-9][a-z0-9-]*$")]
StrictBool = Annotated[bool, STRICT]
# Numbers in a sane range (a number of 2^63 and more made the Roman numeral loop for
# ever): below a million. A meeting's number past MMMCMXCIX is shown in digits.
Ordinal = Annotated[int, Constraints(strict=True, ge=1, le=999_999)]
Count = Annotated[int, Constraints(strict=True, ge=0, le=999_999)]

# other_country: a state that is not a CIS member (an SCO member at a joint exercise).
ParticipantKind = Literal[
    "member_state", "cis_body", "international_organization", "basic_organization", "other_country"
]
PARTICIPANT_KINDS: tuple[ParticipantKind, ...] = (
    "member_state",
    "cis_body",
    "international_organization",
    "basic_organization",
    "other_country",
)
KIND_LABELS: dict[str, str] = {
    "member_state": "Member states",
    "cis_body": "CIS bodies",
    "international_organization": "International organisations",
    "basic_organization": "Basic organisations",
    "other_country": "Other countries",
}


_NAMES: dict[type[Any], tuple[str, ...]] = {}


def _names(cls: type[Any]) -> tuple[str, ...]:
    """A record class's field names, in declaration order."""
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


# Records are slotted dataclasses, not BaseModels: a BaseModel instance carries a dict and
# a set of the fields given; a slotted one 8 bytes a field. The loaded records take a
# fraction of the memory, and validate faster.
# Empty lists come from default_factory: a mutable default is copied for every instance.


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Strict:
    """The base of every record class (`is_record`, `record_fields`)."""

    # Read by Pydantic (a ConfigDict): a field the class does not have is an error.
    __pydantic_config__: typing.ClassVar[dict[str, Any]] = {"extra": "forbid"}

    # One __eq__ and __repr__ for every record class, where @dataclass would compile two
    # per class at import (a part of the start-up that the first screen waits for).
    __hash__ = None  # type: ignore[assignment]  # as @dataclass(eq=True): records change

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _names(type(self)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in _names(type(self)))
        return f"{type(self).__qualname__}({shown})"


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Citation(Strict):
    """Where a fact is stated: a source and the verbatim words that state it."""

    source: Id
    quote: Text | None = None


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Inference(Strict):
    """A field whose value was derived, not read; `reason` says how, in one line."""

    field: Text
    reason: Text
    uncertain: StrictBool = False


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Cited(Strict):
    """A record that states facts: the citations that state them, and the fields inferred."""

    # Tuples: evidence is never changed after loading, and the empty tuple is shared, where
    # an empty list would be one more object for every record.
    citations: Annotated[tuple[Citation, ...], Constraints(min_length=1)]
    inferred: tuple[Inference, ...] = ()

    def inferred_fields(self) -> set[str]:
        """The names of the fields whose values were inferred, not read."""
        return {inference.field for inference in self.inferred}


# A language as an ISO 639 code: en, ru.
Language = Annotated[str, Constraints(strict=True, pattern=r"^[a-z]{2,3}$")]
URL_PATTERN = r"^https?://[^\s\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]+$"


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Source(Strict):
    """Where facts are read. Its kind says how a fact cites it:

    - source_text: a text kept beside the data (`file`), quoted verbatim; `url` is the
      page it was saved from, for a reader to open;
    - web_page: a page cited by its address (`url`), without a quote;
    - research_notes: the project's own notes on public pages (`file`), quoted verbatim;
      a pointer to pages, cited only where no page found states the fact;
    - dataset: a table of records (`file`, kept beside the data), cited by the id of the
      row (the quote), such as a row of the MME dataset by its MMEID.
    `language` is the text's language as an ISO 639 code (en, ru)."""

    id: Id
    kind: Literal["source_text", "web_page", "research_notes", "dataset"]
    file: Text | None = None
    # An address holds no space, no control character and no bidi override: it is
    # printed to terminals and written into BibTeX and RIS as it is.
    url: Annotated[str, Constraints(strict=True, pattern=URL_PATTERN)] | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: FuzzyDate | None = None
    language: Language | None = None
    citations: tuple[Citation, ...] = ()
    inferred: tuple[Inference, ...] = ()

    def __post_init__(self) -> None:  # Pydantic calls it after validating the fields
        if self.kind in ("source_text", "research_notes", "dataset") and not self.file:
            raise ValueError(f"a source of kind '{self.kind}' needs 'file'")
        if self.kind == "web_page" and not self.url:
            raise ValueError("a source of kind 'web_page' needs 'url'")


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class LocalName(Strict):
    """A record's name in a language (ISO 639: ru, en), or one of its abbreviations there
    (СНГ, ОДКБ): what a reader of that language's sources meets and types. A source states
    it (`citations`), or it is a standard name no source of ours states (`inferred`, with
    the reason). The first full name of a language is the one shown in it."""

    # Something to show: a name of spaces read as no name at all.
    text: Annotated[str, Constraints(strict=True, min_length=1, pattern=r"\S")]
    language: Language
    abbreviation: StrictBool = False
    citations: tuple[Citation, ...] = ()
    inferred: tuple[Inference, ...] = ()

    def __post_init__(self) -> None:  # Pydantic calls it after validating the fields
        if not self.citations and not self.inferred:
            raise ValueError(
                f"the name '{self.text}' needs 'citations' or 'inferred' (why it is standard)"
            )


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Participant(Cited):
    """A state, CIS body or organisation that takes part: its name, short name, kind, the
    other names sources give it, and its names in other languages."""

    id: Id
    name: Text
    kind: ParticipantKind
    short: Text | None = None
    aliases: list[Text] = field(default_factory=list)
    names: list[LocalName] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Attendance(Cited):
    """A participant at a meeting or an exercise: the name the source writes it as, the
    agency that represented it and its role (an observer) when the source says."""

    participant: Id
    as_written: Name
    agency: Name | None = None
    role: Literal["observer", "organiser", "coordinator"] | None = None


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class ParticipantList(Cited):
    """How a source lists one kind of participant at one meeting or exercise."""

    kind: ParticipantKind
    complete: StrictBool
    stated_count: Count | None = None
    reason: Text | None = None


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class AgendaItem(Cited):
    """A topic, priority, session, decision, statement, trend or report of a meeting."""

    kind: Literal["topic", "priority", "session", "decision", "statement", "trend", "report"]
    text: Text


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Meeting(Cited):
    """A meeting: its number, title, date and place, its series (a format), its organiser,
    who attended, the source's lists of participants, and its agenda."""

    id: Id
    number: Ordinal | None = None
    title: Text
    series: Id | None = None
    date: FuzzyDate
    # 'planned': announced (a page says it "will take place"), no page found says it was
    # held; as an exercise's status, without 'moved'.
    status: Literal["held", "planned"] = "held"
    city: Text | None = None
    organiser: Id | None = None
    attendances: list[Attendance] = field(default_factory=list)
    lists: list[ParticipantList] = field(default_factory=list)
    agenda: list[AgendaItem] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Exercise(Cited):
    """A joint exercise: when and where, its host and partners, its stages, whether it was
    planned, held or moved, the meetings that discussed it, who took part (as a meeting's
    attendances and lists) and its names in other languages."""

    id: Id
    name: Text
    date: FuzzyDate | None = None
    host: Id | None = None
    place: Text | None = None
    territory: Text | None = None
    stages: list[Text] = field(default_factory=list)
    ordinal: Text | None = None
    partners: list[Id] = field(default_factory=list)
    status: Literal["planned", "held", "moved"]
    discussed_at: list[Id] = field(default_factory=list)
    description: Text | None = None
    attendances: list[Attendance] = field(default_factory=list)
    lists: list[ParticipantList] = field(default_factory=list)
    names: list[LocalName] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Program(Cited):
    """A program of cooperation: its period, and who approved it, when and where."""

    id: Id
    title: Text
    period: FuzzyDate | None = None
    approved_by: Id | None = None
    approved: FuzzyDate | None = None
    place: Text | None = None
    description: Text | None = None


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Format(Cited):
    """A recurring kind of meeting or activity ("held annually since 2008")."""

    id: Id
    name: Text
    # Heads the labels of its meetings ('SAC May 2017'), so that the meetings of two
    # formats never read alike; the main series, which has none, keeps 'XII 2019'.
    short: Text | None = None
    since: FuzzyDate | None = None
    frequency: Text | None = None
    place: Text | None = None
    description: Text | None = None
    names: list[LocalName] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Event(Cited):
    """Something dated that is not a meeting or an exercise: a founding, a decision, an event,
    or a gathering on a meeting's sidelines; `related` refers to the records it concerns."""

    id: Id
    kind: Literal["founding", "decision", "event", "sideline"]
    title: Text
    date: FuzzyDate
    place: Text | None = None
    related: list[Ref] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Role(Cited):
    """A position held: `date` when a source says so at one time, `start`/`end` a term."""

    title: Text
    organisation: Id | None = None
    rank: Text | None = None
    date: FuzzyDate | None = None
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Person(Cited):
    """A person the sources name, with the other names they use and the positions held."""

    id: Id
    name: Text
    aliases: list[Text] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    names: list[LocalName] = field(default_factory=list)


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class Note(Cited):
    """A remark on the records `about` names: a contradiction between sources, or a note."""

    id: Id
    kind: Literal["contradiction", "note"]
    about: Annotated[list[Ref], Constraints(min_length=1)]
    text: Text


@dataclass(slots=True, kw_only=True, repr=False, eq=False)
class DatasetFile(Strict):
    """One TOML file: every section is optional, files are merged on load."""

    sources: list[Source] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    programs: list[Program] = field(default_factory=list)
    formats: list[Format] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


# Sections holding records with an `id`, and the singular used in references ("meeting:x").
SECTIONS: dict[str, str] = {
    "sources": "source",
    "participants": "participant",
    "people": "person",
    "meetings": "meeting",
    "exercises": "exercise",
    "programs": "program",
    "formats": "format",
    "events": "event",
    "notes": "note",
}


# Fields that hold the id of another record, by the class that has them (the reference
# checks and the detail pane read them).
ID_FIELDS: dict[type[Any], dict[str, str]] = {
    Meeting: {"series": "format", "organiser": "participant"},
    Exercise: {"host": "participant", "partners": "participant", "discussed_at": "meeting"},
    Program: {"approved_by": "participant"},
    Attendance: {"participant": "participant"},
    Role: {"organisation": "participant"},
    Citation: {"source": "source"},
}
# Fields that hold "kind:id" references.
REF_FIELDS: dict[type[Any], str] = {Note: "about", Event: "related"}


@cache
def dataset_file_adapter() -> TypeAdapter[DatasetFile]:
    """Validates and dumps whole files; built (with Pydantic imported) when first needed."""
    from pydantic import TypeAdapter

    return TypeAdapter(DatasetFile)


_FIELDS: dict[type[Any], dict[str, Any]] = {}


def record_fields(cls: object) -> dict[str, Any]:
    """A record class's fields and their annotations (`Annotated` kept), in declaration
    order; an empty dict for anything else."""
    if not (isinstance(cls, type) and issubclass(cls, Strict)):
        return {}
    if cls not in _FIELDS:
        hints = typing.get_type_hints(cls, include_extras=True)
        _FIELDS[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    return _FIELDS[cls]


def record_class_in(annotation: Any) -> type[Any] | None:
    """The record class a field's annotation holds (`list[Citation]` gives Citation,
    `FuzzyDate | None` gives None)."""
    if record_fields(annotation):
        return typing.cast(type[Any], annotation)
    for arg in typing.get_args(annotation):
        found = record_class_in(arg)
        if found is not None:
            return found
    return None


def is_record(obj: object) -> bool:
    """Whether `obj` is a record (an instance of a record class)."""
    return isinstance(obj, Strict)


def with_fields(record: Any, **changes: Any) -> Any:
    """A shallow copy of `record` with some fields replaced, not validated again."""
    changed = copy.copy(record)
    for name, value in changes.items():
        setattr(changed, name, value)
    return changed


# Per record class: its fields that hold shared strings, and its fields that hold records
# with such fields (with their plan).
_PLANS: dict[type[Any], SharingPlan] = {}


def _sharing_plan(cls: type[Any]) -> SharingPlan:
    if cls not in _PLANS:
        _PLANS[cls] = ((), ())  # a class holding itself stops here
        shared: list[str] = []
        nested: list[tuple[str, Any]] = []
        for name, annotation in record_fields(cls).items():
            inner = record_class_in(annotation)
            if inner is not None:
                if any(_sharing_plan(inner)):
                    nested.append((name, _sharing_plan(inner)))
            elif any(
                SHARED in getattr(arg, "__metadata__", ())
                for arg in (annotation, *typing.get_args(annotation))
            ):
                shared.append(name)
        _PLANS[cls] = (tuple(shared), tuple(nested))
    return _PLANS[cls]


def sharing_plan() -> SharingPlan:
    """Where a file's parsed tables hold ids and names to share (`slicing.share`)."""
    return _sharing_plan(DatasetFile)
