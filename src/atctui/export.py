"""Export a built `View` (after filter and sort) in every format; used by the CLI and the app.

Text and Markdown are for a report: the rows refer to a numbered list of their sources
(`[1]`), which follows the table, then the provenance (provenance.py). CSV and JSON,
for programs, are in export_data.py."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, JustifyMethod
from rich.table import Table
from rich.text import Text

from atctui.dataset import Dataset
from atctui.provenance import (
    Evidence,
    Provenance,
    evidence_of,
    provenance_of,
    source_line,
    source_parts,
)
from atctui.textsafe import SHOWN_CHARACTERS, clipped, printable
from atctui.views import Column, Row, View


def heading(view: View) -> str:
    """The export's first line: the view's title, and its query if any."""
    query = f" — query: {view.query}" if view.query.strip() else ""
    return printable(f"{view.title}{query}")


def rows_phrase(count: int) -> str:
    """'1 row', '0 rows', '48 rows'."""
    return f"{count} row" if count == 1 else f"{count} rows"


def count_line(view: View) -> str:
    """The line under the table: how many rows of how many."""
    noun = "row" if view.total == 1 else "rows"
    return f"{len(view.rows)} of {view.total} {noun}"


REFS_COLUMN = Column("sources", "Sources")


def with_refs(view: View, evidence: Evidence) -> View:
    """The view with a last column that refers each row to its sources: '[1] [3]'."""
    rows = tuple(
        Row(r.key, (*r.cells, evidence.refs(r.key)), (*r.sort, None), r.facts_for_copy())
        for r in view.rows
    )
    footer = (*view.footer_row, "") if view.footer_row is not None else None
    keys = (*view.column_keys, "") if view.column_keys else ()
    return dataclasses.replace(
        view, columns=(*view.columns, REFS_COLUMN), rows=rows, footer_row=footer, column_keys=keys
    )


def source_list(evidence: Evidence) -> list[str]:
    """The numbered list of the sources the rows cite, one line each, control characters
    made visible."""
    return [printable(source_line(n, s)) for n, s in enumerate(evidence.sources, 1)]


MIN_COLUMN = 6  # a column's least width in a table
LONG_WORD = 24  # a longer word (an address) is folded; a shorter one never is
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
    """Content widths that fit `width` exactly, or None when the columns' words do not
    (then one block of lines per row).

    Columns grow, leftmost first (it names the row), to their longest word (a longer word
    is folded), then short columns to their full width; wrapping columns share the rest
    by ratio."""
    available = width - 3 * len(chosen) - 1
    words = [_longest_word(view, i) for i in chosen]
    # A table whose words would be cut ('Exerci/se', 'Antite/rror') reads worse pasted in a
    # report than one block of lines per row: a table only where every word fits (a word
    # longer than LONG_WORD, an address, is folded in either).
    if sum(min(w, LONG_WORD) for w in words) > available:
        return None
    widths = [min(w, MIN_COLUMN) for w in words]
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


def to_text(view: View, width: int = 100, evidence: Evidence | None = None,
            provenance: Provenance | None = None) -> str:  # fmt: skip
    """The view as boxed tables `width` columns wide, between the heading and the legend
    and count; the matrix splits into blocks of its meeting columns, and a table whose
    columns cannot be 6 wide becomes one block of lines per row. With `evidence`, a last
    column refers each row to the numbered sources listed after the table; with
    `provenance`, its lines end the text."""
    view = clipped_view(view)
    if evidence is not None and view.columns:
        view = with_refs(view, evidence)
    console = Console(
        file=io.StringIO(), width=width, color_system=None, force_terminal=False,
        legacy_windows=False, emoji=False, highlight=False, markup=False,
    )  # fmt: skip
    console.print(Text(heading(view)), soft_wrap=False)
    # A view without columns (Compare before two meetings are chosen) has no table.
    for block in _column_blocks(view, width) if view.columns else []:
        widths = column_widths(view, block, width)
        if widths is None:  # not even the longest words fit: one block of lines per row
            console.print(_records(view, block))
        else:
            console.file.write(box_table(view, block, widths, console))
    if view.legend:
        console.print(Text(view.legend))
    console.print(Text(count_line(view)))
    # An address or a hash is never folded: cut in two, it could not be copied whole.
    if evidence is not None and evidence.sources:
        console.print(Text("\nSources:"))
        for number, source in enumerate(evidence.sources, 1):
            what, where = source_parts(number, source)
            console.print(Text(printable(what)))
            if where:
                console.print(Text(printable(f"    {where}")), soft_wrap=True)
    notes = evidence.note_lines(view) if evidence is not None else []
    if notes:
        console.print(Text("\nNotes (! a contradiction between sources):"))
        for line in notes:
            console.print(Text(printable(clipped(line))))
    if provenance is not None:
        console.print()
        for line in provenance.lines():
            console.print(Text(printable(line)), soft_wrap=True)
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


def to_markdown(view: View, evidence: Evidence | None = None,
                provenance: Provenance | None = None) -> str:  # fmt: skip
    """The view as a Markdown table under the heading, with its legend and count; every
    value is escaped so that it shows as its characters, never as markup. With
    `evidence`, a last column refers each row to the numbered sources listed after the
    table ('[1] [3]', as a report writes them); with `provenance`, its lines end it."""
    view = clipped_view(view)
    if evidence is not None and view.columns:
        view = with_refs(view, evidence)
    cell = markdown_text
    refs = len(view.columns) - 1 if evidence is not None else -1  # written, not escaped

    def line(cells: Sequence[str]) -> str:
        """A table row, each cell escaped but the references."""
        return "| " + " | ".join(c if i == refs else cell(c) for i, c in enumerate(cells)) + " |"

    lines = [f"## {cell(heading(view))}", ""]
    if view.columns:  # Compare before two meetings are chosen has none
        lines.append(line([c.label for c in view.columns]))
        lines.append("|" + "|".join("---:" if c.numeric else "---" for c in view.columns) + "|")
        lines += [line(row.cells) for row in view.rows]
        if view.footer_row is not None:
            lines.append(line(view.footer_row))
        lines.append("")
    if view.legend:
        lines += [cell(view.legend), ""]
    lines.append(count_line(view))
    if evidence is not None and evidence.sources:
        lines += ["", "### Sources"]
        for number, source in enumerate(evidence.sources, 1):
            lines += ["", f"[{number}] " + cell(source_line(number, source).partition("] ")[2])]
        # Link definitions (not shown): each [n] in the table and the list links to its
        # source's page, in CommonMark and GitHub alike.
        linked = [(n, s.url) for n, s in enumerate(evidence.sources, 1) if s.url]
        if linked:
            lines.append("")
            for n, url in linked:
                lines.append(f"[{n}]: <{url.replace('<', '%3C').replace('>', '%3E')}>")
    notes = evidence.note_lines(view) if evidence is not None else []
    if notes:
        lines += ["", "### Notes (! a contradiction between sources)", ""]
        lines += [f"- {cell(line)}" for line in notes]
    if provenance is not None:
        lines += ["", "---", ""]
        lines += [cell(p) + "  " for p in provenance.lines()]  # a hard line break each
        lines[-1] = lines[-1].rstrip()
    return "\n".join(lines) + "\n"


def render(view: View, fmt: str, width: int = 100, raw: bool = False,
           evidence: Evidence | None = None,
           provenance: Provenance | None = None) -> str:  # fmt: skip
    """The view in a format rendered from its rows (text, markdown, csv, json, and
    evidence: CSV, one row per citation); `raw` writes CSV cells that start like
    formulas as they are."""
    from atctui import export_data

    if fmt == "text":
        return to_text(view, width, evidence, provenance)
    if fmt == "markdown":
        return to_markdown(view, evidence, provenance)
    if fmt == "csv":
        return export_data.to_csv(view, raw, evidence, provenance)
    if fmt == "json":
        return export_data.to_json(view, evidence, provenance)
    if fmt == "evidence":
        return export_data.to_evidence_csv(view, evidence or Evidence(), provenance, raw)
    raise ValueError(f"unknown format '{fmt}'")


def export_view(
    dataset: Dataset, view: View, fmt: str, width: int = 100, raw: bool = False,
    timestamp: bool = False,
) -> str:  # fmt: skip
    """What `atctui export` and the export dialog write for `view` in `fmt`, with the
    rows' evidence and the provenance: the same function for both. TOML is the records
    behind the view (subset.EmptySubset when there are none), its provenance in comments;
    'evidence' is CSV, one row per citation of the view's rows; a format drawn by the
    app (svg) is the app's to make. `timestamp` adds the time of the export."""
    provenance = provenance_of(dataset, view, timestamp)
    if fmt == "toml":
        from atctui.subset import subset_toml

        comments = "".join(f"# {printable(line)}\n" for line in provenance.lines())
        return comments + "\n" + subset_toml(dataset, view)
    return render(view, fmt, width, raw, evidence_of(dataset, view), provenance)


def svg_with_evidence(svg: str, dataset: Dataset, view: View, width: int = 100) -> str:
    """A picture of the view that still says where its rows come from: the view's text
    export (each row's sources, the source list, the provenance) as the SVG's <desc>,
    which image viewers and screen readers show as its description."""
    from xml.sax.saxutils import escape

    text = export_view(dataset, view, "text", width)
    desc = f"<desc>{escape(text)}</desc>"
    start = svg.find("<svg")
    end = svg.find(">", start) if start >= 0 else -1
    if end < 0:
        return svg
    return svg[: end + 1] + "\n" + desc + svg[end + 1 :]
