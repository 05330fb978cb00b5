"""The dialog that chooses two meetings to compare: every meeting in date order, with its
label, date and city; enter (or space) marks the first, then the second, and the Compare
tab shows the two; enter on the marked one again unmarks it; escape cancels. And what the
Compare tab says of the ways to choose them until two are chosen."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from atctui.app.virtual_table import TableColumn, ViewTable
from atctui.dataset import Dataset
from atctui.views import meeting_label
from atctui.views.widths import shown_width

MARK = "✓"
# The columns: the mark, then what the list shows of each meeting, with their widths'
# caps (a long city is cut, not the label).
COLUMNS = (("", None), ("Meeting", None), ("Date", 24), ("City", 24))


def column_width(label: str, cells: list[str], cap: int | None) -> int:
    """The width that shows the widest cell (up to `cap`) and the label."""
    wanted = max([shown_width(label), *(shown_width(c) for c in cells), 1])
    return min(wanted, cap) if cap else wanted


class CompareScreen(ModalScreen[tuple[str, str] | None]):
    """Every meeting of the dataset to choose two from; returns their ids, first marked
    first, or None when cancelled."""

    # Its own styles, beside it: read when the dialog first opens, not at start-up.
    CSS = """
    CompareScreen {
        align: center middle;
    }
    #compare-box {
        width: 64;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #compare-box ViewTable {
        height: auto;
        max-height: 20;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="compare.cancel"),
        Binding("enter,space", "mark", "Mark", id="compare.pick"),
    ]

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.meetings = dataset.meetings  # in date order, as the matrix's columns
        # Rows of strings, kept by the table by reference: a mark changes the first cell.
        self.rows = [
            ["", meeting_label(m, dataset), m.date.human(), m.city or ""] for m in self.meetings
        ]  # fmt: skip
        self.first: int | None = None  # the row marked first

    def compose(self) -> ComposeResult:
        """The title, the meetings, what is marked so far, and the keys."""
        with Vertical(id="compare-box"):
            yield Static(Text("Compare two meetings", style="bold"), id="compare-title")
            yield ViewTable(id="meetings")
            yield Static("", id="compare-message", markup=False)
            yield Static(Text("enter or space: mark · esc: cancel", style="dim"), id="compare-keys")

    @property
    def table(self) -> ViewTable:
        """The list of meetings."""
        return self.query_one("#meetings", ViewTable)

    def on_mount(self) -> None:
        """Fill the list and focus it, so that arrows and enter work at once."""
        columns = [
            TableColumn(label, column_width(label, [row[i] for row in self.rows], cap))
            for i, (label, cap) in enumerate(COLUMNS)
        ]
        self.table.show(columns, self.rows)
        self.set_focus(self.table)
        self._say()

    def action_mark(self) -> None:
        """Mark the meeting under the cursor: the first, or the second (which closes the
        dialog with both); on the marked one, unmark it."""
        if not self.table.row_count:
            return
        row = self.table.cursor_row
        if self.first is None:
            self.first = row
            self.rows[row][0] = MARK
        elif self.first == row:
            self.first = None
            self.rows[row][0] = ""
        else:
            self.dismiss((self.meetings[self.first].id, self.meetings[row].id))
            return
        self.table.refresh()
        self._say()

    @on(ViewTable.Selected)
    def _clicked(self, event: ViewTable.Selected) -> None:
        event.stop()  # the app's handler of a click on a row is the main screen's
        self.action_mark()

    @on(ViewTable.Highlighted)
    def _moved(self, event: ViewTable.Highlighted) -> None:
        event.stop()  # not the main screen's cursor

    def action_cancel(self) -> None:
        """Close the dialog without comparing."""
        self.dismiss(None)

    def _say(self) -> None:
        if self.first is None:
            message = "Mark the first meeting."
        else:
            message = f"First: {self.rows[self.first][1]}. Mark the second."
        self.query_one("#compare-message", Static).update(Text(message))
