"""One tab: a filter bar, the table of a built View, and a status line.

The panel displays what `atctui.views` builds; it does no data work of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from atctui.app.layout import counts_shown
from atctui.app.virtual_table import TableColumn, ViewTable, column_width
from atctui.dataset import Dataset
from atctui.errors import QueryError
from atctui.query import Query, fold, parse
from atctui.textsafe import printable
from atctui.views import View, build

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from atctui.app.counts import FrequencyTable

Builder = Callable[[Dataset, Query | str], View]
# Up to this much work (see view_work) a view is built and filtered on the event loop at
# every keystroke (about 1 ms for the bundled data); more is done in a thread, where the
# newest keystroke wins.
SYNC_FILTER_WORK = 5000


def view_work(view_name: str, dataset: Dataset) -> int:
    """About how many items a view's build goes through: the matrix crosses every
    participant with every meeting (1.4 s at 10,000 meetings, for 60 rows); a list goes
    through the records."""
    if view_name == "participants":
        return len(dataset.participants) * max(1, len(dataset.meetings))
    if view_name == "compare":  # two meetings
        return len(dataset.participants) * 2
    return len(dataset.records)


FILTER_HINT = "/ filter: moldova  participant:moldova  year:2017..2020  -kind:cis_body"


# A widget and the parts inside it: composed at start-up, or mounted when first shown.
Part = tuple[Widget, list["Part"]]


def _composed(parts: list[Part]) -> Iterator[Widget]:
    for widget, inside in parts:
        if inside:
            with widget:
                yield from _composed(inside)
        else:
            yield widget


def _mount_now(parent: Widget, parts: list[Part]) -> None:
    # Each level mounted by hand: a container's composed children would wait for it to
    # compose, and the panel's table must be in the DOM before the next key arrives.
    parent.mount_all([widget for widget, _ in parts])
    for widget, inside in parts:
        if inside:
            _mount_now(widget, inside)


@dataclass
class Selected(Message):
    """The record under the cursor changed: a row key, or a matrix cell."""

    view: str
    key: str
    meeting: str | None = None


class ViewPanel(Vertical):
    """The filter bar, table and status line of one view."""

    def __init__(
        self,
        view_name: str,
        dataset: Dataset,
        *,
        builder: Builder | None = None,
        placeholder: str = "",
        eager: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.eager = eager  # its widgets made in compose (or already made since)
        self.view_name = view_name
        self.dataset = dataset
        # The tabs' views come from `views.build`; the comparison's is given once the
        # user has chosen two meetings, and until then the panel shows `placeholder`.
        self.builder: Builder | None = builder
        if builder is None and not placeholder:
            self.builder = partial(build, view_name)
        self.placeholder = placeholder
        self.filtering_busy = False  # a large view's filter is running in a thread
        self.large = view_work(view_name, dataset) > SYNC_FILTER_WORK
        self.built = False  # a view has been shown (until then a thread's build says so)
        self._widths: dict[str, int] = {}  # by column key: measured once, stable as it filters
        self.query_text = ""
        self.sort: tuple[int, bool] | None = None
        # Built and shown when the tab is first shown: start-up fills only the first tab.
        self.view: View = View(view_name, view_name.capitalize(), (), ())
        self.populated = False
        self.counts_tables: list[FrequencyTable] = []  # beside the Exercises list
        self._generation = 0  # of the newest filter asked for: older results are dropped
        self._pending: tuple[Builder, Query | str, int] | None = None

    def compose(self) -> ComposeResult:
        # A hidden tab's widgets are made when it is first shown (`_ensure_parts`): at
        # start-up they were half of the app's widgets, styled and mounted for nothing.
        if self.eager:
            yield from _composed(self._parts())

    def _parts(self) -> list[Part]:
        matrix = self.view_name == "participants"
        table = ViewTable(
            id="table", cursor_type="cell" if matrix else "row", fixed_columns=2 if matrix else 0
        )
        table_part: Part = (table, [])
        body: list[Part] = [table_part]  # beside the table: the counts, on Exercises
        if self.view_name == "exercises":
            from atctui.app.counts import FREQUENCY_COLUMNS, FrequencyTable

            self.counts_tables = [FrequencyTable(by, id=f"freq-{by}") for by in FREQUENCY_COLUMNS]
            counts = Vertical(id="freq")
            counts.display = counts_shown(self.app.size.width)
            body.append((counts, [(table, []) for table in self.counts_tables]))
        return [
            (Input(placeholder=FILTER_HINT, id="filter"), []),
            (Static("", id="query-error", classes="hidden", markup=False), []),
            (Horizontal(id="body"), body) if len(body) > 1 else table_part,
            (Static("", id="status", markup=False), []),
        ]

    def _ensure_parts(self) -> None:
        """Mount a lazily made panel's widgets: in the DOM at once (Textual composes them
        next), so that the table can take focus and keys before the next refresh."""
        if not self.eager and not self.children:
            self.eager = True
            _mount_now(self, self._parts())

    def populate(self, *, wait: bool = False) -> None:
        """Build the view when the tab is first shown: a large one in a thread, unless
        the caller waits for it (the first screen shows its rows)."""
        self._ensure_parts()
        if not self.populated:
            self.populated = True
            self.rebuild(wait=wait)

    # Made if not yet, so that no caller depends on the panel having been shown first.
    @property
    def table(self) -> ViewTable:
        self._ensure_parts()
        return self.query_one(ViewTable)

    @property
    def filter_input(self) -> Input:
        self._ensure_parts()
        return self.query_one("#filter", Input)

    # --- filtering -------------------------------------------------------------------

    def open_filter(self) -> None:
        # Focus now, not after a refresh (Widget.focus defers): keys typed right after
        # '/' must land in the filter, not in the app's letter bindings.
        self.screen.set_focus(self.filter_input)

    @on(Input.Changed, "#filter")
    def _typed(self, event: Input.Changed) -> None:
        self.apply_filter()

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.apply_filter()
        self.screen.set_focus(self.table)

    def apply_filter(self) -> None:
        """Rebuild from the filter's text; a bad query keeps the last good rows."""
        text = self.filter_input.value
        error = self.query_one("#query-error", Static)
        try:
            query = parse(text)
        except QueryError as exc:
            caret = " " * exc.position + "^"
            error.update(Text(f"{caret} {exc.message}", style="bold red"))
            error.remove_class("hidden")
            return
        error.add_class("hidden")
        if text == self.query_text and self.view.query == text:
            return
        self.query_text = text
        self.rebuild(query)

    def clear_filter(self) -> None:
        self.filter_input.value = ""
        self.query_one("#query-error").add_class("hidden")
        self.query_text = ""
        self.rebuild(parse(""))
        self.screen.set_focus(self.table)

    @property
    def filtering(self) -> bool:
        return bool(self.query_text.strip())

    # --- building and showing ---------------------------------------------------------

    def set_builder(self, builder: Builder) -> None:
        """Show another view in this panel (the comparison of two other meetings)."""
        self._ensure_parts()
        self.builder = builder
        self.sort = None
        self._widths.clear()
        self.populated = True
        self.rebuild()

    def rebuild(self, query: Query | None = None, *, wait: bool = False) -> None:
        self._generation += 1
        if self.builder is None:
            self.view = View(self.view_name, self.view_name.capitalize(), (), ())
            self.refresh_table()
            return
        wanted = query if query is not None else self.query_text
        if wait or not self.large:
            self._show(self._build(self.builder, wanted), self._generation)
            return
        # A large view filters in a thread and the UI keeps taking keys. One filter runs
        # at a time: keys typed meanwhile leave only their newest query waiting, which
        # starts when the running one ends (whose result is then dropped).
        job = (self.builder, wanted, self._generation)
        if self.filtering_busy:
            self._pending = job
        else:
            self._start(*job)

    def _start(self, builder: Builder, query: Query | str, generation: int) -> None:
        self.filtering_busy = True
        self._update_status()

        def work() -> None:
            view = self._build(builder, query)
            self.app.call_from_thread(self._finished, view, generation)

        self.run_worker(work, thread=True, group="filter", exit_on_error=False)

    def _finished(self, view: View, generation: int) -> None:
        pending, self._pending = self._pending, None
        if pending is not None:
            self._start(*pending)  # a newer query was typed while this one ran
        else:
            self._show(view, generation)

    def _build(self, builder: Builder, query: Query | str) -> View:
        view = builder(self.dataset, query)
        if self.sort is not None and self.sort[0] < len(view.columns):
            view = view.sorted_by(*self.sort)
        return view

    def _show(self, view: View, generation: int) -> None:
        if generation != self._generation:
            return  # a newer filter or sort is on its way
        self.filtering_busy = False
        self.view = view
        self.built = True
        self.refresh_table()

    def sort_by_cursor(self) -> None:
        column = self.table.cursor_column
        reverse = self.sort is not None and self.sort == (column, False)
        self.sort = (column, reverse)
        self.rebuild()

    def refresh_table(self) -> None:
        """Hand the view's rows to the table, which draws only what is on screen."""
        view = self.view
        columns = []
        for index, column in enumerate(view.columns):
            label = column.label
            if self.sort and self.sort[0] == index:
                label += " ▼" if self.sort[1] else " ▲"
            if column.key not in self._widths:
                cells = [row.cells[index] for row in view.rows]
                if view.footer_row is not None:
                    cells.append(view.footer_row[index])
                self._widths[column.key] = column_width(column.label, cells, _width(column.key))
            columns.append(TableColumn(label, self._widths[column.key], column.numeric))
        footer = view.footer_row if view.footer_row is not None and view.rows else None
        self.table.show(columns, [row.cells for row in view.rows], footer)
        self._update_status()
        self._refresh_frequencies()
        self._announce()

    def _refresh_frequencies(self) -> None:
        for counts in self.counts_tables:
            counts.show_counts(self.view)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """Enter on a count: the list narrows to that value (by the handler's name, so
        that this module need not import DataTable)."""
        counts = next((t for t in self.counts_tables if t is event.data_table), None)
        if counts is None:
            return
        event.stop()
        term = counts.term(event.cursor_row)
        if term is None:
            return
        self.filter_input.value = f"{self.query_text.strip()} {term}".strip()
        self.apply_filter()
        self.screen.set_focus(self.table)

    def focus_frequency(self) -> bool:
        tables: list[Widget] = list(self.counts_tables)
        if not tables or not self.query_one("#freq").display:
            return False
        focused = self.screen.focused
        nxt = tables[0]
        if focused in tables:
            position = tables.index(focused)
            nxt = tables[(position + 1) % len(tables)]
        self.screen.set_focus(nxt)
        return True

    def _update_status(self) -> None:
        if self.builder is None:
            self.query_one("#status", Static).update(Text(self.placeholder))
            return
        shown, total = len(self.view.rows), self.view.total
        status = f"{shown} of {total} rows" if self.filtering else f"{total} rows"
        if self.filtering:
            status += f"   filter: {printable(self.query_text)}   (esc esc clears)"
        if self.view_name == "compare":
            status = f"{self.view.title} · {status}"
        if self.filtering_busy:
            status = status + "   filtering…" if self.built else "building the view…"
        if self.sort is not None and self.sort[0] < len(self.view.columns):
            direction = "descending" if self.sort[1] else "ascending"
            status += f"   sorted by {self.view.columns[self.sort[0]].label}, {direction}"
        self.query_one("#status", Static).update(Text(f"{status}\n{self.view.legend}"))

    # --- the cursor and the detail pane ---------------------------------------------

    def current(self) -> Selected | None:
        table = self.table
        if not table.row_count or not self.view.rows:
            return None
        row_index = min(table.cursor_row, len(self.view.rows) - 1)
        key = self.view.rows[row_index].key
        meeting = None
        if self.view.column_keys and table.cursor_row < len(self.view.rows):
            column_key = self.view.column_keys[table.cursor_column]
            if column_key:
                meeting = column_key.partition(":")[2]
        return Selected(self.view_name, key, meeting)

    def _announce(self) -> None:
        # No row under the cursor (nothing matches): an empty key clears the detail pane.
        self.post_message(self.current() or Selected(self.view_name, ""))

    @on(ViewTable.CursorMoved)
    def _moved(self, event: Message) -> None:
        event.stop()
        self._announce()

    # --- n / N -------------------------------------------------------------------------

    def jump(self, forward: bool = True) -> bool:
        """Move to the next (previous) match, wrapping around: in the lists, the next row
        holding one of the filter's words; in the matrix, the next attended cell."""
        table = self.table
        rows = len(self.view.rows)
        if not rows:
            return False
        step = 1 if forward else -1
        if table.cursor_type == "cell":
            width = len(self.view.columns)
            start = table.cursor_row * width + table.cursor_column
            for offset in range(1, rows * width + 1):
                row, column = divmod((start + step * offset) % (rows * width), width)
                if self.view.rows[row].cells[column] == "●":
                    table.move_cursor(row=row, column=column)
                    return True
            return False
        words = [t.value for t in parse(self.query_text).terms if not t.negated and not t.years]
        if not words:
            return False
        for offset in range(1, rows + 1):
            row = (table.cursor_row + step * offset) % rows
            texts = [fold(c) for c in self.view.rows[row].cells]
            if any(w in text for w in words for text in texts):
                table.move_cursor(row=row)
                return True
        return False

    def jump_year(self, forward: bool = True) -> int | None:
        """Move to the first row of the next (previous) year; returns that year."""
        table = self.table
        years = [row.facts.years[0] if row.facts.years else None for row in self.view.rows]
        if not years or table.cursor_row >= len(years):
            return None
        here = years[table.cursor_row]
        if forward:
            candidates = [
                (y, i) for i, y in enumerate(years) if y is not None and (here is None or y > here)
            ]
            target = min(candidates, default=None)
        else:
            earlier = [y for y in years if y is not None and here is not None and y < here]
            year = max(earlier, default=None)
            target = None if year is None else (year, years.index(year))
        if target is None:
            return None
        table.move_cursor(row=target[1])
        return target[0]


def _width(column_key: str) -> int | None:
    """Cap free-text columns so one long title does not push the rest off screen."""
    widths = {
        "title": 50,
        "participant": 26,
        "item": 34,
        "territory": 22,
        "stages": 22,
        "place": 22,
    }
    return widths.get(column_key)
