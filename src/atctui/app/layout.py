"""The layout rules for the terminal's size, used when widgets are made and on resize."""

from __future__ import annotations


def stacked(width: int) -> bool:
    """The detail pane goes below the table, not beside it."""
    return width < 100


def detail_shown(width: int, height: int) -> bool:
    """Whether the detail pane is shown at all: not on a terminal too small for it and the table."""
    return height >= 16 and width >= 40


def counts_shown(width: int) -> bool:
    """The counts beside the exercises only when the list keeps 50 columns next to them."""
    list_width = width if stacked(width) else width * 2 // 3
    return list_width - 26 >= 50
