"""The language records are named in (L), and which records the matrix's columns are
(x): meetings, exercises or both, as the filter's `kind:` term says."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from textual.app import App

from atctui.errors import QueryError
from atctui.query import parse
from atctui.views.base import COLUMN_KINDS

if TYPE_CHECKING:
    from atctui.app.view_panel import ViewPanel

# The matrix's columns in the order x goes through them, each as its `kind:` term
# (none: the meetings).
COLUMN_CYCLE = ("", "kind:exercise", "kind:all")
_COLUMN_TERM = re.compile(
    r"(?<!\S)kind:(?:" + "|".join(v for group in COLUMN_KINDS for v in group) + r")(?!\S)",
    re.IGNORECASE,
)
_SAID = {"": "meetings", "kind:exercise": "exercises", "kind:all": "meetings and exercises"}


def with_column_term(query: str, term: str) -> str:
    """`query` with its `kind:` term on the matrix's columns replaced by `term` (none
    when `term` is empty), the other terms kept as typed."""
    kept = _COLUMN_TERM.sub("", query)
    return " ".join(part for part in (kept.strip(), term) if part)


def next_column_term(query: str) -> str:
    """The `kind:` term x gives next, from the one `query` has."""
    found = _COLUMN_TERM.search(query)
    now = found.group(0).lower() if found else ""
    now = {"kind:meeting": "", "kind:meetings": "", "kind:exercises": "kind:exercise",
           "kind:both": "kind:all"}.get(now, now)  # fmt: skip
    return COLUMN_CYCLE[(COLUMN_CYCLE.index(now) + 1) % len(COLUMN_CYCLE)]


class NamingMixin(App[None]):
    """L: records named in Russian or English; x: the matrix's columns."""

    names_language = "en"

    @property
    def current_panel(self) -> ViewPanel | None:  # defined by AtcApp
        raise NotImplementedError

    def action_toggle_names(self) -> None:
        """Name records in Russian where the data give a Russian name, or in English."""
        from atctui.app.view_panel import ViewPanel

        self.names_language = "en" if self.names_language == "ru" else "ru"
        for panel in self.query(ViewPanel):
            panel.state.names = self.names_language
            if panel.built:
                panel.rebuild()
        if self.names_language == "ru":
            told = "Names in Russian where the data give one; ° marks a name shown in English."
        else:
            told = "Names in English."
        self.notify(told, timeout=3)

    def action_cycle_columns(self) -> None:
        """On the Participants tab: the matrix's columns, meetings, exercises, or both,
        written as the filter's `kind:` term (so that exports and C reproduce them)."""
        panel = self.current_panel
        if panel is None or panel.view_name != "participants":
            self.notify("x chooses the Participants matrix's columns (tab 2).", timeout=3)
            return
        text = panel.state.query_text
        term = next_column_term(text)
        query = with_column_term(text, term)
        try:
            parse(query)
        except QueryError:
            self.notify("Fix the filter first: it does not parse.", timeout=3)
            return
        panel.filter_input.value = query  # the filter bar applies it, as if typed
        self.notify(f"Columns: {_SAID[term]}.", timeout=2)
