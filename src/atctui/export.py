"""Export a built `View` (after filter and sort) in every format; used by the CLI and the app."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from atctui.dataset import Dataset
from atctui.textsafe import SHOWN_CHARACTERS, clipped, printable
from atctui.views import View


def describe_data(paths: Sequence[str]) -> str:
    """The data files an export names: the paths given, or 'bundled dataset'."""
    return ", ".join(paths) if paths else "bundled dataset"


def heading(view: View, data: Sequence[str]) -> str:
    """The export's first line: the view's title, its query if any, and the data files."""
    query = f" — query: {view.query}" if view.query.strip() else ""
    return printable(f"{view.title}{query} — data: {describe_data(data)}")


def rows_phrase(count: int) -> str:
    """'1 row', '0 rows', '48 rows'."""
    return f"{count} row" if count == 1 else f"{count} rows"


def count_line(view: View, today: dt.date | None = None) -> str:
    """The export's last line: how many rows of how many, and the day of the export."""
    day = (today or dt.date.today()).isoformat()
    noun = "row" if view.total == 1 else "rows"
    return f"{len(view.rows)} of {view.total} {noun} · exported {day}"


MIN_COLUMN = 6  # narrower than this, the text export switches to one block per row
ROW_HEADER_WIDTH = 28  # the matrix's participant column wraps beyond this


def _cells(text: str) -> int:
    """Terminal cells `text` takes; plain ASCII needs no table look-up."""
    return len(text) if text.isascii() else cell_len(text)


def _longest(view: View, i: int) -> int:
    cells = [view.columns[i].label, *(r.cells[i] for r in view.rows)]
    if view.footer_row is not None:
        cells.append(view.footer_row[i])
    return max(_cells(printable(c)) for c in cells)


def _longest_word(view: View, i: int) -> int:
    cells = {view.columns[i].label, *(r.cells[i] for r in view.rows)}
    return max((_cells(w) for c in cells for w in printable(c).split()), default=1)


def _column_blocks(view: View, width: int) -> list[list[int]]:
    """The matrix splits into blocks of meeting columns that fit `width`, each repeating
    the row-header columns; other views keep one table and wrap their wide columns."""
    if view.footer_row is None:
        return [list(range(len(view.columns)))]
    fixed = [0, 1]

    def need(i: int) -> int:
        """The width column `i` takes, borders included (a wrapping one capped)."""
        longest = _longest(view, i)
        return (min(longest, ROW_HEADER_WIDTH) if view.columns[i].ratio else longest) + 3

    base = sum(need(i) for i in fixed) + 1
    blocks: list[list[int]] = []
    current: list[int] = []
    room = base
    for i in range(len(fixed), len(view.columns)):
        if current and room + need(i) > width:
            blocks.append(fixed + current)
            current, room = [], base
        current.append(i)
        room += need(i)
    blocks.append(fixed + current)
    return blocks


