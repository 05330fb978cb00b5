"""The app's tabs and its key bindings. Each binding has an id: the user's keymap in the
settings file rebinds by id, and the key bar and the help screen show what is bound."""

from __future__ import annotations

from textual.binding import Binding, BindingType

TABS: list[tuple[str, str]] = [
    ("timeline", "Timeline"),
    ("participants", "Participants"),
    ("exercises", "Exercises"),
    ("compare", "Compare"),
]
APP_BINDINGS: list[BindingType] = [
    # Priority: run in the app's loop as the key arrives, so the focus moves before the
    # next key is handed on (keys go to the focused widget's queue at once: "2/mo" typed
    # quickly sent "mo" to the old tab's table, "enter y" put the y in the filter bar).
    # In a text field or a dialog they pass through (SkipAction).
    # Not in the key bar: the tab bar shows each tab's key.
    *(
        Binding(str(n), f"show_tab('{name}')", label, show=False, id=f"tab.{name}", priority=True)
        for n, (name, label) in enumerate(TABS, start=1)
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        id="filter",
        tooltip="Filter this tab as you type",
        priority=True,
    ),
    Binding("escape", "escape", "Back / clear", show=False, id="escape", priority=True),
    Binding("enter", "submit_filter", "Apply the filter", show=False, priority=True),
    Binding("n", "jump(True)", "Next", id="next", tooltip="Next match"),
    Binding("N", "jump(False)", "Prev", show=False, id="previous"),
    Binding("s", "sort", "Sort", id="sort", tooltip="Sort by this column; again reverses"),
    Binding("right_square_bracket", "year(True)", "Next year", show=False, id="year.next"),
    Binding("left_square_bracket", "year(False)", "Prev year", show=False, id="year.prev"),
    Binding("e", "export", "Export", id="export", tooltip="Export this view to a file"),
    Binding("y", "copy_view", "Copy", id="copy.view", tooltip="Copy this view as text"),
    Binding(
        "Y",
        "copy_record",
        "Copy record",
        show=False,
        id="copy.record",
        tooltip="Copy the record under the cursor with its citations",
    ),
    Binding(
        "m",
        "mark_meeting",
        "Mark",
        id="compare.mark",
        tooltip="Participants: mark this meeting column; a second mark compares the two",
    ),
    Binding("f", "frequency", "Counts", id="frequency", tooltip="Exercises: counts by host, year"),
    Binding("question_mark", "help", "Help", id="help"),
    Binding("q", "quit", "Quit", id="quit"),
]
