"""A table that draws only what is on screen (Textual's Line API).

The stock DataTable measures and stores every cell as rows are added: a frozen UI for a
large view, on every filter keystroke. This table keeps a reference to the rows it is
given and renders, line by line, only the visible rows and columns; filling it costs
the same for 20 rows as for 100,000. It keeps the part of DataTable's interface that
atctui uses (cursor_row, cursor_column, move_cursor, row_count, get_row_at) and its look
(the same theme variables).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, NamedTuple

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from atctui.textsafe import clipped, printable


class TableColumn(NamedTuple):
    """A column as the table draws it: its label, its content's width, whether it aligns right."""

    label: str
    width: int  # of the content; each cell adds one space of padding either side
    right: bool = False


def fit(text: str, width: int, right: bool = False) -> str:
    """`text` in exactly `width` cells: padded, or cut with an ellipsis (a cut to one cell
    is the ellipsis alone: 'X' of 'XVIII 2025' would read as the X meeting)."""
    size = cell_len(text)
    if size > width:
        return set_cell_size(text, width - 1) + "…" if width > 0 else ""
    pad = " " * (width - size)
    return pad + text if right else text + pad


class Paint(NamedTuple):
    """The table's styles for one paint."""

    base: Style
    header: Style
    even_row: Style
    footer: Style
    cursor: Style
    fixed: Style
    cursor_row: Style