def column_widths(view: View, chosen: Sequence[int], width: int) -> list[int] | None:
    """Content widths that fit `width` exactly, or None when not even 6 cells a column do.

    Columns grow, leftmost first (it names the row), to their longest word (a longer word
    is folded), then short columns to their full width; wrapping columns share the rest
    by ratio."""
    available = width - 3 * len(chosen) - 1
    words = [_longest_word(view, i) for i in chosen]
    widths = [min(w, MIN_COLUMN) for w in words]
    if sum(widths) > available:
        return None
    spare = available - sum(widths)
    natural = [_longest(view, i) for i in chosen]
    ratios = [view.columns[i].ratio for i in chosen]
    whole_words = sorted(range(len(chosen)), key=lambda k: words[k] - widths[k])  # cheapest first
    short_full = [k for k in range(len(chosen)) if not ratios[k]]  # leftmost first
    for order, target in ((whole_words, words), (short_full, natural)):
        for k in order:
            grow = max(0, min(target[k] - widths[k], spare))
            widths[k] += grow
            spare -= grow
    while spare > 0:
        hungry = [k for k in range(len(chosen)) if ratios[k] and widths[k] < natural[k]]
        if not hungry:
            break
        total = sum(ratios[k] for k in hungry)
        given = 0
        for k in hungry:
            share = max(1, spare * ratios[k] // total)
            grow = min(share, natural[k] - widths[k], spare - given)
            widths[k] += grow
            given += grow
        if given == 0:
            break
        spare -= given
    return widths


def rich_table(view: View, columns: Sequence[int] | None = None,
               widths: Sequence[int] | None = None) -> Table:  # fmt: skip
    """The view as a rich Table; every cell is Text, so data is never read as markup.
    With `widths`, columns are exactly that wide and cells wrap, so nothing is cropped."""
    chosen = list(range(len(view.columns))) if columns is None else list(columns)
    table = Table(box=box.SQUARE, show_footer=view.footer_row is not None)
    for n, i in enumerate(chosen):
        col = view.columns[i]
        footer = Text(printable(view.footer_row[i])) if view.footer_row else ""
        table.add_column(
            Text(printable(col.label)),
            footer=footer,
            justify="right" if col.numeric else "left",
            overflow="fold",
            width=widths[n] if widths is not None else None,
        )
    for row in view.rows:
        table.add_row(*(Text(printable(row.cells[i])) for i in chosen))
    return table


def clipped_view(view: View) -> View:
    """The view with each very long value cut as the screen cuts it: the text and
    Markdown exports are for reading (wrapping a quote of many megabytes took too long)."""

    def cut(cells: Sequence[str]) -> tuple[str, ...]:
        """The cells, each very long value cut."""
        return tuple(clipped(c) for c in cells)

    if all(len(c) <= SHOWN_CHARACTERS for row in view.rows for c in row.cells):
        return view
    rows = tuple(dataclasses.replace(row, cells=cut(row.cells)) for row in view.rows)
    return dataclasses.replace(view, rows=rows)


def to_text(view: View, data: Sequence[str] = (), width: int = 100,
            today: dt.date | None = None) -> str:  # fmt: skip
    """The view as boxed tables `width` columns wide, between the heading and the legend
    and count; the matrix splits into blocks of its meeting columns, and a table whose
    columns cannot be 6 wide becomes one block of lines per row."""
    view = clipped_view(view)
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False,
        legacy_windows=False, emoji=False, highlight=False, markup=False,
    )  # fmt: skip
    console.print(Text(heading(view, data)), soft_wrap=False)
    # A view without columns (Compare before two meetings are chosen) has no table.
    for block in _column_blocks(view, width) if view.columns else []:
        widths = column_widths(view, block, width)
        if widths is None:  # not even the longest words fit: one block of lines per row
            console.print(_records(view, block))
        else:
            console.file.write(box_table(view, block, widths, console))
    if view.legend:
        console.print(Text(view.legend))
    console.print(Text(count_line(view, today)))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    return "\n".join(line.rstrip() for line in out.splitlines()) + "\n"


def box_table(view: View, chosen: Sequence[int], widths: Sequence[int], console: Console) -> str:
    """The lines `rich_table(view, chosen, widths)` prints, written directly.

    Rich lays out every cell of every row through its renderer, slow for a view of many
    rows; with the widths fixed, the box lines are plain joins, and only
    a cell wider than its column goes through rich's own wrapping (`Text.wrap`), so the
    output is the same to the character (a test compares the two)."""
    right = [view.columns[i].numeric for i in chosen]

    def cell_lines(text: str, k: int) -> list[str]:
        """A cell's lines in its column's width, padded, or wrapped as rich wraps it."""
        text, width = printable(text), widths[k]
        size = _cells(text)
        if size <= width:
            pad = " " * (width - size)
            return [pad + text if right[k] else text + pad]
        justify: JustifyMethod = "right" if right[k] else "left"
        wrapped = Text(text).wrap(console, width, justify=justify, overflow="fold")
        return [line.plain for line in wrapped]

    blank = [" " * w for w in widths]

    def row_lines(cells: Sequence[str], bottom: bool = False) -> list[str]:
        """The lines of a row of cells, each column filled down to the tallest."""
        columns = [cell_lines(cells[i], k) for k, i in enumerate(chosen)]
        height = max(len(c) for c in columns)
        if bottom:  # rich aligns header cells to the bottom
            columns = [[blank[k]] * (height - len(c)) + c for k, c in enumerate(columns)]
        return [
            "│ "
            + " │ ".join(c[n] if n < len(c) else blank[k] for k, c in enumerate(columns))
            + " │"
            for n in range(height)
        ]

    def rule(left: str, middle: str, end: str) -> str:
        """A horizontal border line with the given corner and joint characters."""
        return left + middle.join("─" * (w + 2) for w in widths) + end

    labels = [column.label for column in view.columns]
    lines = [rule("┌", "┬", "┐"), *row_lines(labels, bottom=True)]
    lines.append(rule("├", "┼", "┤"))
    for row in view.rows:
        lines += row_lines(row.cells)
    if view.footer_row is not None:
        lines.append(rule("├", "┼", "┤"))
        lines += row_lines(view.footer_row)
    lines.append(rule("└", "┴", "┘"))
    return "\n".join(lines) + "\n"


