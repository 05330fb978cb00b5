"""The record model: what one TOML dataset file holds.

Every fact carries citations (source id + verbatim quote). A fact derived rather than
read carries an `Inference` naming the field and the reasoning. Contradictions are
`Note`s of kind "contradiction" that point at the records they concern.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from atctui.dates import FuzzyDate

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(min_length=1)]
# A reference to any record: "meeting:xii-2019", "participant:moldova".
Ref = Annotated[str, StringConstraints(pattern=r"^[a-z]+:[a-z0-9][a-z0-9-]*$")]

ParticipantKind = Literal[
    "member_state", "cis_body", "international_organization", "basic_organization"
]
PARTICIPANT_KINDS: tuple[ParticipantKind, ...] = (
    "member_state",
    "cis_body",
    "international_organization",
    "basic_organization",
)
KIND_LABELS: dict[str, str] = {
    "member_state": "Member states",
    "cis_body": "CIS bodies",
    "international_organization": "International organisations",
    "basic_organization": "Basic organisations",
}


class Strict(BaseModel):
    # Empty lists come from default_factory, not `= []`: Pydantic deep-copies a mutable
    # default for every instance (a fifth of validation time at 10,000 meetings).
    model_config = ConfigDict(strict=True, extra="forbid")


class Citation(Strict):
    """Where a fact is stated: a source and the verbatim words that state it."""

    source: Id
    quote: Text | None = None


class Inference(Strict):
    """A field whose value was derived, not read; `reason` says how, in one line."""

    field: Text
    reason: Text
    uncertain: bool = False


class Cited(Strict):
    citations: list[Citation] = Field(min_length=1)
    inferred: list[Inference] = Field(default_factory=list)

    def inferred_fields(self) -> set[str]:
        return {inference.field for inference in self.inferred}


class Source(Strict):
    """A source text (quoted verbatim), a web page (cited by address, no quote), or the
    project's research notes on public pages (quoted verbatim)."""

    id: Id
    kind: Literal["source_text", "web_page", "research_notes"]
    file: Text | None = None
    url: Text | None = None
    title: Text | None = None
    publisher: Text | None = None
    published: FuzzyDate | None = None
    citations: list[Citation] = Field(default_factory=list)
    inferred: list[Inference] = Field(default_factory=list)

    @model_validator(mode="after")
    def _has_location(self) -> Source:
        if self.kind in ("source_text", "research_notes") and not self.file:
            raise ValueError(f"a source of kind '{self.kind}' needs 'file'")
        if self.kind == "web_page" and not self.url:
            raise ValueError("a source of kind 'web_page' needs 'url'")
        return self


class Participant(Cited):
    id: Id
    name: Text
    kind: ParticipantKind
    short: Text | None = None
    aliases: list[Text] = Field(default_factory=list)


class Attendance(Cited):
    participant: Id
    as_written: Text
    agency: Text | None = None


class ParticipantList(Cited):
    """How a source lists one kind of participant at one meeting."""

    kind: ParticipantKind
    complete: bool
    stated_count: int | None = None
    reason: Text | None = None


class AgendaItem(Cited):
    kind: Literal["topic", "priority", "session", "decision", "statement", "trend", "report"]
    text: Text


class Meeting(Cited):
    id: Id
    number: int | None = Field(default=None, ge=1)
    title: Text
    series: Id | None = None
    date: FuzzyDate
    city: Text | None = None
    organiser: Id | None = None
    attendances: list[Attendance] = Field(default_factory=list)
    lists: list[ParticipantList] = Field(default_factory=list)
    agenda: list[AgendaItem] = Field(default_factory=list)


class Exercise(Cited):
    id: Id
    name: Text
    date: FuzzyDate | None = None
    host: Id | None = None
    place: Text | None = None
    territory: Text | None = None
    stages: list[Text] = Field(default_factory=list)
    ordinal: Text | None = None
    partners: list[Id] = Field(default_factory=list)
    status: Literal["planned", "held", "moved"]
    discussed_at: list[Id] = Field(default_factory=list)
    description: Text | None = None


class Program(Cited):
    id: Id
    title: Text
    period: FuzzyDate | None = None
    approved_by: Id | None = None
    approved: FuzzyDate | None = None
    place: Text | None = None
    description: Text | None = None


class Format(Cited):
    """A recurring kind of meeting or activity ("held annually since 2008")."""

    id: Id
    name: Text
    since: FuzzyDate | None = None
    frequency: Text | None = None
    place: Text | None = None
    description: Text | None = None


class Event(Cited):
    id: Id
    kind: Literal["founding", "decision", "event", "sideline"]
    title: Text
    date: FuzzyDate
    place: Text | None = None
    related: list[Ref] = Field(default_factory=list)


class Role(Cited):
    """A position held: `date` when a source says so at one time, `start`/`end` a term."""

    title: Text
    organisation: Id | None = None
    rank: Text | None = None
    date: FuzzyDate | None = None
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


class Person(Cited):
    id: Id
    name: Text
    aliases: list[Text] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)


class Note(Cited):
    id: Id
    kind: Literal["contradiction", "note"]
    about: list[Ref] = Field(min_length=1)
    text: Text


class DatasetFile(Strict):
    """One TOML file: every section is optional, files are merged on load."""

    sources: list[Source] = Field(default_factory=list)
    participants: list[Participant] = Field(default_factory=list)
    people: list[Person] = Field(default_factory=list)
    meetings: list[Meeting] = Field(default_factory=list)
    exercises: list[Exercise] = Field(default_factory=list)
    programs: list[Program] = Field(default_factory=list)
    formats: list[Format] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    notes: list[Note] = Field(default_factory=list)


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
