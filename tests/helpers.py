"""Helpers the tests share: running the CLI, generating datasets (large, hostile, with
long values), reading the screen as a person sees it."""

from __future__ import annotations

import ast
import html
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w
from rich.cells import cell_len

if TYPE_CHECKING:
    from textual.app import App
    from textual.pilot import Pilot

    from atctui.app.main import AtcApp

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
RESEARCH = ROOT.parent / "shared" / "research"
BENCH = ROOT / "bench"
BAD = ROOT / "tests" / "data" / "bad"
GOLDEN = ROOT / "tests" / "golden"
BUNDLED_TOML = ROOT / "data" / "meetings.toml"
SIZE = (100, 30)  # the terminal most app tests run in


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "atctui", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )


def imported_after(code: str, prefix: str) -> list[str]:
    """The modules whose names start with `prefix` that a fresh interpreter holds after
    running `code` (what a command or start-up pulls in)."""
    probe = f"{code}\nimport sys\nprint(sorted(m for m in sys.modules if m.startswith({prefix!r})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    found: list[str] = ast.literal_eval(result.stdout.strip().splitlines()[-1])
    return found


def generated(folder: Path, meetings: int) -> tuple[Path, str]:
    path = folder / "big.toml"
    subprocess.run([sys.executable, str(BENCH / "generate.py"), "--meetings", str(meetings),
                    "--out", str(path)], check=True, capture_output=True)  # fmt: skip
    return path, path.read_text(encoding="utf-8")


HOSTILE = (
    "[bold]B[/] [/] [link=http://e.vil]L[/link] \x1b[31mred\x1b[0m "
    "\x1b]8;;http://e.vil\x07osc\x1b]8;;\x07 \x07bell\x08 \u202eevil\u202c "
    "עברית العربية e\u0301\u0301 " + "W" * 120 + " 😀🇷🇺 中文漢字"
)


def hostile_dataset(tmp_path: Path) -> Path:
    """A valid dataset with the hostile string in every text field it has."""
    h = HOSTILE
    cite = [{"source": "s", "quote": h}]
    data: dict[str, Any] = {
        "sources": [{"id": "s", "kind": "source_text", "file": h, "title": h, "publisher": h}],
        "participants": [
            {
                "id": "p",
                "name": h,
                "kind": "member_state",
                "short": h,
                "aliases": [h],
                "citations": cite,
            },
            {"id": "q", "name": "中文漢字国", "kind": "cis_body", "citations": cite},
        ],
        "people": [
            {
                "id": "x",
                "name": h,
                "aliases": [h],
                "citations": cite,
                "roles": [{"title": h, "rank": h, "start": "2001", "citations": cite}],
            }
        ],
        "meetings": [
            {
                "id": "m",
                "number": 1,
                "title": h,
                "date": "2019-02-19",
                "city": h,
                "citations": cite,
                "inferred": [{"field": "city", "reason": h}],
                "attendances": [
                    {"participant": "p", "as_written": h, "agency": h, "citations": cite}
                ],
                "lists": [
                    {"kind": "member_state", "complete": True, "reason": h, "citations": cite}
                ],
                "agenda": [{"kind": "topic", "text": h, "citations": cite}],
            }
        ],
        "exercises": [
            {
                "id": "e",
                "name": h,
                "date": "2019-09",
                "host": "p",
                "place": h,
                "territory": h,
                "stages": [h],
                "ordinal": h,
                "status": "held",
                "discussed_at": ["m"],
                "description": h,
                "citations": cite,
            }
        ],
        "programs": [
            {
                "id": "g",
                "title": h,
                "period": "2014..2016",
                "place": h,
                "description": h,
                "citations": cite,
            }
        ],
        "formats": [
            {
                "id": "f",
                "name": h,
                "since": "2008",
                "frequency": h,
                "place": h,
                "description": h,
                "citations": cite,
            }
        ],
        "events": [
            {"id": "v", "kind": "event", "title": h, "date": "2019", "place": h, "citations": cite}
        ],
        "notes": [
            {
                "id": "n",
                "kind": "contradiction",
                "about": ["meeting:m"],
                "text": h,
                "citations": cite,
            }
        ],
    }
    path = tmp_path / "hostile.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def dataset_with(tmp_path: Path, names: list[str]) -> Path:
    cite = [{"source": "s", "quote": "q"}]
    data: dict[str, Any] = {
        "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
        "participants": [
            {"id": f"p{i}", "name": name, "kind": "cis_body", "citations": cite}
            for i, name in enumerate(names)
        ],
        "meetings": [
            {
                "id": "m",
                "number": 1,
                "title": names[0],
                "date": "2019",
                "city": names[-1],
                "citations": cite,
                "attendances": [
                    {"participant": f"p{i}", "as_written": name, "citations": cite}
                    for i, name in enumerate(names)
                ],
            }
        ],
    }
    path = tmp_path / "hostile.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def long_value_dataset(tmp_path: Path, size: int) -> Path:
    """A meeting whose title and quote are `size` characters long."""
    text = ("A long quote " * (size // 13 + 1))[:size]
    cite = [{"source": "s", "quote": text}]
    data = {
        "sources": [{"id": "s", "kind": "source_text", "file": "a.txt"}],
        "meetings": [
            {"id": "m", "number": 1, "title": text, "date": "2019", "city": "Minsk",
             "citations": cite},
        ],
    }  # fmt: skip
    path = tmp_path / "long.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


# Rich draws a screenshot's characters this many pixels apart (0.61 of its 20 px font).
_SVG_CELL = 12.2


def svg_lines(svg: str) -> list[str]:
    """The text of a screenshot (Rich's SVG of a terminal screen), line by line, each
    piece at its column."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for found in re.finditer(
        r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg
    ):
        text = html.unescape(found[3]).replace("\xa0", " ")
        rows.setdefault(float(found[2]), []).append((float(found[1]), text))
    lines = []
    for _, parts in sorted(rows.items()):
        line = ""
        for x, text in sorted(parts):
            line += " " * max(0, round(x / _SVG_CELL) - cell_len(line)) + text
        lines.append(line)
    return lines


def screen_lines(app: App[Any]) -> list[str]:
    """The screen's text, line by line, read off the app's own screenshot
    (`App.export_screenshot`), as a person would read it."""
    return svg_lines(app.export_screenshot())


def pane_text(app: App[Any]) -> str:
    """The detail pane's text as the screen shows it (the lines of its region, cut from
    `screen_lines`), its wrapped lines joined with spaces."""
    from atctui.app.detail_pane import DetailPane

    region = app.query_one(DetailPane).content_region
    lines = screen_lines(app)[region.y : region.bottom]
    return normalise(" ".join(line[region.x : region.right] for line in lines))


def rows(app: AtcApp) -> list[list[str]]:
    """The current tab's table, row by row, as displayed."""
    panel = app.current_panel
    assert panel is not None
    table = panel.table
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def detail(app: AtcApp) -> str:
    """The detail pane's text."""
    from atctui.app.detail_pane import DetailPane

    return app.query_one(DetailPane).plain


async def type_filter(pilot: Pilot[None], text: str) -> None:
    """Open the filter bar, type `text` and wait for the view to follow."""
    await pilot.press("slash", *list(text), "wait:300")
