"""The records behind a view, closed over their references: a new, valid dataset."""

from __future__ import annotations

from typing import Any

from atctui.compare import record_key
from atctui.dataset import Dataset
from atctui.loading.references import walk
from atctui.model import ID_FIELDS, SECTIONS, Citation, DatasetFile, with_fields
from atctui.serialize import to_toml
from atctui.textsafe import escaped_for_json
from atctui.views import View

_SECTION_OF = {singular: section for section, singular in SECTIONS.items()}


def subset(dataset: Dataset, view: View) -> DatasetFile:
    """The records behind `view` and every record they refer to: a file that validates on
    its own. Notes come when they are about a record in it, and keep only those references,
    as events do; every person comes, with the roles whose organisation is in it (or that
    name none). From the matrix or Compare, the columns' meetings come with only the rows'
    participants' attendances."""
    content = dataset.content
    wanted = [record_key(row.key) for row in view.rows]
    keep_participants: set[str] | None = None
    if view.name in ("participants", "compare"):
        # The meetings of the columns, with the attendances of the rows' participants.
        keep_participants = {key.partition(":")[2] for key in wanted}
        wanted += [key for key in view.column_keys if key]
    chosen: dict[str, Any] = {}
    pending = list(wanted)
    while pending:
        ref = pending.pop()
        if ref in chosen:
            continue
        record = dataset.records[ref]
        if keep_participants is not None and ref.startswith("meeting:"):
            attendances = [a for a in record.attendances if a.participant in keep_participants]
            record = with_fields(record, attendances=attendances)
        chosen[ref] = record
        pending.extend(_references(record))
    out = DatasetFile()
    for section, singular in SECTIONS.items():
        if section in ("notes", "people"):
            continue
        records = [r for r in getattr(content, section) if f"{singular}:{r.id}" in chosen]
        setattr(out, section, [chosen[f"{singular}:{r.id}"] for r in records])
    present = set(chosen)
    out.events = [_prune(e, "related", present) for e in out.events]
    out.notes = [
        _prune(n, "about", present) for n in content.notes if any(a in present for a in n.about)
    ]
    out.people = [
        with_fields(
            p,
            roles=[
                r
                for r in p.roles
                if r.organisation is None or f"participant:{r.organisation}" in present
            ],
        )
        for p in content.people
    ]
    # Notes and people bring their citations' sources along.
    needed = {
        f"source:{obj.source}"
        for record in [*out.notes, *out.people]
        for obj, _ in walk(record, ())
        if isinstance(obj, Citation)
    }
    out.sources = [s for s in content.sources if f"source:{s.id}" in present | needed]
    return out


def _prune(record: Any, field: str, present: set[str]) -> Any:
    return with_fields(record, **{field: [r for r in getattr(record, field) if r in present]})


def _references(record: Any) -> list[str]:
    refs: list[str] = []
    for obj, _ in walk(record, ()):
        for field, kind in ID_FIELDS.get(type(obj), {}).items():
            value = getattr(obj, field)
            for target in value if isinstance(value, list) else [value]:
                if target is not None:
                    refs.append(f"{kind}:{target}")
    return refs


class EmptySubset(ValueError):
    """The view holds no record: a dataset file of none would not validate."""


def subset_toml(dataset: Dataset, view: View) -> str:
    """The records behind the view as a TOML dataset; raises EmptySubset when there are
    none (`atctui validate` refuses a file without records)."""
    # No rows, no records: the people (who come with any subset) would be written alone.
    text = escaped_for_json(to_toml(subset(dataset, view)), toml=True) if view.rows else ""
    if not text.strip():
        raise EmptySubset("the view holds no records: there is no dataset to write")
    return text
