"""How wide each column of a view is drawn in a table of a given width.

Each column wants the width of its widest value (and of its label); while the table has
room, it gets it. When the table is too narrow, the widest text columns give way first
(widest for its share: a title, whose share is three, keeps more than a place, whose
share is one), down to a minimum, and their long values end with "…". Columns of
dates, numbers and symbols never give way: a date is never cut. A header is never cut
shorter than its label's first word. What still does not fit scrolls sideways, the first
column pinned.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len

from atctui.textsafe import clipped, printable
from atctui.views.base import Column, View

# A text column that must give way keeps at least this many cells (or its first word's).
MIN_TEXT = 12
# Each cell is drawn with one space either side.
PADDING = 2
# Above this many rows a filtered view is measured by the unfiltered one's widths: a
# column then stays as wide as it was (measuring every cell at each keystroke would cost
# more than the keystroke's own work).
MEASURE_ROWS = 5000


def shown_width(text: str) -> int:
    """Cells a value takes on screen (a very long value is measured by its start)."""
    shown = printable(clipped(text, 1000))
    return len(shown) if shown.isascii() else cell_len(shown)


def natural_widths(view: View, sorted_column: str | None = None) -> list[int]:
    """Each column's widest value or label (with room for a sort arrow on the sorted
    column): what it is drawn at when the table has room."""
    widths = []
    for index, column in enumerate(view.columns):
        values = {row.cells[index] for row in view.rows}
        if view.footer_row is not None:
            values.add(view.footer_row[index])
        longest = max((shown_width(value) for value in values), default=0)
        arrow = 2 if column.key == sorted_column else 0
        widths.append(max(longest, shown_width(column.label) + arrow, 1))
    return widths


def minimum_width(column: Column, natural: int) -> int:
    """The narrowest a column is drawn: its natural width for dates, numbers and symbols;
    for text, MIN_TEXT cells, and never less than its label's first word (and "…")."""
    if not column.ratio:
        return natural
    words = column.label.split()
    first = shown_width(words[0]) if words else 1
    header = first + (1 if len(words) > 1 else 0)
    return min(natural, max(MIN_TEXT, header))


def fit_widths(columns: Sequence[Column], naturals: Sequence[int], available: int) -> list[int]:
    """Content widths for a table `available` cells wide: natural widths, the widest
    text columns narrowed first (down to their minimum) until the table fits."""
    widths = list(naturals)
    minimums = [minimum_width(c, n) for c, n in zip(columns, naturals, strict=True)]
    if columns and columns[0].ratio:
        # The first column names the rows and stays while the others scroll sideways: it
        # keeps two fifths of the table, or its widest name. Narrowed to its minimum, the
        # matrix named nine rows "Council of …" alike.
        minimums[0] = min(naturals[0], max(minimums[0], available * 2 // 5))
    excess = sum(w + PADDING for w in widths) - available
    while excess > 0:
        shrinkable = [i for i, w in enumerate(widths) if w > minimums[i]]
        if not shrinkable:
            break  # what does not fit scrolls sideways

        def share(i: int) -> float:
            return widths[i] / max(columns[i].ratio, 1)

        widest = max(shrinkable, key=lambda i: (share(i), -i))
        widths[widest] -= 1
        excess -= 1
    return widths
