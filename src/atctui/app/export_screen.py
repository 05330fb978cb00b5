"""The export dialog: a format and a file name (or, in a browser, a download's name)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from atctui.formats import DEFAULT_FORMAT, FORMATS, extension


def default_export_path(view_name: str, fmt: str, today: dt.date | None = None) -> str:
    """The file name the dialog proposes: atctui-VIEW-DATE.EXT, dated today."""
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
        """The formats, the path (in a browser, the download's name), a line for problems, and the
        buttons; Overwrite shows only once the file is found to exist."""
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
        """Focus the path, so that a name can be typed at once."""
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
        """Close the dialog without exporting."""
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
        """Say what is wrong, in red, under the path."""
        self.query_one("#export-message", Static).update(Text(message, style="bold red"))
