"""The exports a program reads: CSV and JSON of a view's rows, each row with its evidence,
and the evidence alone as CSV, one row per citation, for a spreadsheet to join to the
rows by their id."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from atctui.model import Source
from atctui.provenance import Cited, Evidence, Provenance
from atctui.textsafe import escaped_for_json, printable
from atctui.views import View

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


def _provenance_cell(provenance: Provenance | None) -> list[str]:
    """The provenance as one cell, repeated on every row: a CSV has no place for a note
    outside its rows, and a row copied elsewhere keeps where it came from."""
    return [" · ".join(provenance.lines())] if provenance is not None else []


def to_csv(view: View, raw: bool = False, evidence: Evidence | None = None,
           provenance: Provenance | None = None) -> str:  # fmt: skip
    """The view as CSV: the row's id, its cells, and with `evidence` the ids of the
    sources it cites ('sources', space-separated), the record's names in English and
    Russian when the dataset's records have names ('name_en', 'name_ru'), with
    `provenance` its line ('provenance'); the matrix's totals last, as on screen (id
    'totals'). Cells a spreadsheet would run as formulas start with ' unless `raw`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = ["id", *(c.label for c in view.columns)]
    header += ["sources"] if evidence is not None else []
    header += list(NAME_FIELDS) if view.names else []
    header += ["provenance"] if provenance is not None else []
    writer.writerow([csv_cell(c, raw) for c in header])
    last = _provenance_cell(provenance)
    for row in view.rows:
        sources = [" ".join(evidence.source_ids(row.key))] if evidence is not None else []
        names = view.names.get(row.key, {})
        in_languages = [names.get(f.removeprefix("name_"), "") for f in NAME_FIELDS]
        cells = [row.key, *row.cells, *sources, *(in_languages if view.names else []), *last]
        writer.writerow([csv_cell(c, raw) for c in cells])
    if view.footer_row is not None:  # the matrix's totals, last as on screen, id 'totals'
        blank = len(header) - 1 - len(view.footer_row) - len(last)
        cells = [TOTALS_ID, *view.footer_row, *[""] * blank, *last]
        writer.writerow([csv_cell(c, raw) for c in cells])
    return buffer.getvalue()


TOTALS_ID = "totals"  # the id of the matrix's totals row in CSV ('participant:…' are records)


# A row's record named in each language (naming.in_language): two CSV columns.
NAME_FIELDS = ("name_en", "name_ru")

EVIDENCE_HEADER = ("id", "column", "source", "quote", "url")


def to_evidence_csv(view: View, evidence: Evidence, provenance: Provenance | None = None,
                    raw: bool = False) -> str:  # fmt: skip
    """The evidence of the view's rows as CSV, one row per citation: the view row's id
    (as the view's CSV has it), the column the citation is about (a matrix cell's
    meeting; empty for the row's record), the source's id, the words quoted and the
    source's address."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [*EVIDENCE_HEADER, *(["provenance"] if provenance is not None else [])]
    writer.writerow(header)
    last = _provenance_cell(provenance)
    for row in view.rows:
        for column, cited in evidence.all_of(row.key):
            cells = [row.key, column, cited.source, cited.quote, cited.url, *last]
            writer.writerow([csv_cell(c, raw) for c in cells])
    return buffer.getvalue()


def _citations(cited: list[Cited]) -> list[dict[str, str | None]]:
    return [{"source": c.source, "quote": c.quote or None, "url": c.url or None} for c in cited]


def source_json(number: int, source: Source) -> dict[str, Any]:
    """A source as a JSON export lists it: its number in the text exports, and what a
    reader needs to find it."""
    return {
        "number": number,
        "id": source.id,
        "kind": source.kind,
        "title": source.title,
        "publisher": source.publisher,
        "published": str(source.published) if source.published else None,
        "language": source.language,
        "url": source.url,
        "file": source.file,
    }


def to_json(view: View, evidence: Evidence | None = None,
            provenance: Provenance | None = None) -> str:  # fmt: skip
    """The view as JSON: `meta` (the view, its title, query and counts, and the
    provenance), `columns`, `rows` (the record's id, the cells by column key, and with
    `evidence` the row's `citations` and, in the matrix and Compare, `cell_citations`
    by column key), the matrix's `totals` by column key, and `sources`, the sources cited,
    numbered as the text exports number them."""
    keys = [c.key for c in view.columns]
    meta: dict[str, Any] = {
        "view": view.name,
        "title": view.title,
        "query": view.query,
        "count": len(view.rows),
        "total": view.total,
    }
    if provenance is not None:
        meta |= provenance.as_json()
    rows = []
    for row in view.rows:
        out: dict[str, Any] = {"id": row.key, **dict(zip(keys, row.cells, strict=True))}
        if row.key in view.names:
            out["names"] = dict(view.names[row.key])
        if evidence is not None:
            out["citations"] = _citations(evidence.rows.get(row.key, []))
            if row.key in evidence.notes:
                out["notes"] = [{"kind": k, "text": t} for k, t in evidence.notes[row.key]]
            if row.key in evidence.cells:
                out["cell_citations"] = {
                    column: _citations(cited) for column, cited in evidence.cells[row.key].items()
                }
        rows.append(out)
    document: dict[str, Any] = {
        "meta": meta,
        "columns": [{"key": c.key, "label": c.label} for c in view.columns],
        "rows": rows,
    }
    if view.footer_row is not None:  # the matrix's totals row, by column key
        document["totals"] = dict(zip(keys, view.footer_row, strict=True))
    if evidence is not None:
        document["sources"] = [source_json(n, s) for n, s in enumerate(evidence.sources, 1)]
    return escaped_for_json(json.dumps(document, ensure_ascii=False, indent=2)) + "\n"
