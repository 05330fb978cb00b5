"""Measure atctui on the bundled data and on generated datasets; print a table (or --json).

    python bench/run.py                       # bundled, 1,000 and 10,000 meetings
    python bench/run.py --sizes 0 1000 50000  # 0 = the bundled dataset
    python bench/run.py --quick               # tiny sizes, one repeat: checks the script runs

Every figure is a median over repeats; each is taken in a fresh process so that peak RSS
and start-up are those of one dataset.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
QUERIES = ["moldova", "year:2019", "participant:alias", "-kind:exercise", "council", "xyz"]

PROBE = r"""
import asyncio, json, resource, statistics, sys, time
from pathlib import Path
path = None if sys.argv[1] == "-" else Path(sys.argv[1])
repeats, queries, with_app = int(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4] == "1"
from atctui.loading import bundled_data_path, load
from atctui.export import to_text
from atctui.export_data import to_csv
from atctui.views import VIEWS, build
out = {}
file = path or bundled_data_path()
full = []
dataset = None
for _ in range(repeats):
    dataset = None  # one dataset at a time: the peak RSS is that of one
    t = time.perf_counter()
    dataset = load([file])
    full.append(time.perf_counter() - t)
out["load_validate_s"] = statistics.median(full)
for name in VIEWS:
    t = time.perf_counter()
    view = build(name, dataset)
    out[f"build_{name}_s"] = time.perf_counter() - t
    if name == "participants" and len(view.columns) > 200:
        out[f"export_{name}_text_s"] = None  # thousands of meeting columns: not useful
        continue
    t = time.perf_counter()
    to_text(view, width=100)
    out[f"export_{name}_text_s"] = time.perf_counter() - t
    t = time.perf_counter()
    to_csv(view)
    out[f"export_{name}_csv_s"] = time.perf_counter() - t
