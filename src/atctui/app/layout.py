"""The layout rules for the terminal's size, used when widgets are made and on resize.

- 100 columns and more (16 lines and more): the table and the detail pane side by side;
- 60 to 99 columns, 24 lines and more: the detail pane below the table;
- smaller: one thing at a time, the table; enter opens the detail pane over it, and
  enter or escape closes it again.
The user may hide the detail pane (d) to give the table the whole width, and the counts
beside the Exercises list (F).
"""

from __future__ import annotations

from typing import Literal

Mode = Literal["beside", "stacked", "solo"]


def mode(width: int, height: int) -> Mode:
    """Where the detail pane goes for a terminal of this size."""
    if width >= 100 and height >= 16:
        return "beside"
    if width >= 60 and height >= 24:
        return "stacked"
    return "solo"


def stacked(width: int) -> bool:
    """The detail pane goes below the table, not beside it."""
    return width < 100


def counts_shown(width: int, detail_beside: bool = True) -> bool:
    """The counts beside the exercises only when the list keeps 90 columns next to them
    (the list's columns, less than that, were hidden behind the counts)."""
    list_width = width * 2 // 3 if detail_beside and not stacked(width) else width
    return list_width - 26 >= 90


# Below these widths Textual's option list (the palette) and its toasts divide by zero
# as they wrap their text: the palette does not open, a message rings the bell.
PALETTE_MIN_WIDTH = 20
TOAST_MIN_WIDTH = 12
