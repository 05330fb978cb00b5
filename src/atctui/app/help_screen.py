"""The help screen: the keys as the user bound them (from the bindings' own tooltips),
the filter language (from its fields' descriptions) and the markers."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from atctui.app.keys import help_lines
from atctui.query import FIELDS
from atctui.vocabulary import field_values, spelled


def _section(title: str) -> Text:
    return Text("\n" + title, style="bold")


def _two_columns(rows: list[tuple[str, str]]) -> Table:
    """Keys or names beside what they do; a long line wraps under its own column."""
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for left, right in rows:
        table.add_row(Text("  " + left), Text(right))
    return table


def _values() -> list[tuple[str, str]]:
    """Each field's values by tab, the field named on its first line."""
    rows: list[tuple[str, str]] = []
    named: set[str] = set()
    for field, where, groups in field_values():
        values = ", ".join(spelled(group) for group in groups)
        rows.append(("" if field in named else f"{field}:", f"{where}: {values}"))
        named.add(field)
    return rows


def help_body(key_of: Callable[[str], str]) -> Group:
    """The help's text, naming each key as `key_of(binding id)` displays it."""
    keys = [(line.keys, line.what) for line in help_lines(key_of)]
    examples = [
        ("participant:moldova kind:meeting", "meetings Moldova attended"),
        ("kind:cis_body year:2019", "(Participants) CIS bodies at the 2019 meeting"),
        ("host:tajikistan", "(Exercises) exercises hosted by Tajikistan"),
        ("has:contradiction", "records with a recorded contradiction"),
    ]
    return Group(
        Text("Keys", style="bold"),
        _two_columns(keys),
        _section("Filter language"),
        Padding(
            Text(
                "Bare words match any text, participant aliases included; case and accents "
                'are ignored. "quoted phrase". -term negates. All terms must hold.'
            ),
            (0, 0, 0, 2),
        ),
        _two_columns([(name + ":", what) for name, what in FIELDS.items()]),
        _section("Values of kind:, status: and has:"),
        _two_columns(_values()),
        _section("Examples"),
        _two_columns(examples),
        Text(),
        Text("Matrix: ● attended  · not named in a complete list  ? unknown (partial list)"),
        Text("Flags: * inferred  ? uncertain  ! contradiction  n note"),
    )


class HelpScreen(ModalScreen[None]):
    """The help, over the app: the keys as the user bound them, the filter language and the
    markers; escape, q or ? closes it."""

    # Its own styles, beside it: read when the dialog first opens, not at start-up.
    CSS = """
    HelpScreen {
        align: center middle;
    }
    #help-box {
        width: 90;
        max-width: 100%;
        height: 80%;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help.close"),
    ]

    def __init__(self, key_of: Callable[[str], str]) -> None:
        super().__init__()
        self.key_of = key_of

    def compose(self) -> ComposeResult:
        """The title, the help's text in a scrolling box, and how to close it."""
        with VerticalScroll(id="help-box"):
            yield Static(Text("atctui help", style="bold"), id="help-title")
            yield Static(help_body(self.key_of), id="help-body")
            yield Static(Text("esc closes", style="dim"))
