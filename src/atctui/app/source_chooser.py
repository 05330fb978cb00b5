"""The dialog that chooses which of a record's sources to open: each source's publisher,
title and address; enter opens the one under the cursor, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from atctui.model import Source
from atctui.textsafe import printable


def source_prompt(source: Source) -> Text:
    """A source as the list shows it: who published it and its title, its address dim
    below. Text, never markup: titles come from data files."""
    named = ", ".join(printable(p) for p in (source.publisher, source.title) if p)
    prompt = Text(named or printable(source.id))
    prompt.append("\n" + printable(source.url or ""), style="dim")
    return prompt


class SourceChooser(ModalScreen[str | None]):
    """A record's sources with addresses; returns the address chosen, or None."""

    DEFAULT_CSS = """
    SourceChooser { align: center middle; }
    #sources-box {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    #sources-box OptionList { height: auto; max-height: 20; }
    #sources-keys { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="sources.cancel"),
    ]

    def __init__(self, title: str, sources: list[Source]) -> None:
        super().__init__()
        self.title_text = title
        self.sources = sources

    def compose(self) -> ComposeResult:
        """The record's name, its sources, and the keys."""
        with Vertical(id="sources-box"):
            yield Static(Text(f"Open a source of {printable(self.title_text)}", style="bold"))
            yield OptionList(
                *(Option(source_prompt(s), id=str(i)) for i, s in enumerate(self.sources)),
                id="sources",
            )
            yield Static(Text("enter: open in the browser · esc: cancel"), id="sources-keys")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.sources[event.option_index].url)

    def action_cancel(self) -> None:
        """Close without opening anything."""
        self.dismiss(None)
