"""The detail pane: the record or cell under the cursor, with the sentences that state it."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.selection import Selection
from textual.strip import Strip
from textual.visual import Visual

from atctui.detail import Section
from atctui.textsafe import clipped, printable

PROMPT = "Move the cursor to see a record and its sources."


# The lines the pane draws of one record: a meeting of 80,000 attendances took seconds
# to wrap on every visit and froze the keys. The rest is copied (Y) and exported whole.
MAX_LINES = 1000


def sections_text(sections: list[Section], max_lines: int = MAX_LINES) -> Text:
    """Detail sections as Text: data strings are appended, never parsed as markup; at
    most `max_lines` of their lines, then a line that says how many are left out and
    where they are."""
    text = Text()
    total = sum(len(section.lines) for section in sections)
    shown = 0
    for i, section in enumerate(sections):
        if i:
            text.append("\n")
        text.append(printable(clipped(section.title)) + "\n", style="bold")
        for line in section.lines[: max_lines - shown]:
            style = "italic" if line.startswith("  “") else ""
            if line.startswith("CONTRADICTION"):
                style = "bold red"
            text.append(printable(clipped(line)) + "\n", style=style)
        shown += min(len(section.lines), max_lines - shown)
        if shown >= max_lines and total > shown:
            text.append(
                f"… {total - shown:,} more lines not shown here: Y copies the whole record "
                "with its sources, and an export of the view holds it too.\n",
                style="italic",
            )
            break
    return text


class DetailPane(ScrollView, can_focus=True):
    """Draws its text one line at a time from lines wrapped once per width.

    A Static in a scrolling container measured and wrapped the whole text at every
    layout, and laid the screen out twice for each record (once for the new text, again
    for its new height): a cost at every cursor move, the more for a long record. The lines
    are rendered as Textual renders a Static's, so the mouse still selects text in them.
    """

    DEFAULT_CSS = """
    DetailPane {
        overflow-x: hidden;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[Section] = []
        self.content = Content(PROMPT)
        self._version = 0  # of the content: a new record's text is a new version
        self._lines: list[Strip] = []
        self._drawn_for: tuple[object, ...] = ()  # what the lines were rendered for

    @property
    def plain(self) -> str:
        """The text shown, unwrapped."""
        return self.content.plain

    def show(self, sections: list[Section]) -> None:
        """Show these sections from the top; the same sections again change nothing."""
        if sections == self.shown:  # the same again would only cost a paint
            return
        self.shown = sections
        self.content = Content.from_rich_text(sections_text(sections))
        self._version += 1
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._draw()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Rewrap the text for the new width."""
        if self._draw():
            self.refresh()

    def _draw(self) -> bool:
        """Render the lines if the text, width, selection or colours changed (the line
        count sets the height to scroll over); say if they did."""
        width = self.scrollable_content_region.width
        style = self.visual_style
        drawn_for = (self._version, width, self.text_selection, style)
        if width <= 0 or drawn_for == self._drawn_for:
            return False
        self._drawn_for = drawn_for
        self._lines = Visual.to_strips(self, self.content, width, None, style, pad=True)
        if self.virtual_size != Size(width, len(self._lines)):
            self.virtual_size = Size(width, len(self._lines))
        return True

    def render_lines(self, crop: Region) -> list[Strip]:
        """Render the lines again first if the selection or the theme changed."""
        self._draw()  # a new selection or theme: the same lines, other styles
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Line `y` of the wrapped text from the scroll position; blank below the text."""
        index = round(self.scroll_y) + y
        if index < len(self._lines):
            return self._lines[index]
        return Strip.blank(self.scrollable_content_region.width, self.rich_style)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """The text the mouse selected, taken from the unwrapped text (what ctrl+c copies)."""
        return selection.extract(self.content.plain), "\n"
