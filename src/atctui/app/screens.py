"""Modal screens: help, and the export dialog."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar, NamedTuple

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from atctui.formats import DEFAULT_FORMAT, FORMATS, extension
from atctui.query import FIELDS


class HelpKey(NamedTuple):
    """A line of the help's keys: the ids of the bindings it names (their keys are shown
    as the user bound them), or fixed keys that no setting changes."""

    ids: tuple[str, ...]
    fixed: str
    what: str


KEYS = [
    HelpKey(
        ("tab.timeline", "tab.participants", "tab.exercises", "tab.compare"),
        "",
        "switch to Timeline, Participants, Exercises, Compare",
    ),
    HelpKey(("filter",), "", "filter the current tab (live); enter returns to the table"),
    HelpKey(("escape",), "", "leave the filter bar; again clears the filter"),
    HelpKey(
        ("next", "previous"), "", "next / previous row matching the filter; matrix: attended cell"
    ),
    HelpKey(("sort",), "", "sort by the column under the cursor; again to reverse"),
    HelpKey(("year.prev", "year.next"), "", "previous / next year (Timeline, Exercises)"),
    HelpKey(
        ("frequency",), "", "Exercises: counts by host and by year; enter on one filters the list"
    ),
    HelpKey((), "arrows hjkl", "move; PgUp PgDn page; g G top / bottom"),
    HelpKey((), "enter", "focus the detail pane and back"),
    HelpKey(("export",), "", "export the current view (filter and sort included)"),
    HelpKey(("copy.view",), "", "copy the current view as text (at the terminal's width)"),
    HelpKey(("copy.record",), "", "copy the record or cell under the cursor with its sources"),
    HelpKey(
        ("compare.mark",),
        "",
        "mark a meeting column (Participants); again on another compares them (tab 4)",
    ),
    HelpKey((), "ctrl+c", "copy the text selected with the mouse (detail pane)"),
    HelpKey((), "ctrl+p", "command palette: every action"),
    HelpKey(("help",), "", "this help"),
    HelpKey(("quit",), "", "quit"),
]


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


def help_body(key_of: Callable[[str], str]) -> Group:
    """The help's text, naming each key as `key_of(binding id)` displays it."""
    keys = [(key.fixed or " ".join(map(key_of, key.ids)), key.what) for key in KEYS]
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
        _section("Examples"),
        _two_columns(examples),
        Text(),
        Text("Matrix: ● attended  · not named in a complete list  ? unknown (partial list)"),
        Text("Flags: * inferred  ? uncertain  ! contradiction  n note"),
    )


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help.close"),
    ]

    def __init__(self, key_of: Callable[[str], str]) -> None:
        super().__init__()
        self.key_of = key_of

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("atctui help", style="bold"), id="help-title")
            yield Static(help_body(self.key_of), id="help-body")
            yield Static(Text("esc closes", style="dim"))


def default_export_path(view_name: str, fmt: str, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    return f"atctui-{view_name}-{day}.{extension(fmt)}"


def download_name_problem(name: str) -> str | None:
    """What is wrong with `name` as the name of a download, or None: a file name only,
    since the browser chooses the folder (and no path may reach the server's disk)."""
    if "/" in name or "\\" in name or name in (".", ".."):
        return "A file name only, without folders: your browser chooses where it goes."
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "The name has a control character."
    if len(name) > 200:
        return "The name is too long (200 characters at most)."
    return None


class ExportScreen(ModalScreen[tuple[str, Path, bool] | None]):
    """Choose a format and a path; returns (format, path, overwrite) or None.

    In a browser (`web`, under `atctui serve`) nothing is written on the server: the
    dialog asks for a file name only, the download's, and the path returned is that
    bare name."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel")
    ]

    def __init__(
        self,
        view_name: str,
        count: int,
        *,
        fmt: str = "text",
        folder: str | None = None,
        web: bool = False,
    ) -> None:
        super().__init__()
        self.view_name = view_name
        self.count = count
        self.fmt = fmt if fmt in FORMATS else DEFAULT_FORMAT
        self.folder = folder  # the settings' export_folder
        self.web = web

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Export {self.view_name}: {self.count} rows", id="export-title")
            yield Select([(f, f) for f in FORMATS], value=self.fmt, allow_blank=False, id="format")
            name = default_export_path(self.view_name, self.fmt)
            if self.web:
                yield Static(
                    Text("Your browser downloads the file: nothing is written on the server."),
                    id="export-hint",
                )
                yield Input(name, id="name", placeholder="file name")
            else:
                yield Input(str(Path(self.folder) / name) if self.folder else name, id="path")
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="do-export")
                yield Button("Overwrite", variant="error", id="overwrite", classes="hidden")
                yield Button("Cancel", id="cancel")

    @property
    def target(self) -> Input:
        """The path field, or in a browser the file name field."""
        return self.query_one("#name" if self.web else "#path", Input)

    def on_mount(self) -> None:
        self.target.focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.target
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{extension(str(event.value))}"

    @on(Input.Changed, "#path, #name")
    def _path_changed(self) -> None:
        self.query_one("#overwrite").add_class("hidden")
        self.query_one("#export-message", Static).update("")

    @on(Input.Submitted, "#path, #name")
    @on(Button.Pressed, "#do-export")
    def _export(self) -> None:
        self._finish(overwrite=False)

    @on(Button.Pressed, "#overwrite")
    def _overwrite(self) -> None:
        self._finish(overwrite=True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    def _finish(self, overwrite: bool) -> None:
        fmt = str(self.query_one("#format", Select).value)
        raw = self.target.value.strip()
        if not raw:
            self.show_problem("Give a file name.")
            return
        if self.web:  # a download's name: never a path on the server
            problem = download_name_problem(raw)
            if problem:
                self.show_problem(problem)
                return
            self.dismiss((fmt, Path(raw), False))
            return
        path = Path(raw).expanduser()
        if path.exists() and not overwrite:
            self.show_problem(f"{path} exists. Overwrite it, or change the name.")
            self.query_one("#overwrite").remove_class("hidden")
            return
        self.dismiss((fmt, path, overwrite))

    def show_problem(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Text(message, style="bold red"))
