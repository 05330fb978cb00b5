"""The screen updates a key costs: the time Textual spends laying out and painting the
screen (its `_refresh_layout`, which lays out when a widget asked for it, then renders
what changed) after each cursor move down the Timeline and after each filter keystroke,
headless at 120x40. These run on the event loop: a key pressed meanwhile waits.

    python bench/frames.py [--data FILE] [--moves 40]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.screen import Screen

from atctui.app.main import AtcApp
from atctui.loading import load

QUERIES = ["moldova", "year:2019", "participant:alias", "-kind:exercise", "council", "xyz"]

frame_ms: list[float] = []


def timed(refresh: Callable[..., Any]) -> Callable[..., Any]:
    def run(self: Screen[Any], *args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return refresh(self, *args, **kwargs)
        finally:
            frame_ms.append((time.perf_counter() - started) * 1000)

    return run


async def measure(app: AtcApp, moves: int) -> dict[str, list[float]]:
    per_key: dict[str, list[float]] = {"cursor move": [], "filter keystroke": []}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await asyncio.sleep(0.3)
        for _ in range(moves):
            frame_ms.clear()
            await pilot.press("down")
            await asyncio.sleep(0.05)  # the frames after the key
            per_key["cursor move"].append(sum(frame_ms))
        panel = app.current_panel
        assert panel is not None
        panel.screen.set_focus(panel.filter_input)
        await pilot.pause()
        for query in QUERIES * 3:
            panel.filter_input.value = query[:-1]
            panel.filter_input.cursor_position = len(query) - 1
            while panel.view.query != query[:-1] or panel.filtering_busy:
                await asyncio.sleep(0.001)
            await asyncio.sleep(0.2)
            frame_ms.clear()
            await pilot.press(query[-1])
            while panel.view.query != query or panel.filtering_busy:
                await asyncio.sleep(0.001)
            await asyncio.sleep(0.1)
            per_key["filter keystroke"].append(sum(frame_ms))
    return per_key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, help="a dataset (default: the bundled one)")
    parser.add_argument("--moves", type=int, default=40)
    args = parser.parse_args()
    Screen._refresh_layout = timed(Screen._refresh_layout)  # type: ignore[method-assign]
    app = AtcApp(load([args.data] if args.data else None))
    per_key = asyncio.run(measure(app, args.moves))
    print("ms of layout and paint per key: median, max")
    for name, values in per_key.items():
        print(f"{name:17} {statistics.median(values):5.1f} {max(values):6.1f}")


if __name__ == "__main__":
    main()
