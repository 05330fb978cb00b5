"""One tab: a filter bar, the table of a built View, and a status line.

The panel displays what `atctui.views` builds; it does no data work of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.expand_tabs import expand_tabs_inline
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from atctui.app.chart_mode import ChartMixin
from atctui.app.filter_runner import FilterRunner
from atctui.app.layout import counts_shown
from atctui.app.panel_columns import ColumnsMixin
from atctui.app.safe_input import SafeInput
from atctui.app.virtual_table import ViewTable
from atctui.dataset import Dataset
from atctui.errors import QueryError
from atctui.query import Query, parse
from atctui.textsafe import printable
from atctui.views import View
from atctui.viewstate import (
    Builder,
    ViewState,
    empty_view,
    next_match,
    next_year,
    row_of,
    sort_description,
    sorted_view,
)
from atctui.vocabulary import check_values

if TYPE_CHECKING:
    from textual.widgets import DataTable

    from atctui.app.counts import FrequencyTable

# Up to this much work (see view_work) a view is built and filtered on the event loop at
# every keystroke (quick enough for the bundled data); more is done in a thread, where the
# newest keystroke wins.
SYNC_FILTER_WORK = 5000


def view_work(view_name: str, dataset: Dataset) -> int:
    """About how many items a view's build goes through: the matrix crosses every
    participant with every meeting (slow with many meetings, however few its rows); a list
    goes through the records."""
    if view_name == "participants":
        return len(dataset.participants) * max(1, len(dataset.meetings))
    if view_name == "compare":  # two meetings
        return len(dataset.participants) * 2
    return len(dataset.records)


# What the empty filter bar shows: how to start, and examples offered as such. It must
# never read as a filter in force ("filter: moldova …" did, in every screenshot); the
# stylesheet draws it dim and italic, and only the status line says a filter is on.
FILTER_HINT = "/ to filter — try: moldova  year:2019  kind:cis_body"


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
class Highlighted(Message):
    """The record under the cursor changed: a row key, or a matrix cell (as Textual's
    widgets say of their cursor)."""

    view: str
    key: str
    meeting: str | None = None  # the matrix's column: "meeting:x-2017", "exercise:…"


class ViewPanel(ChartMixin, ColumnsMixin, Vertical):
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
        self.state = ViewState(view_name, builder) if builder else ViewState.of_view(view_name)
        if builder is None and placeholder:
            self.state.builder = None
        self.placeholder = placeholder
        self.large = view_work(view_name, dataset) > SYNC_FILTER_WORK
        self.built = False  # a view has been shown (until then a thread's build says so)
        self._facts_asked = False  # the rows' facts are being made ahead of the first filter
        self.widths: dict[str, int] = {}  # by column key: widths the user set (< > _)
        self._naturals: dict[str, int] = {}  # of the unfiltered view, for large views
        # Built and shown when the tab is first shown: start-up fills only the first tab.
        self.view: View = empty_view(view_name)
        self.populated = False
        self.counts_tables: list[FrequencyTable] = []  # beside the Exercises list
        self.runner = FilterRunner(self, self._show)
        # `s` pressed before the view has columns: the column to sort by once it has.
        self._sort_asked: int | None = None
        self._fault: QueryError | None = None  # the filter's, while its text does not parse

    @property
    def query_text(self) -> str:
        """The filter's text, as last applied."""
        return self.state.query_text

    @property
    def filtering_busy(self) -> bool:
        """A large view's build or filter is running in a thread."""
        return self.runner.busy

    def compose(self) -> ComposeResult:
        """The panel's widgets when it is the first tab; the others' are made when first shown."""
        # A hidden tab's widgets are made when it is first shown (`_ensure_parts`): at
        # start-up they were half of the app's widgets, styled and mounted for nothing.
        if self.eager:
            yield from _composed(self._parts())

    def _parts(self) -> list[Part]:
        matrix = self.view_name == "participants"
        # A cell cursor everywhere (the column under it is what s sorts and < > resize),
        # the column naming each row pinned while the rest scroll sideways.
        table = ViewTable(id="table", cursor_type="cell", fixed_columns=2 if matrix else 1)
        table_part: Part = (table, [])
        body: list[Part] = [table_part]  # beside the table: the counts, on Exercises
        if self.view_name == "exercises":
            from atctui.app.counts import FREQUENCY_COLUMNS, FrequencyTable

            self.counts_tables = [FrequencyTable(by, id=f"freq-{by}") for by in FREQUENCY_COLUMNS]
            counts = Vertical(id="freq")
            app = self.app
            beside = getattr(app, "layout_mode", "beside") == "beside" and getattr(
                app, "detail_wanted", True
            )
            counts.display = getattr(app, "counts_wanted", True) and counts_shown(
                app.size.width, beside
            )
            body.append((counts, [(table, []) for table in self.counts_tables]))
        return [
            (SafeInput(self.state.query_text, placeholder=FILTER_HINT, id="filter"), []),
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
        """The panel's table (the panel's widgets made first, if they are not yet)."""
        self._ensure_parts()
        return self.query_one(ViewTable)

    @property
    def filter_input(self) -> Input:
        """The panel's filter bar (the panel's widgets made first, if they are not yet)."""
        self._ensure_parts()
        return self.query_one("#filter", Input)

    # --- filtering -------------------------------------------------------------------

    def open_filter(self) -> None:
        """Put the focus in the filter bar."""
        # Focus now, not after a refresh (Widget.focus defers): keys typed right after
        # '/' must land in the filter, not in the app's letter bindings.
        self.screen.set_focus(self.filter_input)

    @on(Input.Changed, "#filter")
    def _typed(self, event: Input.Changed) -> None:
        self.apply_filter()

    def apply_filter(self) -> None:
        """Rebuild from the filter's text; a bad query keeps the last good rows."""
        text = self.filter_input.value
        error = self.query_one("#query-error", Static)
        try:
            query = parse(text)
            check_values(query, self.view_name, self.dataset)
        except QueryError as exc:
            # The caret follows the bar's text as it scrolls (one watcher per callback).
            self.watch(self.filter_input, "scroll_x", self._scrolled, init=False)
            self._fault = exc
            self._show_fault()
            error.remove_class("hidden")
            return
        self._fault = None
        error.add_class("hidden")
        if text == self.state.query_text and self.view.query == text:
            return
        self.state.query_text = text
        self.rebuild(query)

    def _show_fault(self) -> None:
        """The error line: `^` under the filter bar's character at fault, then what is
        wrong. The bar's text starts after its border and padding, takes cells as the bar
        draws it (a CJK character two), and may be scrolled: the caret follows it."""
        fault = self._fault
        if fault is None:
            return
        bar, error = self.filter_input, self.query_one("#query-error", Static)
        start = bar.styles.margin.left + bar.gutter.left
        start -= error.styles.margin.left + error.gutter.left
        cells = cell_len(expand_tabs_inline(bar.value[: fault.position], 4))  # as Input does
        column = cells - round(bar.scroll_x)
        if 0 <= column < bar.scrollable_content_region.width:
            caret = " " * (start + column) + "^"
        else:  # scrolled out of the bar: an arrow says which way
            caret = " " * start + ("◂" if column < 0 else "▸")
        error.update(Text(f"{caret} {printable(fault.message)}", style="bold red"))

    def _scrolled(self, _scroll_x: float) -> None:
        self._show_fault()

    def clear_filter(self) -> None:
        """Empty the filter, show every row, and focus the table."""
        self.filter_input.value = ""
        self._fault = None
        self.query_one("#query-error").add_class("hidden")
        self.state.query_text = ""
        self.rebuild(parse(""))
        self.screen.set_focus(self.cursor_widget)

    @property
    def filtering(self) -> bool:
        """Whether a filter is in force."""
        return self.state.filtering

    # --- building and showing ---------------------------------------------------------

    def set_builder(self, builder: Builder) -> None:
        """Show another view in this panel (the comparison of two other meetings)."""
        self._ensure_parts()
        self.state.builder = builder
        self.state.sort = None
        self.widths.clear()
        self._naturals.clear()
        self.populated = True
        self.rebuild()

    def rebuild(self, query: Query | None = None, *, wait: bool = False) -> None:
        """Build the view again (a new filter or sort), in a thread when it is large;
        the cursor stays on the record it was on."""
        state, dataset = self.state, self.dataset
        if state.builder is None:
            self.runner.invalidate()
            self._show(empty_view(self.view_name))
            return
        self.runner.request(lambda: state.build(dataset, query), in_thread=self.large and not wait)
        if self.runner.busy:
            self._update_status()

    def _show(self, view: View) -> None:
        selected = self.current()
        if self._sort_asked is not None and view.columns:
            column = view.columns[min(self._sort_asked, len(view.columns) - 1)].key
            self._sort_asked = None
            self.state.sort_by(column)
            view = sorted_view(view, self.state.sort)
        self.view = view
        self.built = True
        self.refresh_table()
        if self.large and not self._facts_asked:
            self._make_facts_ahead(view)
        if selected is not None:  # the same record, wherever a sort or filter put it
            row = row_of(view, selected.key)
            if row is None:  # filtered out: the first row the filter keeps, not the totals
                row = 0
            if row != self.table.cursor_row:
                self.table.move_cursor(row=row)

    def _make_facts_ahead(self, view: View) -> None:
        """Make what the rows are matched on, in a thread, once the rows are shown: a view
        is built without them (they wait for a query), and the first keystroke in a large
        one would otherwise wait for all of them."""
        self._facts_asked = True
        rows = view.rows

        def make() -> None:
            for row in rows:
                row.facts  # noqa: B018  # made and kept by the row (and its copies)

        self.run_worker(make, thread=True, group="facts", exit_on_error=False)

    def sort_by_cursor(self) -> None:
        """Sort by the column under the cursor; again reverses."""
        columns = self.view.columns
        if not columns:  # still being built: sort once it is
            self._sort_asked = self.table.cursor_column
            return
        self.state.sort_by(columns[min(self.table.cursor_column, len(columns) - 1)].key)
        self.rebuild()

    def clear_sort(self) -> None:
        """Back to the view's own order."""
        self.state.sort = None
        self.rebuild()

    def refresh_table(self) -> None:
        """Hand the view's rows to the table, which draws only what is on screen."""
        self._lay_out_columns()
        self._update_status()
        self._refresh_frequencies()
        self.refresh_chart()
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
        self.filter_input.value = f"{self.state.query_text.strip()} {term}".strip()
        self.apply_filter()
        self.screen.set_focus(self.table)

    def focus_frequency(self) -> bool:
        """Focus the first table of counts, or the next one when one has focus; False when
        there are none or they are hidden."""
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
        if self.state.builder is None:
            self.query_one("#status", Static).update(Text(self.placeholder))
            return
        shown, total = len(self.view.rows), self.view.total
        rows = f"{total} row" if total == 1 else f"{total} rows"  # "1 rows" read oddly
        status = f"{shown} of {rows}" if self.filtering else rows
        if self.filtering:
            status += f"   filter: {printable(self.query_text)}   (esc esc clears)"
        if self.view_name == "compare":
            status = f"{self.view.title} · {status}"
        if self.filtering_busy:
            status = status + "   filtering…" if self.built else "building the view…"
        sorting = sort_description(self.view, self.state.sort)
        if sorting:
            status += f"   {sorting}"
        self.query_one("#status", Static).update(Text(f"{status}\n{self.legend_line()}"))

    # --- the cursor and the detail pane ---------------------------------------------

    def current(self) -> Highlighted | None:
        """What is under the cursor: the row's record and, in the matrix, the meeting of its
        column; None when the view has no rows."""
        if self.chart_shown:
            key = self.chart_key()
            return None if key is None else Highlighted(self.view_name, key)
        table = self.table
        if not table.row_count or not self.view.rows:
            return None
        row_index = min(table.cursor_row, len(self.view.rows) - 1)
        key = self.view.rows[row_index].key
        meeting = None
        if self.view.column_keys and table.cursor_row < len(self.view.rows):
            column_key = self.view.column_keys[table.cursor_column]
            if column_key:
                meeting = column_key
        return Highlighted(self.view_name, key, meeting)

    def chart_changed(self) -> None:
        """The chart was shown, hidden or moved: the status line and the detail follow."""
        self._update_status()
        self._announce()

    def _announce(self) -> None:
        # No row under the cursor (nothing matches): an empty key clears the detail pane.
        self.post_message(self.current() or Highlighted(self.view_name, ""))

    @on(ViewTable.Highlighted)
    def _moved(self, event: Message) -> None:
        event.stop()
        self._announce()

    # --- n / N, [ / ] -----------------------------------------------------------------

    def jump(self, forward: bool = True) -> bool:
        """Move to the next (previous) match, wrapping round (viewstate.next_match)."""
        table = self.table
        found = next_match(self.view, table.cursor_row, table.cursor_column, forward)
        if found is None:
            return False
        table.move_cursor(row=found[0], column=found[1])
        return True

    def jump_year(self, forward: bool = True) -> int | None:
        """Move to the first row of the next (previous) year; returns that year."""
        found = next_year(self.view, self.table.cursor_row, forward)
        if found is None:
            return None
        self.table.move_cursor(row=found[0])
        return found[1]
