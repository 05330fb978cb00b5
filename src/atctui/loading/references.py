"""Cross-record checks after merging: every reference resolves, every citation is usable."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from atctui.errors import Problem
from atctui.loading.locate import dotted
from atctui.model import (
    ID_FIELDS,
    REF_FIELDS,
    SECTIONS,
    Citation,
    Cited,
    DatasetFile,
    Exercise,
    Meeting,
    is_record,
    record_class_in,
    record_fields,
)

if TYPE_CHECKING:
    from atctui.loading.parsed import ParsedFile

Loc = tuple[str | int, ...]

_NESTED: dict[type[Any], tuple[str, ...]] = {}


def _nested_fields(cls: type[Any]) -> tuple[str, ...]:
    """The fields of `cls` that can hold models: walk looks at no other field."""
    if cls not in _NESTED:
        fields = record_fields(cls).items()
        _NESTED[cls] = tuple(n for n, annotation in fields if record_class_in(annotation))
    return _NESTED[cls]


def walk(obj: Any, loc: Loc) -> Iterator[tuple[Any, Loc]]:
    """Every model nested in `obj` (itself included), with its path."""
    yield obj, loc
    for name in _nested_fields(type(obj)):
        value = getattr(obj, name)
        if is_record(value):
            yield from walk(value, (*loc, name))
        elif isinstance(value, list | tuple):
            for i, item in enumerate(value):
                yield from walk(item, (*loc, name, i))


# Checked in meeting_parts_ok.
_MEETING_NESTED = tuple(
    name for name in _nested_fields(Meeting) if name not in ("attendances", "lists", "agenda")
)


class _Checker:
    """Whether a record is free of every problem check_references reports, found without
    building paths; only a record that is not goes through the located walk. A large file
    holds a great many nested records, most of them attendances and citations."""

    def __init__(self, ids: dict[str, set[str]], quote_needed: set[str]) -> None:
        self.ids, self.sources, self.quote_needed = ids, ids["source"], quote_needed
        self.fields: dict[type[Any], set[str]] = {}

    def citations_ok(self, citations: Sequence[Citation]) -> bool:
        """Whether every citation names a known source, with a quote when the source needs one."""
        sources, quote_needed = self.sources, self.quote_needed
        for c in citations:
            if c.source not in sources or (not c.quote and c.source in quote_needed):
                return False
        return True

    def meeting_parts_ok(self, meeting: Meeting) -> bool:
        """A meeting's attendances, lists and agenda items, most of the nested records:
        a clean one is checked here, inline, with the rules of ok() that apply to it (an
        attendance's participant, and for all three their citations); any other goes
        through ok()."""
        participants, sources, quote_needed = (
            self.ids["participant"],
            self.sources,
            self.quote_needed,
        )
        for a in meeting.attendances:
            clean = not a.inferred and a.participant in participants
            if clean:
                for c in a.citations:
                    if c.source not in sources or (not c.quote and c.source in quote_needed):
                        clean = False
                        break
            if not clean and not self.ok(a):
                return False
        for item in (*meeting.lists, *meeting.agenda):
            if (item.inferred or not self.citations_ok(item.citations)) and not self.ok(item):
                return False
        return True

    def ok(self, obj: Any) -> bool:
        """Whether `obj` and every record nested in it pass every check of check_references."""
        cls = type(obj)
        for field, kind in ID_FIELDS.get(cls, {}).items():
            value = getattr(obj, field)
            known = self.ids[kind]
            if isinstance(value, list):
                if any(v not in known for v in value):
                    return False
            elif value is not None and value not in known:
                return False
        ref_field = REF_FIELDS.get(cls)
        if ref_field:
            for ref in getattr(obj, ref_field):
                kind, _, target = ref.partition(":")
                if target not in self.ids.get(kind, ()):
                    return False
        if isinstance(obj, Citation):
            return self.citations_ok((obj,))
        if isinstance(obj, Cited) and obj.inferred:
            fields = self.fields.setdefault(cls, set(record_fields(cls)))
            if any(i.field not in fields for i in obj.inferred):
                return False
        if isinstance(obj, Meeting | Exercise) and (
            len({a.participant for a in obj.attendances}) != len(obj.attendances)
            or len({pl.kind for pl in obj.lists}) != len(obj.lists)
        ):
            return False
        if isinstance(obj, Exercise) and (
            len(set(obj.partners)) != len(obj.partners)
            or len(set(obj.discussed_at)) != len(obj.discussed_at)
        ):
            return False
        nested = _nested_fields(cls)
        if cls is Meeting:
            if not self.meeting_parts_ok(obj):
                return False
            nested = _MEETING_NESTED
        for name in nested:
            value = getattr(obj, name)
            if name == "citations":
                if not self.citations_ok(value):
                    return False
            elif isinstance(value, list | tuple):
                if not all(self.ok(item) for item in value):
                    return False
            elif value is not None and not self.ok(value):
                return False
        return True


def check_references(
    merged: DatasetFile,
    origins: Mapping[tuple[str, str], tuple[str, int]],
    files: Mapping[str, ParsedFile],
) -> list[Problem]:
    """Every problem of the merged records' references, located in the file that has it: an
    unknown id or `kind:id`, a citation without the quote its source needs, an inferred
    field the record does not have, a participant or a list's kind given twice at a
    meeting. Only a record the quick check (`_Checker`) fails is walked for them."""
    ids: dict[str, set[str]] = {singular: set() for singular in SECTIONS.values()}
    for section, singular in SECTIONS.items():
        ids[singular] = {record.id for record in getattr(merged, section)}
    quote_needed = {s.id for s in merged.sources if s.kind != "web_page"}
    problems: list[Problem] = []
    checker = _Checker(ids, quote_needed)
    suggest = _Suggestions()

    for section, singular in SECTIONS.items():
        for record in getattr(merged, section):
            if checker.ok(record):
                continue
            path, index = origins[(singular, record.id)]

            def report(loc: Loc, message: str, path: str = path) -> None:
                """Add a problem at `loc` in the record's file, its line found now."""
                line = files[path].lines.line_of(loc)  # scanned only when there is a problem
                problems.append(Problem(path, message, line, field=dotted(loc)))

            for obj, loc in walk(record, (section, index)):
                for field, kind in ID_FIELDS.get(type(obj), {}).items():
                    value = getattr(obj, field)
                    values = value if isinstance(value, list) else [value]
                    for i, target in enumerate(values):
                        at = (*loc, field, i) if isinstance(value, list) else (*loc, field)
                        if target is not None and target not in ids[kind]:
                            report(at, f"unknown {kind} '{target}'{suggest(target, ids[kind])}")
                ref_field = REF_FIELDS.get(type(obj))
                if ref_field:
                    for i, ref in enumerate(getattr(obj, ref_field)):
                        kind, _, target = ref.partition(":")
                        if kind not in ids:
                            known = ", ".join(sorted(ids))
                            report(
                                (*loc, ref_field, i),
                                f"unknown kind '{kind}' in '{ref}'; use one of {known}",
                            )
                        elif target not in ids[kind]:
                            hint = suggest(target, ids[kind])
                            report((*loc, ref_field, i), f"unknown {kind} '{target}'{hint}")
                if isinstance(obj, Citation) and obj.source in quote_needed and not obj.quote:
                    report(loc, f"a citation of source '{obj.source}' needs a 'quote'")
                if isinstance(obj, Cited) and obj.inferred:
                    fields = set(record_fields(type(obj)))
                    for i, inference in enumerate(obj.inferred):
                        if inference.field not in fields:
                            hint = suggest(inference.field, fields)
                            message = (
                                f"inferred field '{inference.field}' is not a field here{hint}"
                            )
                            report((*loc, "inferred", i, "field"), message)
                if isinstance(obj, Meeting | Exercise):
                    _check_meeting(obj, loc, report)
    return problems


def _check_meeting(meeting: Meeting | Exercise, loc: Loc, report: Any) -> None:
    """A participant, or a list's kind, given twice at one meeting or exercise; a partner
    or a meeting it was discussed at, given twice for an exercise."""
    what = "exercise" if isinstance(meeting, Exercise) else "meeting"
    seen: dict[str, int] = {}
    for i, attendance in enumerate(meeting.attendances):
        if attendance.participant in seen:
            report(
                (*loc, "attendances", i, "participant"),
                f"'{attendance.participant}' already attends this {what} "
                f"(attendances[{seen[attendance.participant]}])",
            )
        seen.setdefault(attendance.participant, i)
    kinds: set[str] = set()
    for i, plist in enumerate(meeting.lists):
        if plist.kind in kinds:
            report((*loc, "lists", i, "kind"), f"a list of kind '{plist.kind}' is given twice")
        kinds.add(plist.kind)
    if isinstance(meeting, Exercise):  # 'V 2019, V 2019' in the Exercises' Meeting column
        for field in ("partners", "discussed_at"):
            given: set[str] = set()
            for i, value in enumerate(getattr(meeting, field)):
                if value in given:
                    report((*loc, field, i), f"'{value}' is given twice in {field}")
                given.add(value)


class _Suggestions:
    """'(did you mean …?)' for the first few unknown names of a check only, each among
    the known names of about its length: a file with thousands of dangling references
    into thousands of ids was far too slow comparing every pair."""

    LIMIT = 20  # suggestions per check; the rest of the messages come without one
    CANDIDATES = 5000  # known names compared with each unknown one, at most

    def __init__(self) -> None:
        self.given = 0
        # By the id of the set of names; the set is kept, so that its id is not reused.
        self.by_length: dict[int, tuple[set[str], dict[int, list[str]]]] = {}

    def __call__(self, word: str, known: set[str]) -> str:
        if self.given >= self.LIMIT or len(word) > 80:
            return ""
        self.given += 1
        if id(known) not in self.by_length:
            grouped: dict[int, list[str]] = {}
            for name in sorted(known):
                grouped.setdefault(len(name), []).append(name)
            self.by_length[id(known)] = (known, grouped)
        lengths = self.by_length[id(known)][1]
        near = [n for size in range(len(word) - 3, len(word) + 4) for n in lengths.get(size, ())]
        close = difflib.get_close_matches(word, near[: self.CANDIDATES], n=1)
        return f" (did you mean '{close[0]}'?)" if close else ""
