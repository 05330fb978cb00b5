"""The dialog that saves the current filter under a name, in the settings file's
`[queries]` (only that entry is written; the file's comments stay): the palette and
`atctui export VIEW --saved NAME` offer it afterwards."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from atctui.app.safe_input import SafeInput
from atctui.textsafe import UNSAFE, printable


def name_problem(name: str) -> str | None:
    """What is wrong with a saved query's name, or None: it is a TOML key the user reads
    in the palette, so it has a visible character and no control characters."""
    if not name.strip():
        return "Type a name for the filter."
    if UNSAFE.search(name):
        return "A name cannot hold control characters."
    if len(name) > 80:
        return "A name of 80 characters at most."
    return None


class SaveQueryScreen(ModalScreen[str | None]):
    """Asks a name for `query` (on `tab`); returns the name, or None when cancelled."""

    DEFAULT_CSS = """
    SaveQueryScreen { align: center middle; }
    #save-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #save-message { color: $error; height: auto; }
    #save-keys { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save.cancel"),
    ]

    def __init__(self, query: str, tab: str, taken: set[str]) -> None:
        super().__init__()
        self.query_text = query
        self.tab = tab
        self.taken = taken  # names saved already: saving one again replaces it

    def compose(self) -> ComposeResult:
        """What is saved, the name field, a message line, and the keys."""
        with Vertical(id="save-box"):
            yield Static(Text("Save this filter", style="bold"))
            yield Static(Text(f"{printable(self.query_text)}   (tab: {self.tab})"))
            yield SafeInput(placeholder="a name, e.g. moldova-meetings", id="save-name")
            yield Static("", id="save-message", markup=False)
            yield Static(Text("enter: save · esc: cancel"), id="save-keys")

    @on(Input.Changed, "#save-name")
    def _typed(self, event: Input.Changed) -> None:
        name = event.value.strip()
        note = f"replaces the saved filter '{printable(name)}'" if name in self.taken else ""
        self.query_one("#save-message", Static).update(Text(note, style="italic"))

    @on(Input.Submitted, "#save-name")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        problem = name_problem(name)
        if problem:
            self.query_one("#save-message", Static).update(Text(problem))
            return
        self.dismiss(name)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
