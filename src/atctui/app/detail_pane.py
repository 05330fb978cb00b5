"""The detail pane: the record or cell under the cursor, with the sentences that state it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from atctui.detail import Section
from atctui.textsafe import printable


def sections_text(sections: list[Section]) -> Text:
    """Detail sections as Text: data strings are appended, never parsed as markup."""
    text = Text()
    for i, section in enumerate(sections):
        if i:
            text.append("\n")
        text.append(printable(section.title) + "\n", style="bold")
        for line in section.lines:
            style = "italic" if line.startswith("  “") else ""
            if line.startswith("CONTRADICTION"):
                style = "bold red"
            text.append(printable(line) + "\n", style=style)
    return text


class DetailPane(VerticalScroll, can_focus=True):
    """Scrolls (and takes focus, so the keys scroll it) when a record's sources are long."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[Section] = []

    def compose(self) -> ComposeResult:
        yield Static(Text("Move the cursor to see a record and its sources."), id="detail-body")

    def show(self, sections: list[Section]) -> None:
        if sections != self.shown:  # the same again would only cost a layout
            self.shown = sections
            self.query_one("#detail-body", Static).update(sections_text(sections))
