"""An Input that never draws a control character: the filter bar, the export dialog's
path and the saved filter's name show text that can come from a file, a setting or the
command line (`--query`, `--saved`), where ESC or a C1 control would act on the
terminal. Each such character is drawn as one visible one (␛, �), so the cursor, which
counts characters, stays on the character it is on."""

from __future__ import annotations

from rich.text import Text
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
