"""A tab's chart mode (`v`): the panel shows its view as a chart instead of a table.

The chart is built from the same view the table shows (the filter applied) by the pure
`views.chart`; its widget and that module are imported when `v` is first pressed, so the
first screen does not pay for them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from atctui.app.chart_view import ChartView
    from atctui.app.virtual_table import ViewTable
    from atctui.dataset import Dataset
    from atctui.views import View

# The views that have a chart (views.chart.CHART_VIEWS, named here so that the check
# does not import the chart module).
CHARTED = ("timeline", "participants")

SHORT_LEGENDS = {
    "timeline": "● day ◆ month ▒ year only ━ range; hollow ○◇░╌ inferred or planned",
    "participants": "per year: meetings attended + exercises hosted or joined",
}


class ChartMixin(Widget):
    """The chart side of a ViewPanel: its widget, made when first shown."""

    chart_view: ChartView | None = None
    view_name: str
    dataset: Dataset
    view: View

    @property
    def table(self) -> ViewTable:  # the panel's
        raise NotImplementedError

    @property
    def chart_shown(self) -> bool:
        """Whether the panel shows its chart rather than its table."""
        return self.chart_view is not None and self.chart_view.display

    @property
    def cursor_widget(self) -> Widget:
        """The widget that holds the cursor and takes the focus: the table, or the chart."""
        if self.chart_view is not None and self.chart_view.display:
            return self.chart_view
        return self.table

    def toggle_chart(self) -> bool:
        """Show the chart instead of the table, or the table again; False for a view that
        has no chart."""
        if self.view_name not in CHARTED:
            return False
        table = self.table
        if self.chart_view is None:
            from atctui.app.chart_view import ChartView

            self.chart_view = ChartView(id="chart")
            self.chart_view.display = False
            self.mount(self.chart_view, after=table)
        shown = not self.chart_view.display
        self.chart_view.display = shown
        table.display = not shown
        self.refresh_chart()
        self.screen.set_focus(self.cursor_widget)
        self.chart_changed()
        return True

    def refresh_chart(self) -> None:
        """Draw the chart of the view as it now is (a new filter), when it is shown."""
        if self.chart_view is not None and self.chart_view.display:
            from atctui.views.chart import build_chart

            self.chart_view.show(build_chart(self.dataset, self.view))

    def chart_key(self) -> str | None:
        """The record under the chart's cursor."""
        return self.chart_view.current_key() if self.chart_view is not None else None

    def legend_line(self) -> str:
        """The status line's second line: the chart's legend and scale, or the view's."""
        if self.chart_view is None or not self.chart_view.display:
            return self.view.legend
        scale = self.chart_view.scale
        # The scale first: a narrow terminal cuts the end of the line.
        return f"{scale}; v table · {SHORT_LEGENDS[self.view_name]}"

    def chart_changed(self) -> None:
        """The status line and the detail pane follow the chart (the panel's)."""
        raise NotImplementedError

    def on_chart_view_moved(self, message: ChartView.Moved) -> None:
        """The chart's cursor moved: the detail pane follows it."""
        message.stop()
        self.chart_changed()
