"""The counts beside the Exercises list, VisiData's frequency sheet in small: a value and
how many rows have it; choosing one narrows the list to it.

A module of its own so that Textual's DataTable (its imports cost start-up time) is loaded
when the Exercises tab is first shown, not at start-up.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable

from atctui.query import quoted
from atctui.textsafe import printable
from atctui.views import View, frequency

FREQUENCY_COLUMNS = ("host", "year")


class FrequencyTable(DataTable[Text]):
    """Counts of one field's values in a view."""

    def __init__(self, by: str, **kwargs: Any) -> None:
        super().__init__(zebra_stripes=True, cursor_type="row", **kwargs)
        self.by = by
        self.values: list[str] = []  # each row's value as the data has it

    def show_counts(self, view: View) -> None:
        """Fill the table with how many rows of `view` have each value, most first."""
        self.clear(columns=True)
        self.add_column(Text(self.by.capitalize()), key="value")
        self.add_column(Text("#"), key="count")
        counts = frequency(view, self.by)
        self.values = [value for value, _ in counts]
        for value, count in counts:
            self.add_row(Text(printable(value)), Text(str(count), justify="right"))

    def term(self, row: int) -> str | None:
        """The filter term for the value on this row (none for rows without a value),
        quoted so that any value reads back as itself."""
        value = self.values[row] if row < len(self.values) else "(none)"
        if value == "(none)":
            return None
        return f"year:{value}" if self.by == "year" else f"{self.by}:{quoted(value)}"
