"""The export dialog: a format, then a file name (or, in a browser, a download's name).

The fields come in the order they are filled: the format first, focused when the dialog
opens, then the file. Choosing a format moves on to the file; enter in the file, the
Export button or ctrl+s anywhere exports. The dialog hands the choice to a `write`
function and stays open while that fails, with what was typed and why beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from atctui.app.safe_input import SafeInput
from atctui.export import rows_phrase
from atctui.formats import DEFAULT_FORMAT, FORMATS, extension
from atctui.settings import expand_user
from atctui.textsafe import printable

SHORT = 20  # lines: a shorter terminal gets the dialog without blank lines
KEYS_HINT = "tab: next field · enter in File or ctrl+s: export · esc: cancel"


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


class ExportFailed(Exception):
    """An export that did not happen, and what to tell the user; `exists` when the only
    trouble is a file of that name, which the dialog then offers to overwrite."""

    def __init__(self, message: str, *, exists: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.exists = exists


# Writes (or delivers) the view in a format to a path, overwriting only when told to;
# raises ExportFailed.
Write = Callable[[str, Path, bool], None]


class ExportScreen(ModalScreen[None]):
    """Choose a format and a path, and export there through `write`; closes once it is
    done (or cancelled), and stays open with the reason while it fails.

    In a browser (`web`, under `atctui serve`) nothing is written on the server: the
    dialog asks for a file name only, the download's, and hands `write` that bare name."""

    # Its own styles, beside it: read when the dialog first opens, not at start-up.
    CSS = """
    ExportScreen {
        align: center middle;
    }
    #export-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        overflow-y: auto;
        border: thick $primary;
        background: $surface;
        padding: 0 1;
    }
    #export-title {
        text-style: bold;
        margin-bottom: 1;
    }
    #export-hint {
        margin-bottom: 1;
    }
    .export-field {
        height: auto;
    }
    .export-label {
        width: 8;
        padding-right: 1;
    }
    .export-field Select, .export-field Input {
        width: 1fr;
    }
    /* Each field looks like one, and the focused one stands out, its label too. */
    .export-field Input, .export-field SelectCurrent {
        background: $boost;
    }
    .export-field Input:focus, .export-field Select:focus > SelectCurrent {
        background: $primary 40%;
    }
    .export-field.-current .export-label {
        color: $accent;
        text-style: bold;
    }
    #export-message {
        height: auto;
    }
    #export-buttons {
        height: auto;
        margin-top: 1;
    }
    #export-buttons Button {
        margin-right: 2;
    }
    #export-keys {
        color: $text-muted;
    }
    ExportScreen.-short #export-title, ExportScreen.-short #export-hint {
        margin-bottom: 0;
    }
    ExportScreen.-short #export-buttons {
        margin-top: 0;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("ctrl+s", "export", "Export", id="export.do"),
    ]

    def __init__(
        self,
        view_name: str,
        count: int,
        *,
        write: Write,
        fmt: str = "text",
        folder: str | None = None,
        web: bool = False,
    ) -> None:
        super().__init__()
        self.view_name = view_name
        self.count = count
        self.write = write
        self.fmt = fmt if fmt in FORMATS else DEFAULT_FORMAT
        self.folder = folder  # the settings' export_folder
        self.web = web

    def compose(self) -> ComposeResult:
        """The title, the format and the file (in a browser, the download's name), each with
        its label, a line for problems, the buttons and the keys; Overwrite shows only once
        the file is found to exist."""
        with Vertical(id="export-box"):
            yield Label(
                Text(f"Export {self.view_name}: {rows_phrase(self.count)}"), id="export-title"
            )
            if self.web:
                yield Static(
                    Text("Your browser downloads the file: nothing is written on the server."),
                    id="export-hint",
                )
            with Horizontal(classes="export-field"):
                yield Label("Format", classes="export-label")
                yield Select(
                    [(f, f) for f in FORMATS], value=self.fmt, allow_blank=False, compact=True,
                    id="format",
                )  # fmt: skip
            name = default_export_path(self.view_name, self.fmt)
            with Horizontal(classes="export-field"):
                yield Label("File", classes="export-label")
                if self.web:
                    yield SafeInput(name, id="name", placeholder="file name", compact=True)
                else:
                    value = str(Path(self.folder) / name) if self.folder else name
                    yield SafeInput(value, id="path", placeholder="file name", compact=True)
            yield Static("", id="export-message", classes="hidden", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="do-export", compact=True)
                yield Button(
                    "Overwrite", variant="error", id="overwrite", classes="hidden", compact=True
                )
                yield Button("Cancel", id="cancel", compact=True)
            yield Static(KEYS_HINT, id="export-keys", markup=False)

    @property
    def target(self) -> Input:
        """The path field, or in a browser the file name field."""
        return self.query_one("#name" if self.web else "#path", Input)

    def on_mount(self) -> None:
        """Focus the format: it comes first, and is seen before anything is exported."""
        self._fit(self.app.size.height)
        select = self.query_one("#format", Select)
        self.watch(select, "expanded", self._format_list_toggled, init=False)
        select.focus()

    def _format_list_toggled(self, expanded: bool) -> None:
        """The list of formats closed with the focus in it (a format chosen, or escape): on
        to the file. Closed because the focus went elsewhere (a click), it stays there."""
        if not expanded and self.query_one("#format", Select).has_focus_within:
            self.target.focus()

    def on_resize(self, event: events.Resize) -> None:
        """Lay the dialog out for the terminal's new height."""
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """In a short terminal, no blank lines: the fields, the buttons and a problem fit
        on the screen at 12 lines."""
        self.set_class(height < SHORT, "-short")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the field that has the focus, its label too (`:focus-within` styles are
        not undone when the focus leaves)."""
        for field in self.query(".export-field"):
            field.set_class(field in event.widget.ancestors_with_self, "-current")

    @on(Select.Changed, "#format")
    def _format_changed(self, event: Select.Changed) -> None:
        path = self.target
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{extension(str(event.value))}"
        if path.has_focus:
            # Focused (and its text selected) before the new name arrived: the selection
            # kept the old length, and a name typed over it left the last letter ('Xn').
            path.select_all()

    @on(Input.Changed, "#path, #name")
    def _path_changed(self, event: Input.Changed) -> None:
        self.query_one("#overwrite").add_class("hidden")
        self.query_one("#export-message", Static).add_class("hidden")
        # A name typed with another format's extension ('report.md') chooses that
        # format: the text format wrote a file named .md as plain text.
        typed = event.value.rsplit(".", 1)[1].lower() if "." in event.value else ""
        matching = next((f for f in FORMATS if extension(f) == typed), None)
        select = self.query_one("#format", Select)
        if matching is not None and select.value != matching:
            with select.prevent(Select.Changed):
                select.value = matching

    @on(Input.Submitted, "#path, #name")
    @on(Button.Pressed, "#do-export")
    def action_export(self) -> None:
        """Export to the file named, unless it exists."""
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
            path = Path(raw)
        else:
            path = expand_user(raw)  # ~nosuchuser stays as typed (expanduser raised)
        try:
            self.write(fmt, path, overwrite)
        except ExportFailed as failed:
            self.show_problem(failed.message)
            self.query_one("#overwrite").set_class(not failed.exists, "hidden")
            return
        self.dismiss(None)

    def show_problem(self, message: str) -> None:
        """Say what is wrong, in red, under the file name, and put the focus there to
        mend it."""
        shown = self.query_one("#export-message", Static)
        shown.update(Text(printable(message), style="bold red"))
        shown.remove_class("hidden")
        shown.scroll_visible()
        self.target.focus()