class ViewTable(ScrollView, can_focus=True):
    """Rows of strings under a header; a row or cell cursor; fixed leading columns."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1, 0)", "Up", show=False),
        Binding("down,j", "cursor(1, 0)", "Down", show=False),
        Binding("left,h", "cursor(0, -1)", "Left", show=False),
        Binding("right,l", "cursor(0, 1)", "Right", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,g", "edge(-1)", "Top", show=False),
        Binding("end,G", "edge(1)", "Bottom", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "viewtable--header", "viewtable--cursor", "viewtable--cursor-row", "viewtable--even-row",
        "viewtable--fixed", "viewtable--footer",
    }  # fmt: skip
    DEFAULT_CSS = """
    ViewTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .viewtable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .viewtable--header { text-style: bold; background: $panel; color: $foreground; }
        & > .viewtable--fixed { background: $secondary-muted; color: $foreground; }
        & > .viewtable--even-row { background: $surface-lighten-1 50%; }
        &:dark > .viewtable--even-row { background: $surface-darken-1 40%; }
        & > .viewtable--footer { text-style: bold; }
        & > .viewtable--cursor-row { background: $primary 15%; }
        & > .viewtable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    cursor_row: reactive[int] = reactive(0, repaint=False, init=False)
    cursor_column: reactive[int] = reactive(0, repaint=False, init=False)

    @dataclass
    class Highlighted(Message):
        """The cursor moved to another row or cell."""

        table: ViewTable
        row: int
        column: int

    @dataclass
    class Resized(Message):
        """The table's width changed: the columns may fit it again."""

        table: ViewTable
        width: int

    @dataclass
    class Selected(Message):
        """A click on the cursor's row or cell (enter is the app's: AtcApp.action_enter)."""

        table: ViewTable
        row: int
        column: int

    def __init__(
        self,
        *,
        cursor_type: Literal["row", "cell"] = "row",
        fixed_columns: int = 0,
        zebra_stripes: bool = True,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.cursor_type = cursor_type
        self.fixed_columns = fixed_columns
        self.zebra_stripes = zebra_stripes
        self.columns: tuple[TableColumn, ...] = ()
        self._rows: Sequence[Sequence[str]] = ()
        self._footer: Sequence[str] | None = None
        self._starts: list[int] = []  # x of each scrollable column, from the first one
        self._fixed_width = 0
        self._paint: Paint | None = None  # the styles, kept while a paint runs
        self._laid_out_for = -1  # the content width last announced (Resized)

    # --- filling ---------------------------------------------------------------------

    def show(
        self,
        columns: Sequence[TableColumn],
        rows: Sequence[Sequence[str]],
        footer: Sequence[str] | None = None,
    ) -> None:
        """Show these rows (kept by reference, never copied) and keep the cursor in them."""
        self.columns = tuple(columns)
        self._rows, self._footer = rows, footer
        widths = [c.width + 2 for c in self.columns]
        fixed = min(self.fixed_columns, len(widths))
        self._fixed_width = sum(widths[:fixed])
        self._starts = []
        x = 0
        for width in widths[fixed:]:
            self._starts.append(x)
            x += width
        self.virtual_size = Size(self._fixed_width + x, self.row_count + 1)
        self.set_reactive(ViewTable.cursor_row, self._clamp_row(self.cursor_row))
        self.set_reactive(ViewTable.cursor_column, self._clamp_column(self.cursor_column))
        self.refresh()

    @property
    def row_count(self) -> int:
        """How many rows it has, the footer (the totals) included."""
        return len(self._rows) + (1 if self._footer is not None else 0)

    def get_row_at(self, index: int) -> list[str]:
        """A row's cells as displayed (control characters made visible), not cut to their
        columns (a very long value is cut as everywhere on screen)."""
        row = self._rows[index] if index < len(self._rows) else self._footer
        if row is None:
            raise IndexError(index)
        return [printable(clipped(cell)) for cell in row]

    @property
    def cursor_coordinate(self) -> tuple[int, int]:
        """The cursor as (row, column), as DataTable gives it."""
        return (self.cursor_row, self.cursor_column)

    def _clamp_row(self, row: int) -> int:
        return max(0, min(row, self.row_count - 1))

    def _clamp_column(self, column: int) -> int:
        return max(0, min(column, len(self.columns) - 1))

    # --- the cursor ------------------------------------------------------------------

    def move_cursor(self, *, row: int | None = None, column: int | None = None) -> None:
        """Move the cursor, kept within the rows and columns, and scroll it into view."""
        if row is not None:
            self.cursor_row = self._clamp_row(row)
        if column is not None:
            self.cursor_column = self._clamp_column(column)
        self._scroll_to_cursor()

    def watch_cursor_row(self, old: int, new: int) -> None:
        """Repaint, and announce a move to another row (Highlighted)."""
        self._cursor_changed(old != new)

    def watch_cursor_column(self, old: int, new: int) -> None:
        """Repaint, and with a cell cursor, announce a move to another column (Highlighted)."""
        self._cursor_changed(old != new and self.cursor_type == "cell")

    def _cursor_changed(self, moved: bool) -> None:
        self.refresh()
        if moved:
            self.post_message(self.Highlighted(self, self.cursor_row, self.cursor_column))

    def _body_height(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # less the header

    def _scroll_to_cursor(self) -> None:
        height = self._body_height()
        top = round(self.scroll_y)
        row = self.cursor_row
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + height:
            self.scroll_to(y=row - height + 1, animate=False, immediate=True)
        fixed = min(self.fixed_columns, len(self.columns))
        if self.cursor_type == "cell" and self.cursor_column >= fixed and self._starts:
            index = self.cursor_column - fixed
            start = self._starts[index]
            end = start + self.columns[self.cursor_column].width + 2
            room = self.scrollable_content_region.width - self._fixed_width
            left = round(self.scroll_x)
            if start < left:
                self.scroll_to(x=start, animate=False, immediate=True)
            elif end > left + room:
                # Scroll to a column's start, so no column shows cut in half on the left.
                first = bisect_left(self._starts, end - room)
                self.scroll_to(x=self._starts[min(first, index)], animate=False, immediate=True)

    def action_cursor(self, rows: int, columns: int) -> None:
        """Move the cursor by rows and columns; a row cursor scrolls sideways instead."""
        if self.cursor_type == "row" and columns:
            self.scroll_relative(x=columns * 4, animate=False)
            return
        self.move_cursor(row=self.cursor_row + rows, column=self.cursor_column + columns)

    def action_page(self, direction: int) -> None:
        """Move the cursor a page up or down."""
        self.move_cursor(row=self.cursor_row + direction * self._body_height())

    def action_edge(self, direction: int) -> None:
        """Move the cursor to the first or the last row."""
        self.move_cursor(row=0 if direction < 0 else self.row_count - 1)

    def action_choose(self) -> None:
        """Announce that the row or cell under the cursor was chosen (Selected)."""
        if self.row_count:
            self.post_message(self.Selected(self, self.cursor_row, self.cursor_column))

    def action_scroll_top(self) -> None:  # DataTable's names, kept for callers
        """Move the cursor to the first row."""
        self.action_edge(-1)

    def action_scroll_bottom(self) -> None:
        """Move the cursor to the last row."""
        self.action_edge(1)

    def on_resize(self) -> None:
        """Keep the cursor in view; say when the width the columns share has changed."""
        self._scroll_to_cursor()
        width = self.scrollable_content_region.width
        if width != self._laid_out_for:
            self._laid_out_for = width
            self.post_message(self.Resized(self, width))

    async def _on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1 or not self.row_count:
            return
        row = round(self.scroll_y) + offset.y - 1
        column = self._column_at(offset.x)
        if row >= self.row_count or column is None:
            return
        same = row == self.cursor_row and (
            self.cursor_type == "row" or column == self.cursor_column
        )
        self.move_cursor(row=row, column=column)
        if same:
            self.action_choose()

    def _column_at(self, x: int) -> int | None:
        fixed = min(self.fixed_columns, len(self.columns))
        if x < self._fixed_width:
            edge = 0
            for i in range(fixed):
                edge += self.columns[i].width + 2
                if x < edge:
                    return i
        index = bisect_right(self._starts, x - self._fixed_width + round(self.scroll_x)) - 1
        return fixed + index if 0 <= index < len(self._starts) else None

    # --- drawing ---------------------------------------------------------------------

    def render_lines(self, crop: Region) -> list[Strip]:
        """Render the lines a paint asks for, the styles looked up once for all of them."""
        # The styles once per paint, not once per line: each lookup walks the DOM, a cost
        # that a screenful of lines would pay over and over.
        # Looked up by the first line drawn (a paint with no line to draw costs nothing),
        # and forgotten when the paint ends (the theme or focus may change before the next).
        self._paint = None
        try:
            return super().render_lines(crop)
        finally:
            self._paint = None

    def _styles(self) -> Paint:
        if self._paint is None:
            self._paint = Paint(
                self.rich_style,
                self.get_component_rich_style("viewtable--header"),
                self.get_component_rich_style("viewtable--even-row"),
                self.get_component_rich_style("viewtable--footer"),
                self.get_component_rich_style("viewtable--cursor"),
                self.get_component_rich_style("viewtable--fixed"),
                self.get_component_rich_style("viewtable--cursor-row"),
            )
        return self._paint

    def render_line(self, y: int) -> Strip:
        """Line `y` of the table: the header at the top, then the rows from the scroll position,
        blank below the last."""
        paint = self._styles()
        width = self.scrollable_content_region.width
        if y == 0:
            labels = [c.label for c in self.columns]
            return self._line(labels, -1, width, paint.header, paint)
        row = round(self.scroll_y) + y - 1
        if row >= self.row_count:
            return Strip.blank(width, paint.base)
        is_footer = row >= len(self._rows)
        cells: Sequence[str] | None = self._footer if is_footer else self._rows[row]
        assert cells is not None
        style = paint.base
        if self.zebra_stripes and row % 2 == 1:
            style += paint.even_row
        if is_footer:
            style += paint.footer
        return self._line(cells, row, width, style, paint)

    def _line(
        self, cells: Sequence[str], row: int, width: int, style: Style, paint: Paint
    ) -> Strip:
        cursor = paint.cursor
        fixed_style = paint.fixed
        on_row = row == self.cursor_row and self.row_count > 0
        fixed = min(self.fixed_columns, len(self.columns))

        def cell(index: int, width: int | None = None) -> Segment:
            """The cell of column `index`, padded or cut to its width (or to `width`, when
            the table's edge cuts the column), in the row's style, the fixed columns' or
            the cursor's."""
            column = self.columns[index]
            width = column.width if width is None else width
            shown = printable(clipped(cells[index], 4 * column.width + 8))  # enough to fill it
            if row < 0 and width < cell_len(shown) and width <= cell_len(shown.split(" ")[0]):
                # A header the edge cuts inside its first word is '…' alone: 'XII…' of
                # 'XIII* 2020' read as the XII meeting.
                text = f" {'…'.ljust(width)} " if width > 0 else " "
            else:
                text = f" {fit(shown, width, column.right)} " if width > 0 else " "
            cell_style = style
            if index < fixed and row >= 0:
                cell_style = style + fixed_style
            if on_row and (self.cursor_type == "row" or index == self.cursor_column):
                cell_style = style + cursor
            elif on_row:  # the cursor's row, around its cell
                cell_style = cell_style + paint.cursor_row
            return Segment(text, cell_style)

        segments = [cell(i) for i in range(fixed)]
        left = round(self.scroll_x)
        room = width - self._fixed_width
        first = max(0, bisect_right(self._starts, left) - 1)
        scrolled: list[Segment] = []
        for index in range(first, len(self._starts)):
            start = self._starts[index]
            if start >= left + room:
                break
            column_width = self.columns[fixed + index].width
            if start + column_width + 2 > left + room:  # the edge cuts it: end with "…"
                scrolled.append(cell(fixed + index, left + room - start - 1))
                break
            scrolled.append(cell(fixed + index))
        if scrolled:
            offset = left - self._starts[first]
            line = Strip(scrolled).crop(offset, offset + max(room, 0))
            segments += list(line)
        return Strip(segments).extend_cell_length(width, style).crop(0, width)
