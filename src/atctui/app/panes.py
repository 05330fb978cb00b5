"""Where the detail pane and the counts go, and the keys that move between them and the
table: the app's part of the layout rules in layout.py."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from atctui.app.detail_pane import DetailPane
from atctui.app.layout import Mode, counts_shown, mode

if TYPE_CHECKING:
    from atctui.app.view_panel import ViewPanel


class PanesMixin(App[None]):
    """The detail pane beside, below or over the table, as the terminal's size and the
    user's toggles say."""

    detail_wanted = True  # d hides the pane for the session; d again shows it
    counts_wanted = True  # F likewise for the counts beside the Exercises list
    detail_over_table = False  # a small terminal: the pane is open over the table

    @property
    def current_panel(self) -> ViewPanel | None:  # defined by AtcApp
        raise NotImplementedError

    @property
    def layout_mode(self) -> Mode:
        return mode(self.size.width, self.size.height)

    def lay_out(self, width: int, height: int) -> None:
        """Place the detail pane and the counts for a terminal of this size."""
        main = self.query_one("#main")
        now = mode(width, height)
        main.set_class(now == "stacked", "stacked")
        main.set_class(now == "solo" and self.detail_over_table, "detail-over-table")
        beside = now == "beside" and self.detail_wanted
        for freq in self.query("#freq"):
            freq.display = self.counts_wanted and counts_shown(width, beside)
        detail = self.query_one(DetailPane)
        if now == "solo":
            detail.display = self.detail_over_table
        else:
            self.detail_over_table = False
            main.remove_class("detail-over-table")
            detail.display = self.detail_wanted

    def open_detail(self) -> None:
        """Into the detail pane: beside or below the table, or over it when small."""
        detail = self.query_one(DetailPane)
        if self.layout_mode == "solo":
            self.detail_over_table = True
            self.lay_out(self.size.width, self.size.height)
            # Focusable once it is laid out: a hidden widget takes no focus.
            self.call_after_refresh(self.screen.set_focus, detail)
            return
        if detail.display:
            self.screen.set_focus(detail)

    def close_detail(self) -> None:
        """Back from the detail pane to the table (closing it when it was over it)."""
        if self.detail_over_table:
            self.detail_over_table = False
            self.lay_out(self.size.width, self.size.height)
        panel = self.current_panel
        if panel is not None:
            self.screen.set_focus(panel.cursor_widget)

    def action_toggle_detail(self) -> None:
        """Hide or show the detail pane (over the table on a small terminal)."""
        if self.layout_mode == "solo":
            if self.detail_over_table:
                self.close_detail()
            else:
                self.open_detail()
            return
        self.detail_wanted = not self.detail_wanted
        self.lay_out(self.size.width, self.size.height)
        if not self.detail_wanted:
            self.close_detail()

    def action_toggle_counts(self) -> None:
        """Hide or show the counts beside the Exercises list."""
        panel = self.current_panel
        if panel is None or panel.view_name != "exercises":
            self.notify("The counts are beside the Exercises list (3).", timeout=3)
            return
        self.counts_wanted = not self.counts_wanted
        self.lay_out(self.size.width, self.size.height)
        beside = self.layout_mode == "beside" and self.detail_wanted
        if self.counts_wanted and not counts_shown(self.size.width, beside):
            self.notify(self.counts_hint(), timeout=4)

    def counts_hint(self) -> str:
        """How to make room for the counts: hide the detail pane when that is enough."""
        beside = self.layout_mode == "beside" and self.detail_wanted
        if beside and counts_shown(self.size.width, False):
            key = self.bound_key("detail.toggle")
            return f"Hide the detail pane ({key}) to see the counts by host and year."
        return "Widen the terminal to see the counts by host and year."

    def bound_key(self, binding_id: str) -> str:  # defined by AtcApp
        raise NotImplementedError

    # --- the columns of the current table -------------------------------------------

    def action_resize_column(self, cells: int) -> None:
        """Narrow or widen the column under the cursor."""
        panel = self.current_panel
        if panel is not None:
            panel.resize_column(cells)

    def action_fit_column(self) -> None:
        """Fit the column under the cursor to its widest value (again: back)."""
        panel = self.current_panel
        if panel is not None:
            panel.fit_column()

    def action_hide_column(self) -> None:
        """Hide the column under the cursor, from the screen and its exports."""
        panel = self.current_panel
        if panel is None:
            return
        label = panel.hide_column()
        if label is None:
            self.notify("The first column names the rows: it stays.", timeout=3)
        else:
            self.notify(f"Column {label} hidden; + shows it again.", timeout=3)

    def action_show_columns(self) -> None:
        """Show the hidden columns of the current tab again."""
        panel = self.current_panel
        if panel is not None and not panel.show_hidden_columns():
            self.notify("No column is hidden.", timeout=2)
