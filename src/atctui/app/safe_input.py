"""An Input that never draws a control character: the filter bar, the export dialog's
path and the saved filter's name show text that can come from a file, a setting or the
command line (`--query`, `--saved`), where ESC or a C1 control would act on the
terminal. Each such character is drawn as one visible one (␛, �), so the cursor, which
counts characters, stays on the character it is on."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input

from atctui.textsafe import shown_in_place


class SafeInput(Input):
    """Input whose value is drawn with its control characters made visible."""

    @property
    def _value(self) -> Text:
        if self.password:
            return super()._value
        text = Text(shown_in_place(self.value), no_wrap=True, overflow="ignore", end="")
        return self.highlighter(text) if self.highlighter is not None else text

    async def _on_key(self, event: events.Key) -> None:
        """An editing key (ctrl+u, ctrl+w, backspace, …) acts when it comes, in its
        place among the keys: its binding would act only once the key had bubbled up to
        the app, after the characters typed behind it in one burst, and delete them
        ('/', ctrl+u, 'moldova' in one read left the filter empty). Input's own
        `_on_key` (next in the class order) types the printable ones."""
        if event.is_printable:
            return
        bindings = self._bindings.key_to_bindings.get(event.key)
        if bindings:
            event.stop()
            event.prevent_default()
            await self.run_action(bindings[0].action)
