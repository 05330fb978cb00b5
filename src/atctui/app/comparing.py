"""Choosing two meetings to compare: marks on the matrix's meeting columns (m), or a list
of every meeting (c on the Compare tab); the Compare tab then shows the two."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.app import App

from atctui.app.view_panel import ViewPanel
from atctui.compare import compare, resolve_meeting
from atctui.detail import Section
from atctui.views.base import gathering_label, gathering_ref

if TYPE_CHECKING:
    from atctui.dataset import Dataset


def how_to_choose(key_of: Callable[[str], str]) -> list[Section]:
    """What the Compare tab's detail pane says until two meetings are chosen: the three
    ways to choose them, with the keys as the user bound them (`key_of(binding id)`)."""
    choose, mark = key_of("compare.choose"), key_of("compare.mark")
    lines = [
        "Choose two meetings to compare:",
        f"• {choose} here: from a list of every meeting (enter marks the first, then the second)",
        f"• {mark} on one meeting column of the Participants tab ({key_of('tab.participants')}),"
        f" then {mark} on another",
        "• at the command line: atctui diff X XII",
    ]
    return [Section("No comparison yet", lines)]


def how_to_choose_briefly(key_of: Callable[[str], str]) -> str:
    """The same in short, for the Compare tab's status line (three lines at most, in a
    terminal 40 columns wide)."""
    return (
        f"No comparison yet: {key_of('compare.choose')} chooses two meetings; or "
        f"{key_of('compare.mark')} on two meeting columns of tab {key_of('tab.participants')};"
        " or atctui diff X XII"
    )


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
        from atctui.app.compare_screen import CompareScreen  # its module when first opened

        self.push_screen(CompareScreen(self.dataset), self._comparison_chosen)

    def _comparison_chosen(self, chosen: tuple[str, str] | None) -> None:
        if chosen is not None:
            self.show_comparison(*chosen)
