"""A tab's columns: laid out to fit its table, the widths the user sets (< > _), the
columns hidden (- +), and the pinned columns kept from taking the whole width."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.widget import Widget

from atctui.app.virtual_table import TableColumn, ViewTable
from atctui.views.widths import MEASURE_ROWS, fit_widths, natural_widths

if TYPE_CHECKING:
    from atctui.query import Query
    from atctui.views import View
    from atctui.viewstate import ViewState


def pinned_capped(widths: list[int], pinned: int, available: int) -> list[int]:
    """The widths with the pinned columns (which never scroll) taking at most two thirds
    of the table, the first of them narrowed: a pinned column widened past the table's
    width left no room for the others, and the cursor moved into columns never shown."""
    pinned = min(pinned, len(widths))
    cap = available * 2 // 3
    over = sum(w + 2 for w in widths[:pinned]) - cap
    if pinned == 0 or over <= 0 or pinned == len(widths):
        return widths
    capped = list(widths)
    capped[0] = max(4, capped[0] - over)
    return capped


class ColumnsMixin(Widget):
    """The column work of a ViewPanel: its view, state and table are the panel's."""

    view: View
    state: ViewState
    built: bool
    widths: dict[str, int]
    _naturals: dict[str, int]

    @property
    def table(self) -> ViewTable:  # the panel's
        raise NotImplementedError

    def rebuild(self, query: Query | None = None, *, wait: bool = False) -> None:  # the panel's
        raise NotImplementedError

    def _lay_out_columns(self) -> None:
        """Give the table the view's columns at widths that fit it (views.widths), the
        user's own widths first; again whenever the view or the table's width changes."""
        view, sort = self.view, self.state.sort
        sorted_key = sort.column if sort is not None else None
        if len(view.rows) <= MEASURE_ROWS or not self._naturals:
            naturals = natural_widths(view, sorted_key)
            if len(view.rows) > MEASURE_ROWS:  # a large view keeps its unfiltered widths
                self._naturals = {c.key: w for c, w in zip(view.columns, naturals, strict=True)}
        else:
            measured = natural_widths(view, sorted_key) if not view.rows else None
            naturals = [
                self._naturals.get(c.key, measured[i] if measured else 1)
                for i, c in enumerate(view.columns)
            ]
        available = self.table.scrollable_content_region.width
        widths = fit_widths(view.columns, naturals, available) if available > 0 else naturals
        widths = [self.widths.get(c.key, w) for c, w in zip(view.columns, widths, strict=True)]
        if available > 0:
            widths = pinned_capped(widths, self.table.fixed_columns, available)
        columns = []
        for column, width in zip(view.columns, widths, strict=True):
            label = column.label
            if column.key == sorted_key and sort is not None:
                label += " ▼" if sort.reverse else " ▲"
            columns.append(TableColumn(label, width, column.numeric))
        footer = view.footer_row if view.footer_row is not None and view.rows else None
        self.table.show(columns, [row.cells for row in view.rows], footer)

    @on(ViewTable.Resized)
    def _table_resized(self, event: ViewTable.Resized) -> None:
        """A new width for the table (a resize, the detail pane hidden, the tab first
        shown): the columns fit it again."""
        event.stop()
        if self.built and self.view.columns:
            self._lay_out_columns()

    # --- columns: widths the user sets, columns hidden -----------------------------------

    def _cursor_column_key(self) -> str | None:
        columns = self.view.columns
        if not columns:
            return None
        return columns[min(self.table.cursor_column, len(columns) - 1)].key

    def resize_column(self, cells: int) -> None:
        """Make the column under the cursor `cells` wider (narrower when negative)."""
        key = self._cursor_column_key()
        if key is None:
            return
        index = self.table.cursor_column
        current = self.table.columns[index].width if index < len(self.table.columns) else 1
        self.widths[key] = max(1, current + cells)
        self._lay_out_columns()

    def fit_column(self) -> None:
        """The column under the cursor as wide as its widest value; when it already is, back
        to the width that fits the table."""
        key = self._cursor_column_key()
        if key is None:
            return
        sort = self.state.sort
        natural = natural_widths(self.view, sort.column if sort else None)
        widest = natural[self.table.cursor_column]
        index = self.table.cursor_column
        if self.table.columns[index].width != widest:
            self.widths[key] = widest
        else:
            self.widths.pop(key, None)  # at its widest: back to what fits
        self._lay_out_columns()

    def hide_column(self) -> str | None:
        """Hide the column under the cursor (never the first, which names the rows);
        returns its label."""
        key = self._cursor_column_key()
        if key is None or self.table.cursor_column == 0:
            return None
        label = self.view.columns[self.table.cursor_column].label
        self.state.hidden = self.state.hidden | {key}
        self.rebuild()
        return label

    def show_hidden_columns(self) -> int:
        """Show every hidden column again; returns how many there were."""
        count = len(self.state.hidden)
        if count:
            self.state.hidden = frozenset()
            self.rebuild()
        return count
