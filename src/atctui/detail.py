"""What the detail pane shows for a record or a matrix cell: plain sections, no Textual.

Where a note is shown. A note's `about` names the records it is about (`meeting:x-2017`,
`participant:sco-rats`), and it is shown on each of those records. A matrix cell (a
participant at a meeting) is not a record, and there is no reference to an attendance;
a note whose `about` names both the participant and the meeting is about the
participant at that meeting (its attendance, or its absence). So a cell shows:

- under "About <participant> at this meeting": the notes about the participant that
  name this meeting too;
- under "About <participant>": the notes about the participant that name no meeting
  (they hold at every meeting);
- nothing else. A note about the participant and other meetings only is about it there,
  not here; a note about the meeting that does not name the participant (a count in the
  source, the format's new name) is about the meeting as a whole, and is shown on the
  meeting's record, not on each of its participants' cells.

The Compare tab shows a participant's two cells, the notes about it alone once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from atctui.dataset import Dataset, Presence
from atctui.model import (
    ID_FIELDS,
    KIND_LABELS,
    REF_FIELDS,
    Citation,
    Inference,
    Note,
    record_fields,
)
from atctui.textsafe import clipped, printable
from atctui.views import meeting_label
from atctui.views.base import gathering_label


@dataclass
class Section:
    """A heading and its lines: one block of the detail pane, and of what `Y` copies."""

    title: str
    lines: list[str] = field(default_factory=list)


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    human = getattr(value, "human", None)
    return human() if callable(human) else str(value)


def record_label(dataset: Dataset, kind: str, record_id: str) -> str:
    """What a user reads for a record elsewhere, where a record holds its id: a meeting's
    label ('XII 2019', as the matrix heads its column), a participant's, person's or
    format's name, an exercise's name and date (names repeat from year to year), a
    program's or event's title, a source's title (its file or address when it has none);
    a note, which has no title, and a record not in the data by their id."""
    record = dataset.records.get(f"{kind}:{record_id}")
    if record is None:
        return record_id
    if kind == "meeting":
        return meeting_label(record, dataset)
    if kind == "exercise" and record.date is not None:
        return f"{record.name} ({record.date.human()})"
    if kind == "source":
        return str(record.title or record.file or record.url or record_id)
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record_id)


def _labelled(dataset: Dataset, record: Any, name: str, value: Any) -> Any:
    """A field's value as shown: the labels of the records an id field or a reference
    field names (loading.references lists those fields), other values as they are."""
    kind = ID_FIELDS.get(type(record), {}).get(name)
    if kind is not None:
        if isinstance(value, list):
            return [record_label(dataset, kind, v) for v in value]
        return record_label(dataset, kind, value)
    if REF_FIELDS.get(type(record)) == name:  # 'meeting:x-2017': the kind, then the label
        refs = [ref.partition(":") for ref in value]
        return "; ".join(
            f"{kind} {record_label(dataset, kind, target)}" for kind, _, target in refs
        )
    return value


def citations_section(
    dataset: Dataset, citations: Sequence[Citation], title: str = "Sources"
) -> Section:
    """The sources of a fact, each with its publisher, where to find it, its date and the
    words quoted from it."""
    section = Section(title)
    for c in citations:
        source = dataset.sources[c.source]
        published = f", published {source.published.human()}" if source.published else ""
        # Where a reader finds it: its page (o opens it), else the text kept beside the data.
        where = source.url or (f"file {source.file}" if source.file else "")
        named = ", ".join(filter(None, (source.publisher, source.title)))
        section.lines.append(f"{named or where or source.id}{published}")
        if named and where:
            section.lines.append(f"  {where}")
        if c.quote and source.kind == "dataset":  # a dataset's row, by its id
            section.lines.append(f"  row {c.quote}")
        elif c.quote:
            section.lines.append(f"  “{c.quote}”")
    return section


def _inferences(inferred: Sequence[Inference]) -> Section | None:
    if not inferred:
        return None
    lines = [f"{i.field}: {i.reason}" + (" (uncertain)" if i.uncertain else "") for i in inferred]
    return Section("Inferred, not stated", lines)


def _notes(notes: list[Note], title: str = "Notes") -> Section | None:
    if not notes:
        return None
    lines = [f"{'CONTRADICTION' if n.kind == 'contradiction' else 'Note'}: {n.text}" for n in notes]
    return Section(title, lines)


_SKIP = {"citations", "inferred", "attendances", "lists", "agenda", "roles", "id", "names"}

# Languages by their ISO 639 code, as the detail pane names them.
LANGUAGE_NAMES = {"ru": "Russian", "en": "English", "kk": "Kazakh", "ky": "Kyrgyz",
                  "tg": "Tajik", "uz": "Uzbek", "be": "Belarusian", "hy": "Armenian",
                  "az": "Azerbaijani"}  # fmt: skip


def _source_name(dataset: Dataset, source_id: str) -> str:
    """A source as a line names it: its publisher and title, else its address or id."""
    source = dataset.sources[source_id]
    named = ", ".join(filter(None, (source.publisher, source.title)))
    return named or source.url or source.id


def names_section(dataset: Dataset, names: Sequence[Any]) -> Section | None:
    """A record's names in other languages: 'Russian: Республика Молдова', 'Russian
    abbreviation: ОДКБ', each with the source that states it, or why it is inferred."""
    if not names:
        return None
    lines = []
    for n in names:
        language = LANGUAGE_NAMES.get(n.language, n.language)
        what = f"{language} abbreviation" if n.abbreviation else language
        mark = " *inferred" if n.inferred else ""
        lines.append(f"{what}: {n.text}{mark}")
        lines.extend(f"  from {_source_name(dataset, c.source)}" for c in n.citations)
        lines.extend(f"  {i.reason}" for i in n.inferred)
    return Section("Names", lines)


