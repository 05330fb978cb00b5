"""The record layer's memory layout: what keeps 10,000 meetings in ~100 MB (bench/)."""

from __future__ import annotations

import pytest

from atctui.loading import load
from atctui.loading.references import walk
from atctui.model import SECTIONS, is_record, with_fields


@pytest.mark.parametrize("compiled", [False, True], ids=["validated", "compiled"])
def test_records_are_slotted_and_share_ids_names_and_empty_evidence(compiled: bool) -> None:
    dataset = load(None, compiled=compiled)
    records = [
        obj
        for section in SECTIONS
        for record in getattr(dataset.content, section)
        for obj, _ in walk(record, ())
    ]
    assert records and all(is_record(r) and not hasattr(r, "__dict__") for r in records)
    # Every citation of one source holds the same string object, as does every
    # attendance of one participant; an empty `inferred` is the one empty tuple.
    by_value: dict[str, int] = {}
    for r in records:
        for name in ("source", "participant", "as_written"):
            value = getattr(r, name, None)
            if isinstance(value, str):
                assert by_value.setdefault(value, id(value)) == id(value), (name, value)
        inferred = getattr(r, "inferred", None)
        if inferred is not None and not inferred:
            assert type(inferred) is tuple  # () is one shared object in CPython


def test_with_fields_copies_and_leaves_the_original_alone() -> None:
    meeting = load(None).meetings[0]
    attendances = meeting.attendances
    changed = with_fields(meeting, attendances=attendances[:1])
    assert changed.attendances == attendances[:1] and changed.id == meeting.id
    assert meeting.attendances is attendances and len(attendances) > 1
