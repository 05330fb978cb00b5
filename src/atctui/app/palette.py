"""The command palette, safe against an Enter typed while it closes.

Textual 8.2.8's CommandPalette dismisses itself on Enter; a second Enter typed in the same
burst (`ctrl+p`, `Parti`, `enter`, `enter`) is still delivered to it after it has left
the screen stack: it runs the chosen command a second time, and its second dismiss pops
the screen below, the app's last screen (ScreenStackError: the app exits) or a dialog
the command opened. A minimal Textual app does the same
(docs/upstream/textual-command-palette-double-enter.md holds the report for Textual's
issue tracker). Here a palette that has left the screen takes no more submissions and
dismisses nothing. PgUp or PgDn pressed before the list is laid out raised KeyError in
Textual's option list (the same report): here it does nothing. Below about 20 columns
Textual's option list divides by zero as it lays out (ValueError): the palette does not
open there, and closes when the terminal is narrowed under it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.await_complete import AwaitComplete
from textual.command import CommandPalette
from textual.message import Message
from textual.widgets import Button, Input, OptionList

from atctui.app.layout import PALETTE_MIN_WIDTH


async def _nothing() -> None:
    """What awaiting a dismiss that did nothing waits for."""


class SafeCommandPalette(CommandPalette):
    """Textual's palette: it runs one command and is dismissed once."""

    _chosen = False  # a command has been chosen: the palette is on its way out

    @property
    def closed(self) -> bool:
        """Whether the palette has left the top of the screen stack."""
        return not self.is_attached or self.app.screen is not self

    def post_message(self, message: Message) -> bool:
        """The first choice of a command goes through; a second one (an Enter typed while
        the first is handled) and any Enter after it are dropped."""
        if isinstance(message, OptionList.OptionSelected):
            if self._chosen or self.closed:
                return False
            self._chosen = True
        elif isinstance(message, Input.Submitted | Button.Pressed) and (
            self._chosen or self.closed
        ):
            return False
        return super().post_message(message)

    def _action_command_list(self, action: str) -> None:
        """Page up or down in a list not yet laid out (ctrl+p, then PgDn at once) raised
        KeyError in Textual 8.2.8's OptionList._move_page and closed the app: that key
        does nothing until the list has lines."""
        try:
            super()._action_command_list(action)
        except (KeyError, IndexError):
            pass

    def dismiss(self, result: Any = None) -> AwaitComplete:
        """Dismiss the palette while it is the top screen; after that, do nothing."""
        if self.closed:
            return AwaitComplete(_nothing())
        return super().dismiss(result)

    def on_resize(self, event: events.Resize) -> None:
        """Close before a terminal too narrow for the list crashes its layout."""
        if event.size.width < PALETTE_MIN_WIDTH:
            event.prevent_default()  # no layout at that width: the screen's own handler
            self.dismiss()
