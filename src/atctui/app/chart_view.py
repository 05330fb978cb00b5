"""The chart a tab shows instead of its table (`v`): a Line-API widget that draws the
layout `views.chart_draw` makes, with a cursor on one mark.

Left and right (h, l) move between the marks of a lane in time order, up and down (k, j)
between lanes, to the mark nearest in time; home and end (g, G) to a lane's first and
last. The lane labels stay while the years scroll sideways (when even a cell a year is
too wide for the terminal) and the year axis stays while the lanes scroll down. Every
label is data: drawn as text, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from atctui.views.chart import Chart, Mark
from atctui.views.chart_draw import Layout, glyphs, label, lay_out


class ChartView(ScrollView, can_focus=True):
    """Lanes of marks over the years, under a year axis; a cursor on one mark."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "step(-1)", "Earlier", show=False),
        Binding("right,l", "step(1)", "Later", show=False),
        Binding("up,k", "lane(-1)", "Lane up", show=False),
        Binding("down,j", "lane(1)", "Lane down", show=False),
        Binding("home,g", "edge(-1)", "First", show=False),
        Binding("end,G", "edge(1)", "Last", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "chartview--axis", "chartview--label", "chartview--cursor", "chartview--hollow",
    }  # fmt: skip
    DEFAULT_CSS = """
    ChartView {
        background: $surface;
        color: $foreground;
        scrollbar-size: 1 1;
        &:focus {
            background-tint: $foreground 5%;
            & > .chartview--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .chartview--axis { text-style: bold; background: $panel; }
        & > .chartview--label { background: $secondary-muted; }
        & > .chartview--hollow { color: $text-muted; }
        & > .chartview--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    @dataclass
    class Moved(Message):
        """The cursor moved to another mark (or lane)."""

        chart_view: ChartView

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.chart: Chart | None = None
        self.layout_: Layout | None = None
        self.lane = 0
        self.index: int | None = None  # the mark in the lane; None in a lane of none

    # --- what it shows --------------------------------------------------------------

    def show(self, chart: Chart) -> None:
        """Show `chart`, the cursor kept on the record it was on when it is still there."""
        key = self.current_key()
        self.chart = chart
        self.lane, self.index = 0, 0 if chart.lanes and chart.lanes[0].marks else None
        if key is not None:
            for li, lane in enumerate(chart.lanes):
                found = next((i for i, m in enumerate(lane.marks) if m.key == key), None)
                if found is not None or lane.key == key:
                    self.lane, self.index = li, found
                    break
        self._lay_out()
        self._keep_in_view()

    def _lay_out(self) -> None:
        chart = self.chart
        if chart is None:
            return
        width = self.scrollable_content_region.width
        if not width:  # just shown: laid out again once it has its size
            self.call_after_refresh(self._lay_out_again)
        self.layout_ = lay_out(chart, max(10, width or 80))
        self.virtual_size = Size(
            self.layout_.label_width + 1 + self.layout_.width, 1 + len(chart.lanes)
        )
        self.refresh()

    def _lay_out_again(self) -> None:
        if self.scrollable_content_region.width:
            self._lay_out()
            self._keep_in_view()
            self.post_message(self.Moved(self))  # the status line's scale follows

    def on_resize(self, event: events.Resize) -> None:
        """Lay the chart out again for the new width (the cells a year change)."""
        self._lay_out()
        self._keep_in_view()

    def current_mark(self) -> Mark | None:
        """The mark under the cursor, if the lane has one."""
        chart = self.chart
        if chart is None or not chart.lanes or self.index is None:
            return None
        return chart.lanes[self.lane].marks[self.index]

    def current_key(self) -> str | None:
        """The record under the cursor: its mark's, or a lane of no marks' own."""
        mark = self.current_mark()
        if mark is not None:
            return mark.key
        chart = self.chart
        if chart is None or not chart.lanes:
            return None
        return chart.lanes[self.lane].key

    @property
    def scale(self) -> str:
        """What a cell is, and whether the years scroll sideways."""
        if self.layout_ is None:
            return ""
        room = self.scrollable_content_region.width - self.layout_.label_width - 1
        scrolls = "; ← → scroll the years" if self.layout_.width > room else ""
        return self.layout_.scale() + scrolls

    # --- moving -----------------------------------------------------------------------

    def _moved(self) -> None:
        self._keep_in_view()
        self.refresh()
        self.post_message(self.Moved(self))

    def action_step(self, step: int) -> None:
        """The previous (next) mark of the lane, in time order."""
        chart = self.chart
        if chart is None or not chart.lanes or self.index is None:
            return
        index = self.index + step
        if 0 <= index < len(chart.lanes[self.lane].marks):
            self.index = index
            self._moved()

    def action_lane(self, step: int) -> None:
        """The lane above (below), at its mark nearest in time to the one left."""
        chart = self.chart
        if chart is None or not 0 <= self.lane + step < len(chart.lanes):
            return
        here = self.current_mark()
        self.lane += step
        marks = chart.lanes[self.lane].marks
        if not marks:
            self.index = None
        elif here is None:
            self.index = 0
        else:
            self.index = min(
                range(len(marks)),
                key=lambda i: (abs((marks[i].start - here.start).days), i),
            )
        self._moved()

    def action_edge(self, step: int) -> None:
        """The first (last) mark of the lane."""
        chart = self.chart
        if chart is None or self.index is None:
            return
        self.index = 0 if step < 0 else len(chart.lanes[self.lane].marks) - 1
        self._moved()

    def _keep_in_view(self) -> None:
        layout = self.layout_
        if layout is None or self.chart is None:
            return
        x, y = self.scroll_offset
        room = max(1, self.scrollable_content_region.width - layout.label_width - 1)
        if self.index is not None and (self.lane, self.index) in layout.places:
            x0, x1 = layout.places[(self.lane, self.index)]
            if x0 < x:
                x = x0
            elif x1 >= x + room:
                x = max(0, min(x0, x1 - room + 1))
        lanes_shown = max(1, self.scrollable_content_region.height - 1)
        if self.lane < y:
            y = self.lane
        elif self.lane >= y + lanes_shown:
            y = self.lane - lanes_shown + 1
        self.scroll_to(x, y, animate=False, immediate=True)

    # --- drawing ------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        """Line 0 the year axis; below it the lanes, scrolled down by scroll_y."""
        layout, chart = self.layout_, self.chart
        width = self.scrollable_content_region.width
        base = self.rich_style
        if layout is None or chart is None:
            return Strip.blank(width, base)
        scroll_x, scroll_y = self.scroll_offset
        room = max(0, width - layout.label_width - 1)
        axis_style = base + self.get_component_rich_style("chartview--axis")
        if y == 0:
            text = " " * (layout.label_width + 1) + layout.axis()[scroll_x : scroll_x + room]
            return Strip([Segment(text.ljust(width), axis_style)], width)
        lane = y - 1 + scroll_y
        if lane >= len(chart.lanes):
            return Strip.blank(width, base)
        label_style = base + self.get_component_rich_style("chartview--label")
        if lane == self.lane:
            label_style += Style(bold=True)
        cells = layout.lanes[lane][scroll_x : scroll_x + room]
        segments = [
            Segment(label(chart, lane, layout.label_width), label_style),
            Segment("│", axis_style),
            *self._cells(lane, cells, scroll_x, base),
        ]
        return Strip(segments).adjust_cell_length(width, base)

    def _cells(self, lane: int, cells: str, scroll_x: int, base: Style) -> list[Segment]:
        """A lane's cells, hollow marks muted and the cursor's mark highlighted."""
        layout, chart = self.layout_, self.chart
        assert layout is not None and chart is not None
        styles = [base] * len(cells)
        hollow = base + self.get_component_rich_style("chartview--hollow")
        chars = list(cells)
        for mi, mark in enumerate(chart.lanes[lane].marks):
            if mark.hollow:
                x0, x1 = layout.places[(lane, mi)]
                for x in range(max(x0, scroll_x), min(x1 + 1, scroll_x + len(cells))):
                    styles[x - scroll_x] = hollow
        if lane == self.lane and self.index is not None:
            x0, x1 = layout.places[(lane, self.index)]
            mark = chart.lanes[lane].marks[self.index]
            drawn = glyphs(mark, x1 - x0 + 1, _peak(chart))
            cursor = base + self.get_component_rich_style("chartview--cursor")
            for x in range(max(x0, scroll_x), min(x1 + 1, scroll_x + len(cells))):
                styles[x - scroll_x] = cursor
                chars[x - scroll_x] = drawn[x - x0]
        segments: list[Segment] = []
        for ch, style in zip(chars, styles, strict=True):
            if segments and segments[-1].style is style:
                segments[-1] = Segment(segments[-1].text + ch, style)
            else:
                segments.append(Segment(ch, style))
        return segments


def _peak(chart: Chart) -> int:
    return max((m.count for lane in chart.lanes for m in lane.marks), default=0)