def _records(view: View, chosen: Sequence[int]) -> Text:
    out = Text()
    for row in view.rows:
        out.append(f"── {printable(row.cells[chosen[0]])}\n")
        for i in chosen[1:]:
            if row.cells[i]:
                out.append(f"   {printable(view.columns[i].label)}: {printable(row.cells[i])}\n")
    if view.footer_row is not None:
        out.append(f"── {printable(view.footer_row[chosen[0]])}\n")
        for i in chosen[1:]:
            if view.footer_row[i]:
                out.append(
                    f"   {printable(view.columns[i].label)}: {printable(view.footer_row[i])}\n"
                )
    return out


# Markdown and the HTML it may contain, written as text: `<script>`, `<img onerror>` and
# `[x](javascript:…)` in the data must show as those characters, not run or link; a
# backtick or an asterisk must not start code or emphasis. HTML's three characters become
# entities; Markdown's own are backslash-escaped (CommonMark: any ASCII punctuation).
_MARKDOWN_TEXT = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", **{c: "\\" + c for c in "\\`*_[]|~"}}
)


def markdown_text(text: str) -> str:
    """`text` as Markdown that renders as exactly these characters, on one line."""
    return printable(text).translate(_MARKDOWN_TEXT)


def to_markdown(view: View, data: Sequence[str] = (), today: dt.date | None = None) -> str:
    """The view as a Markdown table under the heading, with its legend and count; every
    value is escaped so that it shows as its characters, never as markup."""
    view = clipped_view(view)
    cell = markdown_text

    lines = [f"## {cell(heading(view, data))}", ""]
    if view.columns:  # Compare before two meetings are chosen has none
        lines.append("| " + " | ".join(cell(c.label) for c in view.columns) + " |")
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in view.columns) + "|")
        for row in view.rows:
            lines.append("| " + " | ".join(cell(c) for c in row.cells) + " |")
        if view.footer_row is not None:
            lines.append("| " + " | ".join(cell(c) for c in view.footer_row) + " |")
        lines.append("")
    if view.legend:
        lines += [cell(view.legend), ""]
    lines.append(count_line(view, today))
    return "\n".join(lines) + "\n"


# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(…),
# =cmd|…): OWASP's CSV-injection advice is to write such a cell as text, with a leading '.
# Spaces before them, and their full-width forms, are looked through too.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_BLANKS = " \u00a0\u3000"


def csv_cell(text: str, raw: bool = False) -> str:
    """A cell as shown on screen (control characters made visible), and, unless `raw`,
    never a formula."""
    shown = printable(text)
    if raw:
        return shown
    if text.startswith(("\t", "\r")) or shown.lstrip(_BLANKS).startswith(FORMULA_START):
        return "'" + shown
    return shown


def to_csv(view: View, raw: bool = False) -> str:
    """The view as CSV; cells a spreadsheet would run as formulas start with ' unless
    `raw`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["id", *(csv_cell(c.label, raw) for c in view.columns)])
    for row in view.rows:
        writer.writerow([csv_cell(row.key, raw), *(csv_cell(c, raw) for c in row.cells)])
    return buffer.getvalue()


def to_json(view: View, data: Sequence[str] = (), now: dt.datetime | None = None) -> str:
    """The view as JSON: `meta` (view, query, data files, row counts, time of export) and
    `rows`, each the record's id and the cells by column key."""
    keys = [c.key for c in view.columns]
    meta = {
        "view": view.name,
        "query": view.query,
        "dataset": list(data),
        "count": len(view.rows),
        "total": view.total,
        "exported_at": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
    }
    rows = [{"id": row.key, **dict(zip(keys, row.cells, strict=True))} for row in view.rows]
    return json.dumps({"meta": meta, "rows": rows}, ensure_ascii=False, indent=2) + "\n"


def render(
    view: View, fmt: str, data: Sequence[str] = (), width: int = 100, raw: bool = False
) -> str:
    """The view in a format rendered from its rows (text, markdown, csv, json); `raw`
    writes CSV cells that start like formulas as they are."""
    if fmt == "text":
        return to_text(view, data, width)
    if fmt == "markdown":
        return to_markdown(view, data)
    if fmt == "csv":
        return to_csv(view, raw)
    if fmt == "json":
        return to_json(view, data)
    raise ValueError(f"unknown format '{fmt}'")


def export_view(dataset: Dataset, view: View, fmt: str, width: int = 100, raw: bool = False) -> str:
    """What `atctui export` and the export dialog write for `view` in `fmt`: the same
    function for both. TOML is the records behind the view (subset.EmptySubset when
    there are none); a format drawn by the app (svg) is the app's to make."""
    if fmt == "toml":
        from atctui.subset import subset_toml

        return subset_toml(dataset, view)
    return render(view, fmt, dataset.paths, width, raw=raw)
