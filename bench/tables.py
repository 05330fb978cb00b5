"""Side by side: atctui's Line-API table, textual-fastdatatable and Textual's DataTable,
each filled with the 10,000-meeting Timeline (12,000 rows) to its first paint, then given
the rows of a filter. textual-fastdatatable is not a dependency: install it beside atctui
(`pip install textual-fastdatatable`, which brings pyarrow) to run it.

    python bench/generate.py --meetings 10000 --out /tmp/m10k.toml
    python bench/tables.py virtual|fast|stock /tmp/m10k.toml
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from typing import Any

from textual.app import App, ComposeResult
from textual.widget import Widget

from atctui.loading import load
from atctui.views import build


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class TableBench(App[None]):
    """Fills one kind of table with `rows`, then replaces them with `narrower`, timing
    each to the paint that follows."""

    def __init__(self, which: str, labels: list[str], rows: list[Any], narrower: list[Any]) -> None:
        super().__init__()
        self.which, self.labels, self.rows, self.narrower = which, labels, rows, narrower
        self.figures: dict[str, float] = {}
        started = time.perf_counter()
        # Imported here so that the import is timed on its own.
        if which == "fast":
            from textual_fastdatatable import DataTable as Fast  # type: ignore[import-not-found]

            self.fast = Fast
        elif which == "stock":
            from textual.widgets import DataTable

            self.stock = DataTable
        else:
            from atctui.app.virtual_table import TableColumn, ViewTable
            from atctui.views.widths import shown_width

            self.virtual = ViewTable
            self.columns = [
                TableColumn(
                    label, min(50, max(shown_width(c) for c in [label, *(r[i] for r in rows)]))
                )
                for i, label in enumerate(labels)
            ]
        self.figures["import_s"] = time.perf_counter() - started
        self.table: Any = None

    def compose(self) -> ComposeResult:
        self.started = time.perf_counter()
        if self.which == "fast":
            self.table = self.fast(data=self.rows, column_labels=self.labels, render_markup=False)
        elif self.which == "stock":
            self.table = self.stock()
        else:
            self.table = self.virtual()
        table: Widget = self.table
        yield table

    def on_mount(self) -> None:
        if self.which == "stock":
            self.table.add_columns(*self.labels)
            self.table.add_rows(self.rows)
        elif self.which == "virtual":
            self.table.show(self.columns, self.rows)
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        self.figures["first_paint_s"] = time.perf_counter() - self.started
        self.started = time.perf_counter()
        if self.which == "fast":
            # fastdatatable cannot clear: "Unmount this table and mount a new one instead".
            self.table.remove()
            self.table = self.fast(
                data=self.narrower, column_labels=self.labels, render_markup=False
            )
            self.mount(self.table)
        elif self.which == "stock":
            self.table.clear()
            self.table.add_rows(self.narrower)
        else:
            self.table.show(self.columns, self.narrower)
        self.call_after_refresh(self.replaced)

    def replaced(self) -> None:
        self.figures["replace_rows_s"] = time.perf_counter() - self.started
        self.exit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", choices=["virtual", "fast", "stock"])
    parser.add_argument("data", help="a dataset, e.g. from bench/generate.py")
    args = parser.parse_args()
    dataset = load([args.data])
    full = build("timeline", dataset)
    narrow = build("timeline", dataset, "council")
    labels = [column.label for column in full.columns]
    before = peak_rss_mb()
    app = TableBench(
        args.which, labels, [r.cells for r in full.rows], [r.cells for r in narrow.rows]
    )
    asyncio.run(app.run_async(headless=True, size=(120, 40)))
    app.figures["rss_mb_added"] = peak_rss_mb() - before
    print(args.which, {k: round(v, 3) for k, v in app.figures.items()})


if __name__ == "__main__":
    main()
