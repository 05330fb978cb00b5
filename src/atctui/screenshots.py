"""Regenerate the SVG screenshots in screenshots/: `python -m atctui.screenshots [DIR]`."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from atctui.app.main import AtcApp
from atctui.loading import load


def _filtered(tab: str, query: str, *moves: str) -> list[str]:
    """The keys that show a tab filtered by `query`, then move the cursor."""
    return [tab, "slash", *query, "wait:300", "enter", *moves]


# name -> keys pressed before the shot
SHOTS: dict[str, list[str]] = {
    "timeline": [],
    "participants": ["2", "down", "down", "down", "down", "down", "right", "right"],
    "exercises": ["3", "down", "down"],
    "filtered": _filtered("2", "kind:cis_body year:2019", "down", "right", "right"),
    "help": ["question_mark"],
    # III 2010 with the Assembly of May 2016 (five columns on: IV* 2011, VI* 2013, SAC
    # Sep 2013, VIII* 2015).
    "compare": ["2", "right", "right", "m", *["right"] * 5, "m", "wait:300"],
    # The exercises' lane, after the five of the meetings' formats.
    "chart": ["v", "down", "down", "down", "down", "down", "right", "right", "right"],
    # Who took part in each exercise since 2017 (x: the exercise columns).
    "exercise-matrix": _filtered(
        "2", "kind:exercise year:2017..2025", "down", "right", "right", "right"
    ),
    "russian": ["2", "wait:300", "x", "wait:300", "L", "wait:300", "down", "right", "right"],
}


async def take(name: str, keys: list[str], out: Path, size: tuple[int, int] = (120, 36)) -> Path:
    """Run the app on the bundled data, press `keys`, and save the screen as `name`.svg in
    `out`."""
    app = AtcApp(load(), theme="textual-dark")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()
        path = out / f"{name}.svg"
        path.write_text(app.export_screenshot(title=f"atctui: {name}"), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Write every screenshot of SHOTS into the folder given (screenshots/ by default)."""
    args = sys.argv[1:] if argv is None else argv
    if args and args[0].startswith("-"):
        print(__doc__.strip())
        return 0 if args[0] in ("-h", "--help") else 2
    out = Path(args[0]) if args else Path("screenshots")
    out.mkdir(parents=True, exist_ok=True)
    for name, keys in SHOTS.items():
        print(asyncio.run(take(name, keys, out)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