def describe(dataset: Dataset, key: str) -> list[Section]:
    """Sections for the record behind a row key such as 'meeting:x-2017'."""
    kind, _, record_id = key.partition(":")
    record = dataset.records.get(key)
    if record is None:
        return [Section("Nothing selected")]
    heading = getattr(record, "title", None) or getattr(record, "name", record_id)
    inferred = record.inferred_fields() if hasattr(record, "inferred_fields") else set()
    facts = Section(f"{kind.capitalize()}: {heading}")
    for name in record_fields(type(record)):
        value = getattr(record, name)
        if name in _SKIP or value in (None, [], ""):
            continue
        value = _labelled(dataset, record, name, value)
        if name == "kind" and value in KIND_LABELS:
            value = KIND_LABELS[value]
        mark = " *inferred" if name in inferred else ""
        facts.lines.append(f"{name.replace('_', ' ')}: {_value(value)}{mark}")
    sections = [facts]
    other_names = names_section(dataset, getattr(record, "names", ()))
    if other_names:
        sections.append(other_names)
    if kind in ("meeting", "exercise"):
        sections += _meeting_sections(dataset, record, key)
    if kind == "participant":
        attended = [meeting_label(m, dataset) for m in dataset.meetings_of.get(record.id, [])]
        sections.append(Section("Meetings attended", [", ".join(attended) or "none recorded"]))
        exercises = [gathering_label(e, dataset) for e in dataset.exercises_of.get(record.id, [])]
        if exercises:
            sections.append(Section("Exercises taken part in", [", ".join(exercises)]))
    for person_role in getattr(record, "roles", []):
        line = person_role.title + (f", {person_role.rank}" if person_role.rank else "")
        when = person_role.date.human() if person_role.date else ""
        if person_role.start:
            end = person_role.end.human() if person_role.end else "…"
            when = f"{person_role.start.human()} – {end}"
        date = f" ({when})" if when else ""
        organisation = _labelled(dataset, person_role, "organisation", person_role.organisation)
        at = [f"organisation: {organisation}"] if organisation else []
        sections.append(Section(f"Role: {line}{date}", at))
        role_inferred = _inferences(person_role.inferred)
        if role_inferred:
            sections.append(role_inferred)
        sections.append(citations_section(dataset, person_role.citations, "Role source"))
    for extra in (_inferences(record.inferred), _notes(dataset.notes_for(kind, record_id))):
        if extra:
            sections.append(extra)
    citations = getattr(record, "citations", [])
    if citations:
        sections.append(citations_section(dataset, citations))
    return sections


def _meeting_sections(dataset: Dataset, meeting: Any, ref: str) -> list[Section]:
    """Who attended a meeting (or took part in an exercise), by kind, with the source's
    lists; a meeting's agenda and the people it names."""
    sections = []
    by_kind: dict[str, list[str]] = {}
    for a in meeting.attendances:
        p = dataset.participants[a.participant]
        agency = f" ({a.agency})" if a.agency else ""
        role = f" [{a.role}]" if a.role else ""
        by_kind.setdefault(p.kind, []).append(f"{p.name}{agency}{role}")
    for kind, names in by_kind.items():
        plist = dataset.lists.get((ref, kind))
        state = "complete list" if plist and plist.complete else "partial list"
        stated = f", source says {plist.stated_count}" if plist and plist.stated_count else ""
        title = f"{KIND_LABELS[kind]}: {len(names)} named ({state}{stated})"
        listed_by = [_source_name(dataset, c.source) for c in plist.citations] if plist else []
        sections.append(Section(title, [*names, *(f"(the list: {n})" for n in listed_by)]))
    agenda = getattr(meeting, "agenda", ())
    if agenda:
        sections.append(Section("Agenda", [f"[{i.kind}] {i.text}" for i in agenda]))
    people = people_named(dataset, meeting) if agenda else []
    if people:
        sections.append(Section("People", people))
    return sections


