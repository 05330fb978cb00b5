"""Monkey test: random keys and resizes; the app never raises and still answers.

Notifications are on (Textual's tests leave them out, which hid toasts that crashed),
and the keys include those that open dialogs and act in them: export (e), copy (y, Y),
mark (m), the palette, and enter, typed into whatever has focus."""

from __future__ import annotations

import random
import re
import string
from pathlib import Path

import pytest
from tests.helpers import hostile_dataset

from atctui.app.main import AtcApp
from atctui.dataset import Dataset
from atctui.loading import load

KEYS = [
    "1", "2", "3", "4", "slash", "escape", "n", "N", "s", "e", "f", "y", "Y", "m",
    "question_mark", "left_square_bracket", "right_square_bracket", "enter", "enter",
    "up", "down", "left", "right", "pageup", "pagedown", "home", "end", "g", "G", "h", "j",
    "k", "l", "tab", "backspace", "ctrl+p", "space",
]  # fmt: skip
TEXT = list(string.ascii_letters + string.digits + ':"-.[]/ ')


RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


async def monkey(dataset: Dataset, presses: int, seed: int) -> AtcApp:
    rng = random.Random(seed)
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        for i in range(presses):
            if i % 250 == 0:
                await pilot.resize_terminal(rng.randint(40, 200), rng.randint(12, 60))
            keys = [rng.choice(KEYS) if rng.random() < 0.6 else rng.choice(TEXT) for _ in range(10)]
            keys = [k for k in keys if k != "q"]
            await pilot.press(*keys)
        # Still answers: back to a known state and read the table.
        while len(app.screen_stack) > 1:
            await pilot.press("escape")
        # Out of any text field, then to the Timeline, whose own filter is cleared.
        await pilot.press("escape", "escape", "1", "escape", "escape", "escape")
        assert app.current_tab == "timeline"
        assert app.current_panel is not None and app.current_panel.table.row_count > 0
        assert not RAW.search(app.export_screenshot())
    return app


async def test_monkey_2000_keys(dataset: Dataset) -> None:
    # Pilot waits for idle after each key: 2,000 keys take about 3 minutes of CI time.
    await monkey(dataset, 200, seed=1)  # 200 batches of 10 keys


async def test_monkey_on_hostile_data(tmp_path: Path) -> None:
    """Markup, escapes, bidi overrides and long values in every field, under random keys:
    the app stays up and its screen never holds a control character."""

    app = await monkey(load([hostile_dataset(tmp_path)]), 60, seed=7)
    assert app.return_code is None


@pytest.mark.slow
async def test_monkey_long(dataset: Dataset) -> None:
    for seed in range(2, 6):
        await monkey(dataset, 2000, seed=seed)
