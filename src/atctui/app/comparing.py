"""Choosing two meetings to compare: marks on the matrix's meeting columns (m), or a list
of every meeting (c on the Compare tab); the Compare tab then shows the two."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import App

from atctui.app.compare_screen import CompareScreen
from atctui.app.view_panel import ViewPanel
from atctui.compare import compare, resolve_meeting
from atctui.views.base import gathering_label, gathering_ref

if TYPE_CHECKING:
    from atctui.dataset import Dataset


class ComparingMixin(App[None]):
    """The app's ways to choose the two meetings the Compare tab shows."""

    dataset: Dataset
    marked_meeting: str | None = None  # the first of two meetings to compare
    compared: tuple[str, str] | None = None  # the two meetings the Compare tab shows

    @property
    def current_panel(self) -> ViewPanel | None:  # defined by AtcApp
        raise NotImplementedError

    def show_tab(self, name: str) -> None:  # defined by AtcApp
        raise NotImplementedError

    def action_mark_meeting(self) -> None:
        """Mark a meeting column of the matrix; the second mark opens the comparison."""
        panel = self.current_panel
        selected = panel.current() if panel is not None else None
        if panel is None or panel.view_name != "participants" or selected is None:
            self.notify("Mark meetings on the Participants tab (2): m on a meeting column.")
            return
        if selected.meeting is None:
            self.notify("Move to a meeting column first, then press m.", timeout=3)
            return
        label = gathering_label(self.dataset.gatherings[selected.meeting], self.dataset)
        if self.marked_meeting is None:
            self.marked_meeting = selected.meeting
            self.notify(f"Marked {label}. Press m on another meeting to compare.", timeout=4)
        elif self.marked_meeting == selected.meeting:
            self.marked_meeting = None
            self.notify(f"Unmarked {label}.", timeout=3)
        else:
            self.show_comparison(self.marked_meeting, selected.meeting)
            self.marked_meeting = None

    def show_comparison(self, first: str, second: str) -> None:
        """Show the comparison of two meetings (or exercises: ids or references) on the
        Compare tab."""
        first, second = (gathering_ref(resolve_meeting(self.dataset, x)) for x in (first, second))
        compare_panel = self.query_one("#panel-compare", ViewPanel)
        compare_panel.set_builder(lambda dataset, query: compare(dataset, first, second, query))
        self.compared = (first, second)
        self.show_tab("compare")

    def action_choose_comparison(self) -> None:
        """Open the list of every meeting, to choose the two that the Compare tab shows."""
        if len(self.dataset.meetings) < 2:
            self.notify("Comparing needs two meetings; these data have fewer.", timeout=4)
            return
        self.push_screen(CompareScreen(self.dataset), self._comparison_chosen)

    def _comparison_chosen(self, chosen: tuple[str, str] | None) -> None:
        if chosen is not None:
            self.show_comparison(*chosen)