if with_app:
    from atctui.app.main import AtcApp
    async def filter_times():
        app = AtcApp(dataset)
        times, stalls = [], []
        async with app.run_test(size=(120, 40)) as pilot:
            panel = app.current_panel
            shown = []
            show = panel.table.show
            def recording(*args, **kwargs):
                show(*args, **kwargs)
                shown.append(time.perf_counter())
            panel.table.show = recording
            # The event loop's longest pause while filtering: input waits that long.
            ticks = []
            app.set_interval(0.002, lambda: ticks.append(time.perf_counter()))
            async def settle(text):
                deadline = time.perf_counter() + 120
                while panel.view.query != text or panel.filtering_busy:
                    if time.perf_counter() > deadline:
                        raise TimeoutError(f"filter {text!r}: {panel.filter_input.value!r}")
                    await asyncio.sleep(0.0005)
            panel.screen.set_focus(panel.filter_input)
            await pilot.pause()  # the Input selects all its text on focus: let that pass
            for q in queries * repeats:
                panel.filter_input.value = q[:-1]  # all but the last keystroke, untimed
                panel.filter_input.cursor_position = len(q) - 1
                await settle(q[:-1])
                await pilot.pause()
                shown.clear()
                ticks.clear()
                t = time.perf_counter()
                await pilot.press(q[-1])  # the timed keystroke, through Pilot
                await settle(q)
                times.append(shown[-1] - t)
                gaps = [b - a for a, b in zip(ticks, ticks[1:])]
                stalls.append(max([ticks[0] - t] + gaps) if ticks else shown[-1] - t)
                panel.filter_input.value = ""
                await settle("")
        return times, stalls
    times, stalls = asyncio.run(filter_times())
    out["filter_median_ms"] = statistics.median(times) * 1000
    out["filter_p95_ms"] = sorted(times)[int(0.95 * (len(times) - 1))] * 1000
    out["stall_max_ms"] = max(stalls) * 1000
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
# The helper process that parses a large file's slices (atctui/chunked.py), if one ran.
out["helper_rss_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(out))
"""

# The bare tomllib parse, in a process of its own: its tables would count in the peak RSS
# of the process that measures atctui.
TOMLLIB = r"""
import statistics, sys, time, tomllib
from pathlib import Path
from atctui.loading import bundled_data_path
file = bundled_data_path() if sys.argv[1] == "-" else Path(sys.argv[1])
times = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    tomllib.loads(file.read_text("utf-8"))
    times.append(time.perf_counter() - t)
print(statistics.median(times))
"""

FIRST_SCREEN = r"""
import sys, time
start = float(sys.argv[1])
if sys.argv[2] == "minimal":
    from textual.app import App
    from textual.widgets import DataTable
    class Minimal(App):
        def compose(self):
            yield DataTable()
        def on_mount(self):
            table = self.query_one(DataTable)
            table.add_columns("a", "b")
            table.add_rows([(str(i), str(i * 2)) for i in range(20)])
            self.call_after_refresh(self.done)
        def done(self):
            print(time.time() - start); self.exit()
    Minimal().run(headless=True)
else:
    from atctui.loading import load
    from atctui.app.main import AtcApp
    from pathlib import Path
    dataset = load([Path(sys.argv[2])] if sys.argv[2] != "-" else None)
    class Timed(AtcApp):
        CSS_PATH = str(Path(__import__("atctui.app.main").app.main.__file__).parent / "app.tcss")
        def on_mount(self):
            super().on_mount()
            self.call_after_refresh(self.done)
        def done(self):
            print(time.time() - start); self.exit()
    Timed(dataset).run(headless=True)
"""


def run_python(code: str, *args: str, env: dict[str, str] | None = None) -> str:
    # A real file, not `-c`: Textual finds an App's CSS next to the file defining it.
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(code)
    try:
        result = subprocess.run(
            [sys.executable, script.name, *args],
            capture_output=True,
            text=True,
            check=False,
            env=env,
        )
    finally:
        os.unlink(script.name)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-2000:])
    return result.stdout.strip().splitlines()[-1]


def first_screen(target: str, repeats: int, workdir: Path) -> float:
    """Median seconds from process start to the first painted screen, with bytecode
    cached for both apps alike, as in an installed package: where PYTHONDONTWRITEBYTECODE
    is set, only the packages pip compiled on install (Textual) would start from bytecode,
    and atctui (installed editable) would be compiled from source at every start."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(workdir / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    run_python(FIRST_SCREEN, repr(time.time()), target, env=env)  # fills the cache
    times = [
        float(run_python(FIRST_SCREEN, repr(time.time()), target, env=env)) for _ in range(repeats)
    ]
    return statistics.median(times)


def measure(size: int, repeats: int, workdir: Path, with_app: bool) -> dict[str, Any]:
    if size == 0:
        target = "-"
    else:
        target = str(workdir / f"meetings-{size}.toml")
        if not Path(target).exists():
            subprocess.run(
                [
                    sys.executable,
                    str(HERE / "generate.py"),
                    "--meetings",
                    str(size),
                    "--out",
                    target,
                ],
                check=True,
            )
    row: dict[str, Any] = {"meetings": "bundled" if size == 0 else size}
    row.update(
        json.loads(
            run_python(PROBE, target, str(repeats), json.dumps(QUERIES), "1" if with_app else "0")
        )
    )
    if repeats > 1:
        # Peak RSS from a process that loads once, as a user's does: in the timing run, a
        # second load peaks higher, on the pages the first one's freed memory still holds.
        once = json.loads(
            run_python(PROBE, target, "1", json.dumps(QUERIES), "1" if with_app else "0")
        )
        row["peak_rss_mb"] = once["peak_rss_mb"]
        row["helper_rss_mb"] = once["helper_rss_mb"]
    row["toml_parse_s"] = float(run_python(TOMLLIB, target, str(repeats)))
    row["load_ratio"] = row["load_validate_s"] / row["toml_parse_s"]
    if with_app:
        row["first_screen_s"] = first_screen(target, repeats, workdir)
        row["minimal_app_s"] = first_screen("minimal", repeats, workdir)
        row["first_screen_ratio"] = row["first_screen_s"] / row["minimal_app_s"]
    return row


COLUMNS = [
    ("meetings", "meetings", "{}"),
    ("toml_parse_s", "tomllib s", "{:.3f}"),
    ("load_validate_s", "load+validate s", "{:.3f}"),
    ("load_ratio", "ratio", "{:.2f}"),
    ("first_screen_s", "first screen s", "{:.3f}"),
    ("minimal_app_s", "minimal app s", "{:.3f}"),
    ("first_screen_ratio", "ratio", "{:.2f}"),
    ("filter_median_ms", "filter med ms", "{:.1f}"),
    ("filter_p95_ms", "filter p95 ms", "{:.1f}"),
    ("stall_max_ms", "UI stall max ms", "{:.0f}"),
    ("export_timeline_text_s", "timeline text s", "{:.3f}"),
    ("export_timeline_csv_s", "timeline csv s", "{:.3f}"),
    ("export_exercises_text_s", "exercises text s", "{:.3f}"),
    ("peak_rss_mb", "peak RSS MB", "{:.0f}"),
    ("helper_rss_mb", "helper peak RSS MB", "{:.0f}"),
]


def table(rows: list[dict[str, Any]]) -> str:
    lines = [" | ".join(title for _, title, _ in COLUMNS)]
    lines.append(" | ".join("---" for _ in COLUMNS))
    for row in rows:
        cells = []
        for key, _, fmt in COLUMNS:
            value = row.get(key)
            cells.append("-" if value is None else fmt.format(value))
        lines.append(" | ".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="atctui benchmark")
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--no-app", action="store_true", help="skip the app's figures")
    parser.add_argument("--quick", action="store_true", help="sizes 0 and 50, one repeat")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args(argv)
    sizes, repeats = ([0, 50], 1) if args.quick else (args.sizes, args.repeats)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="atctui-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    rows = [measure(size, repeats, workdir, not args.no_app) for size in sizes]
    machine = {"cores": os.cpu_count(), "python": platform.python_version(), "repeats": repeats}
    if args.json:
        print(json.dumps({"machine": machine, "results": rows}, indent=2))
    else:
        print(f"{machine['cores']} cores, Python {machine['python']}, medians of {repeats}")
        print(table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
