"""Monkey test: random keys and resizes; the app never raises and still answers."""

from __future__ import annotations

import random
import string

import pytest

from atctui.app.main import AtcApp
from atctui.dataset import Dataset

KEYS = [
    "1", "2", "3", "slash", "escape", "n", "N", "s", "e", "f", "question_mark",
    "left_square_bracket", "right_square_bracket", "enter", "up", "down", "left",
    "right", "pageup", "pagedown", "home", "end", "g", "G", "h", "j", "k", "l", "tab",
    "backspace", "ctrl+p", "space",
]  # fmt: skip
TEXT = list(string.ascii_letters + string.digits + ':"-.[]/ ')


async def monkey(dataset: Dataset, presses: int, seed: int) -> None:
    rng = random.Random(seed)
    app = AtcApp(dataset)
    async with app.run_test(size=(100, 30)) as pilot:
        for i in range(presses):
            if i % 250 == 0:
                await pilot.resize_terminal(rng.randint(40, 200), rng.randint(12, 60))
            keys = [rng.choice(KEYS) if rng.random() < 0.6 else rng.choice(TEXT) for _ in range(10)]
            keys = [k for k in keys if k != "q"]
            await pilot.press(*keys)
        # Still answers: back to a known state and read the table.
        while len(app.screen_stack) > 1:
            await pilot.press("escape")
        await pilot.press("escape", "escape", "1")
        assert app.current_tab == "timeline"
        assert app.current_panel is not None and app.current_panel.table.row_count > 0


async def test_monkey_2000_keys(dataset: Dataset) -> None:
    # Pilot waits for idle after each key: 2,000 keys take about 3 minutes of CI time.
    await monkey(dataset, 200, seed=1)  # 200 batches of 10 keys


@pytest.mark.slow
async def test_monkey_long(dataset: Dataset) -> None:
    for seed in range(2, 6):
        await monkey(dataset, 2000, seed=seed)
