"""Pure view builders: the rows and columns of each tab, shared by the app and every export.

A `View` is what a user sees: title, columns, rows (after filter and sort). The app
displays it and the exporters write it, so an export is exactly what was on screen.

`base` holds what every view is made of; `lists` builds the Timeline and Exercises,
`matrix` the Participants matrix (imported when it is first built: the first screen is
the Timeline).
"""

from __future__ import annotations

from atctui.dataset import Dataset
from atctui.query import Query
from atctui.views.base import (
    KIND_SHORT,
    LEGEND_FLAGS,
    Column,
    Row,
    View,
    flags,
    has,
    meeting_label,
    roman,
)
from atctui.views.lists import exercises, frequency, timeline

__all__ = [
    "KIND_SHORT",
    "LEGEND_FLAGS",
    "VIEWS",
    "Column",
    "Row",
    "View",
    "build",
    "exercises",
    "flags",
    "frequency",
    "has",
    "meeting_label",
    "roman",
    "timeline",
]

VIEWS = ("timeline", "participants", "exercises")


def build(name: str, dataset: Dataset, query: Query | str = "") -> View:
    """The view `name` ("timeline", "participants", "exercises") over `dataset`."""
    if name == "timeline":
        return timeline(dataset, query)
    if name == "exercises":
        return exercises(dataset, query)
    if name == "participants":
        from atctui.views.matrix import participants

        return participants(dataset, query)
    raise KeyError(name)
