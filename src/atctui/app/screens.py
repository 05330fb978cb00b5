"""Modal screens: help, and the export dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from atctui.export import EXTENSIONS
from atctui.query import FIELDS

EXPORT_FORMATS = ("text", "markdown", "csv", "json", "toml", "svg")

KEYS = [
    ("1 2 3 4", "switch to Timeline, Participants, Exercises, Compare"),
    ("/", "filter the current tab (live); enter returns to the table"),
    ("esc", "leave the filter bar; again clears the filter"),
    ("n  N", "next / previous row matching the filter; matrix: attended cell"),
    ("s", "sort by the column under the cursor; again to reverse"),
    ("[  ]", "previous / next year (Timeline, Exercises)"),
    ("f", "Exercises: counts by host and by year; enter on one filters the list"),
    ("arrows hjkl", "move; PgUp PgDn page; g G top / bottom"),
    ("enter", "focus the detail pane and back"),
    ("e", "export the current view (filter and sort included)"),
    ("y", "copy the current view as text (at the terminal's width)"),
    ("Y", "copy the record or cell under the cursor with its sources"),
    ("m", "mark a meeting column (Participants); m on another compares (tab 4)"),
    ("ctrl+p", "command palette: every action"),
    ("?", "this help"),
    ("q", "quit"),
]


def help_text() -> Text:
    text = Text()
    text.append("Keys\n", style="bold")
    for key, what in KEYS:
        text.append(f"  {key:<12}", style="bold cyan")
        text.append(f"{what}\n")
    text.append("\nFilter language\n", style="bold")
    text.append(
        "  Bare words match any text, participant aliases included; case and accents are\n"
        '  ignored. "quoted phrase". -term negates. All terms must hold.\n'
    )
    for name, what in FIELDS.items():
        text.append(f"  {name + ':':<13}", style="bold cyan")
        text.append(f"{what}\n")
    text.append("\nExamples\n", style="bold")
    for example in (
        "participant:moldova kind:meeting     meetings Moldova attended",
        "kind:cis_body year:2019              (Participants) CIS bodies at the 2019 meeting",
        "host:tajikistan                      (Exercises) exercises hosted by Tajikistan",
        "has:contradiction                    records with a recorded contradiction",
    ):
        text.append(f"  {example}\n")
    text.append("\nMatrix: ● attended  · not named in a complete list  ? unknown (partial list)\n")
    text.append("Flags: * inferred  ? uncertain  ! contradiction  n note\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close", id="help.close"),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Static(Text("atctui help", style="bold"), id="help-title")
            yield Static(help_text(), id="help-body")
            yield Static(Text("esc closes", style="dim"))


def default_export_path(view_name: str, fmt: str, today: dt.date | None = None) -> str:
    day = (today or dt.date.today()).isoformat()
    return f"atctui-{view_name}-{day}.{EXTENSIONS.get(fmt, fmt)}"


class ExportScreen(ModalScreen[tuple[str, Path, bool] | None]):
    """Choose a format and a path; returns (format, path, overwrite) or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel")
    ]

    def __init__(
        self, view_name: str, count: int, *, fmt: str = "text", folder: str | None = None
    ) -> None:
        super().__init__()
        self.view_name = view_name
        self.count = count
        self.fmt = fmt if fmt in EXPORT_FORMATS else "text"
        self.folder = folder  # the settings' export_folder

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Export {self.view_name}: {self.count} rows", id="export-title")
            yield Select(
                [(f, f) for f in EXPORT_FORMATS], value=self.fmt, allow_blank=False, id="format"
            )
            name = default_export_path(self.view_name, self.fmt)
            yield Input(str(Path(self.folder) / name) if self.folder else name, id="path")
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="do-export")
                yield Button("Overwrite", variant="error", id="overwrite", classes="hidden")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{EXTENSIONS.get(str(event.value), str(event.value))}"

    @on(Input.Changed, "#path")
    def _path_changed(self) -> None:
        self.query_one("#overwrite").add_class("hidden")
        self.query_one("#export-message", Static).update("")

    @on(Input.Submitted, "#path")
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
        raw = self.query_one("#path", Input).value.strip()
        if not raw:
            self.show_problem("Give a file name.")
            return
        path = Path(raw).expanduser()
        if path.exists() and not overwrite:
            self.show_problem(f"{path} exists. Overwrite it, or change the name.")
            self.query_one("#overwrite").remove_class("hidden")
            return
        self.dismiss((fmt, path, overwrite))

    def show_problem(self, message: str) -> None:
        self.query_one("#export-message", Static).update(Text(message, style="bold red"))
