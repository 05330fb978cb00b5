"""Layout snapshots of each tab at 100x30 (behaviour is checked in test_app.py)."""

from __future__ import annotations

from typing import Any

import pytest

from atctui.app.main import AtcApp
from atctui.loading import load


def app() -> AtcApp:
    return AtcApp(load(), theme="textual-dark")


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param([], id="timeline"),
        pytest.param(["2", "down", "right", "right"], id="participants"),
        pytest.param(["3"], id="exercises"),
        # The dialogs, whose styles are their own (loaded when first opened).
        pytest.param(["question_mark"], id="help"),
        pytest.param(["e"], id="export"),
        pytest.param(["4", "c", "down", "enter"], id="compare-list"),
    ],
)
def test_tab_layout(snap_compare: Any, keys: list[str]) -> None:
    assert snap_compare(app(), terminal_size=(100, 30), press=[*keys, "wait:200"])
