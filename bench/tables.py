"""Side by side: atctui's Line-API table, textual-fastdatatable and Textual's DataTable,
each filled with the 10,000-meeting Timeline (12,000 rows) to its first paint, then given
the rows of a filter. textual-fastdatatable is not a dependency: install it beside atctui
(`pip install textual-fastdatatable`, which brings pyarrow) to run it.

    python bench/generate.py --meetings 10000 --out /tmp/m10k.toml
    python bench/tables.py virtual|fast|stock /tmp/m10k.toml
"""
import sys, time, resource, asyncio
from atctui.loading import load
from atctui.views import build
which = sys.argv[1]
dataset = load([sys.argv[2]])
full = build("timeline", dataset)
narrow = build("timeline", dataset, "council")
labels = [c.label for c in full.columns]
rows = [r.cells for r in full.rows]
rows2 = [r.cells for r in narrow.rows]
from textual.app import App
base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
t_import = time.perf_counter()
if which == "fast":
    from textual_fastdatatable import DataTable as Fast
elif which == "stock":
    from textual.widgets import DataTable as Stock
else:
    from atctui.app.virtual_table import ViewTable, TableColumn, column_width
t_import = time.perf_counter() - t_import
out = {}
class Bench(App):
    def compose(self):
        self.t0 = time.perf_counter()
        if which == "fast":
            self.table = Fast(data=rows, column_labels=labels, render_markup=False)
        elif which == "stock":
            self.table = Stock()
        else:
            self.table = ViewTable()
        yield self.table
    def on_mount(self):
        if which == "stock":
            self.table.add_columns(*labels); self.table.add_rows(rows)
        elif which == "virtual":
            self.cols = [TableColumn(l, column_width(l, [r[i] for r in rows], 50)) for i, l in enumerate(labels)]
            self.table.show(self.cols, rows)
        self.call_after_refresh(self.painted)
    def painted(self):
        out["first_paint_s"] = time.perf_counter() - self.t0
        t = time.perf_counter()
        if which == "fast":
            # fastdatatable cannot clear: "Unmount this table and mount a new one instead".
            self.table.remove()
            self.table = Fast(data=rows2, column_labels=labels, render_markup=False)
            self.mount(self.table)
        elif which == "stock":
            self.table.clear()
            self.table.add_rows(rows2)
        else:
            self.table.show(self.cols, rows2)
        self.t1 = t
        self.call_after_refresh(self.replaced)
    def replaced(self):
        out["replace_rows_s"] = time.perf_counter() - self.t1
        self.exit()
asyncio.run(Bench().run_async(headless=True, size=(120, 40)))
out["import_s"] = t_import
out["rss_mb_added"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base_rss
print(which, {k: round(v, 3) for k, v in out.items()})