def people_named(dataset: Dataset, meeting: Any) -> list[str]:
    """People the meeting's agenda names, with the role a source gives them then."""
    agenda = " ".join(item.text for item in meeting.agenda)
    out = []
    for person in dataset.people.values():
        if any(name in agenda for name in [person.name, *person.aliases]):
            roles = [
                r.title for r in person.roles if r.date and r.date.year == meeting.date.year
            ] or [r.title for r in person.roles]
            out.append(f"{person.name}: {', '.join(dict.fromkeys(roles))}")
    return out


def _lowered(label: str) -> str:
    """A label inside a sentence: 'Member states' -> 'member states', 'CIS bodies' stays."""
    first, _, rest = label.partition(" ")
    return label if first.isupper() else f"{first.lower()} {rest}".strip()


def describe_cell(
    dataset: Dataset, participant_id: str, gathering: str, *, general_notes: bool = True
) -> list[Section]:
    """A matrix cell (a participant at a meeting or exercise, by its reference): the
    attendance with its evidence, or why it is absent or unknown, and the notes about the
    participant there (`cell_notes`; without those that name no meeting when
    `general_notes` is false)."""
    p = dataset.participants[participant_id]
    m = dataset.gatherings[gathering]
    what = gathering.partition(":")[0]
    when = f" ({m.date.human()})" if m.date is not None else ""
    head = Section(f"{p.name} at the {gathering_label(m, dataset)} {what}{when}")
    presence = dataset.presence(gathering, participant_id)
    plist = dataset.lists.get((gathering, p.kind))
    sections = [head]
    if presence in (Presence.ATTENDED, Presence.OBSERVED):
        a = dataset.attendance[gathering][participant_id]
        if presence is Presence.OBSERVED:
            head.lines.append("An observer, not a participant (not counted in the totals).")
        else:
            head.lines.append("Took part." if what == "exercise" else "Attended.")
        head.lines.append(f"As written in the source: {a.as_written}")
        if a.agency:
            head.lines.append(f"Agency: {a.agency}")
        if a.role:
            head.lines.append(f"Role: {a.role}")
        inferred = _inferences(a.inferred)
        if inferred:
            sections.append(inferred)
        sections.append(citations_section(dataset, a.citations))
    elif presence is Presence.ABSENT:
        head.lines.append(
            f"Not named: the source lists {_lowered(KIND_LABELS[p.kind])} completely, "
            f"and {p.name} is not among them."
        )
    elif dataset.organised(gathering, participant_id) and plist is not None and plist.complete:
        head.lines.append(
            f"Unknown: the organiser of this {what}; the source lists "
            f"{_lowered(KIND_LABELS[p.kind])} completely among those taking part, and does "
            f"not name {p.name} there."
        )
    else:
        reason = plist.reason if plist and plist.reason else (
            f"The source gives no list of {KIND_LABELS[p.kind].lower()} for this {what}."
        )  # fmt: skip
        head.lines.append(f"Unknown: {reason}")
    if plist is not None and presence not in (Presence.ATTENDED, Presence.OBSERVED):
        sections.append(citations_section(dataset, plist.citations, "The list in the source"))
    return sections + cell_notes(dataset, participant_id, gathering, general=general_notes)


def cell_notes(
    dataset: Dataset, participant_id: str, gathering: str, *, general: bool = True
) -> list[Section]:
    """The notes a matrix cell shows (the module's docstring says which): those about the
    participant at this meeting or exercise (by reference), then, unless `general` is
    false, those about the participant that name no meeting or exercise."""
    name = dataset.participants[participant_id].name
    at_meeting, anywhere = [], []
    for note in dataset.notes_for("participant", participant_id):
        if gathering in note.about:
            at_meeting.append(note)
        elif not any(ref.startswith(("meeting:", "exercise:")) for ref in note.about):
            anywhere.append(note)
    what = gathering.partition(":")[0]
    shown = [_notes(at_meeting, f"About {name} at this {what}")]
    if general:
        shown.append(_notes(anywhere, f"About {name}"))
    return [section for section in shown if section]


def as_text(sections: list[Section]) -> str:
    """The sections as plain lines (what `Y` copies), as the pane shows them: control
    characters made visible (a record's text never reaches the clipboard raw), a very
    long value cut."""
    out = []
    for section in sections:
        out.append(printable(clipped(section.title)))
        out.extend(f"  {printable(clipped(line))}" for line in section.lines)
    return "\n".join(out)
