"""The app's tabs and its key bindings. Each binding has an id: the user's keymap in the
settings file rebinds by id, and the key bar, the help screen and the palette show what
is bound. Each binding's tooltip is its line in the help and its command in the palette:
the words about a key live beside the key."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from textual.binding import Binding, BindingType

# Bindings shown on one line of the help, under their group's description.
STEP = Binding.Group(
    "Next / previous match: a row the filter keeps; in the matrix, an attended cell"
)
YEARS = Binding.Group("Previous / next year (Timeline, Exercises)")
WIDTH = Binding.Group("Narrow / widen the column under the cursor")

# Keys the key bar shows when there is room after the others (a wide terminal): the
# others are the ones a new user needs first.
EXTRA_KEY_IDS = frozenset({
    "previous", "year.prev", "year.next", "copy.record", "copy.command", "query.save",
    "column.narrow", "column.widen", "column.fit", "column.hide", "column.show",
    "detail.toggle", "counts.toggle", "names.toggle",
})  # fmt: skip

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
        Binding(
            str(n),
            f"show_tab('{name}')",
            label,
            show=False,
            id=f"tab.{name}",
            tooltip=f"Show {label}",
            priority=True,
        )
        for n, (name, label) in enumerate(TABS, start=1)
    ),
    Binding(
        "slash",
        "filter",
        "Filter",
        id="filter",
        priority=True,
        tooltip="Filter the current tab as you type; enter returns to the table",
    ),
    Binding(
        "escape",
        "escape",
        "Back / clear",
        show=False,
        id="escape",
        priority=True,
        tooltip="Leave the filter bar or the detail pane; again clears the filter",
    ),
    # One path for enter on the main screen (AtcApp.action_enter); elsewhere it passes on.
    Binding(
        "enter",
        "enter",
        "Open / back",
        show=False,
        id="enter",
        priority=True,
        tooltip="Into the detail pane and back to the table; in the filter bar, apply it",
    ),
    Binding(
        "n",
        "jump(True)",
        "Next",
        id="next",
        group=STEP,
        tooltip="Next match: the next row the filter keeps; in the matrix, an attended cell",
    ),
    Binding(
        "N",
        "jump(False)",
        "Prev",
        show=False,
        id="previous",
        group=STEP,
        tooltip="Previous match: the row before the cursor that the filter keeps",
    ),
    Binding(
        "s",
        "sort",
        "Sort",
        id="sort",
        tooltip="Sort by this column; again reverses",
    ),
    Binding(
        "left_square_bracket",
        "year(False)",
        "Prev year",
        show=False,
        id="year.prev",
        group=YEARS,
        tooltip="First row of the previous year (Timeline, Exercises)",
    ),
    Binding(
        "right_square_bracket",
        "year(True)",
        "Next year",
        show=False,
        id="year.next",
        group=YEARS,
        tooltip="First row of the next year (Timeline, Exercises)",
    ),
    Binding(
        "e",
        "export",
        "Export",
        id="export",
        tooltip="Export this view (its filter and sort) to a file",
    ),
    Binding(
        "y",
        "copy_view",
        "Copy",
        id="copy.view",
        tooltip="Copy this view as text, at the terminal's width",
    ),
    Binding(
        "Y",
        "copy_record",
        "Copy record",
        show=False,
        id="copy.record",
        tooltip="Copy the record or cell under the cursor with its sources",
    ),
    Binding(
        "m",
        "mark_meeting",
        "Mark",
        id="compare.mark",
        tooltip="Participants: mark this meeting column; a second mark compares the two",
    ),
    Binding(
        "c",
        "choose_comparison",
        "Choose",
        id="compare.choose",
        tooltip="Compare: choose the two meetings from a list of every meeting",
    ),
    Binding(
        "f",
        "frequency",
        "Counts",
        id="frequency",
        tooltip="Exercises: the counts by host and by year; enter on one filters the list",
    ),
    Binding(
        "v",
        "toggle_chart",
        "Chart",
        id="chart.toggle",
        tooltip="Timeline, Participants: the view as a chart (marks over the years; counts "
        "per year), or the table again",
    ),
    Binding(
        "L",
        "toggle_names",
        "Names ru/en",
        show=False,
        id="names.toggle",
        tooltip="Name records in Russian (where the data give a Russian name) or in English",
    ),
    Binding(
        "x",
        "cycle_columns",
        "Columns",
        id="columns.cycle",
        tooltip="Participants: the matrix's columns: meetings, exercises, or both",
    ),
    Binding(
        "C",
        "copy_command",
        "Copy command",
        show=False,
        id="copy.command",
        tooltip="Copy the atctui export command that prints this view (filter, sort, data)",
    ),
    Binding(
        "o",
        "open_source",
        "Source",
        id="source.open",
        tooltip="Open the web page of the source of the record or cell under the cursor",
    ),
    Binding(
        "S",
        "save_query",
        "Save filter",
        show=False,
        id="query.save",
        tooltip="Save this filter under a name, to use again from the palette",
    ),
    Binding(
        "less_than_sign",
        "resize_column(-1)",
        "Narrower",
        show=False,
        id="column.narrow",
        group=WIDTH,
        tooltip="Narrow the column under the cursor",
    ),
    Binding(
        "greater_than_sign",
        "resize_column(1)",
        "Wider",
        show=False,
        id="column.widen",
        group=WIDTH,
        tooltip="Widen the column under the cursor",
    ),
    Binding(
        "underscore",
        "fit_column",
        "Fit",
        show=False,
        id="column.fit",
        tooltip="Fit the column under the cursor to its widest value; again undoes",
    ),
    Binding(
        "minus",
        "hide_column",
        "Hide",
        show=False,
        id="column.hide",
        tooltip="Hide the column under the cursor (from exports too)",
    ),
    Binding(
        "plus",
        "show_columns",
        "Unhide",
        show=False,
        id="column.show",
        tooltip="Show the hidden columns again",
    ),
    Binding(
        "d",
        "toggle_detail",
        "Detail",
        show=False,
        id="detail.toggle",
        tooltip="Hide or show the detail pane, so the table can take the whole width",
    ),
    Binding(
        "F",
        "toggle_counts",
        "Counts on/off",
        show=False,
        id="counts.toggle",
        tooltip="Exercises: hide or show the counts beside the list",
    ),
    Binding("question_mark", "help", "Help", id="help", tooltip="This help"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit atctui"),
]


class HelpLine(NamedTuple):
    """A line of the help: the keys, as the user bound them, and what they do."""

    keys: str
    what: str


# Keys that no setting rebinds, in the widgets that own them (named here for the help).
FIXED_HELP = [
    HelpLine("arrows hjkl", "move; PgUp PgDn page; g G (Home End) top and bottom"),
    HelpLine("ctrl+c", "copy the text selected with the mouse (detail pane)"),
    HelpLine("ctrl+p", "command palette: every action, with its key"),
]


def app_bindings() -> list[Binding]:
    """The app's bindings, each with its id (the keymap's name for it)."""
    return [b for b in APP_BINDINGS if isinstance(b, Binding) and b.id]


def help_lines(key_of: Callable[[str], str]) -> list[HelpLine]:
    """The help's keys, from the bindings: the tab keys on one line, a group's keys on
    one line under its description, every other binding's key (as `key_of(binding id)`
    displays it) with its tooltip; then the fixed keys."""
    lines: list[HelpLine] = []
    bindings = app_bindings()
    tabs = [b for b in bindings if str(b.id).startswith("tab.")]
    labels = ", ".join(label for _, label in TABS)
    lines.append(HelpLine(" ".join(key_of(str(b.id)) for b in tabs), f"switch to {labels}"))
    done: set[str] = set()
    for binding in bindings:
        if binding in tabs or binding.id in done:
            continue
        group = binding.group
        if group is not None:
            same = [b for b in bindings if b.group is group]
            done |= {str(b.id) for b in same}
            keys = " ".join(key_of(str(b.id)) for b in same)
            lines.append(HelpLine(keys, _sentence(group.description)))
        else:
            lines.append(HelpLine(key_of(str(binding.id)), _sentence(binding.tooltip)))
    return lines + FIXED_HELP


def _sentence(text: str) -> str:
    """A tooltip as a help line: the help's lines start in lower case."""
    return text[:1].lower() + text[1:]
