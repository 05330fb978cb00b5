"""The README says what the code does: its filter table lists the values that `kind:`,
`status:` and `has:` take."""

from __future__ import annotations

import re

from tests.helpers import ROOT

from atctui.vocabulary import field_values, typed


def _section(title: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(title)
    return text[start : text.index("\n## ", start)]


def test_the_filter_table_lists_every_value_of_kind_status_and_has() -> None:
    table = _section("### The filter language")
    rows = {field: next(line for line in table.splitlines() if line.startswith(f"| `{field}:"))
            for field in ("kind", "status", "has")}  # fmt: skip
    for field, where, groups in field_values():
        for value in (value for group in groups for value in group):
            assert re.search(f"[`:]{re.escape(typed(value))}`", rows[field]), (field, where, value)
