"""What an export says about where its rows come from, so that a report can cite it.

- The provenance: the files the dataset was read from and the sha256 of their content
  (the hash `atctui validate` and `atctui --version` print), atctui's version, the
  view's query and its sort: enough to make the same export again and to tell that the
  data changed. Nothing in it depends on when the export was made unless asked: two
  exports of the same data and query are the same bytes.
- The evidence: for each row, the citations of the record behind it (its source, the
  words quoted, the page's address); for a matrix or Compare cell, those of the
  attendance, or of the list that makes it absent or unknown. Sources are numbered in
  the order rows first cite them, for the numbered list that text and Markdown exports
  end with.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from atctui import __version__
from atctui.dataset import Dataset
from atctui.model import Citation, Source
from atctui.views import View

BUNDLED = "bundled dataset"  # how exports name the data shipped with atctui


class Cited(NamedTuple):
    """One citation as an export writes it: the source's id, the words quoted (empty for a
    web page, which is cited whole), and the address where a reader finds the source
    (empty when it has none: a local file only)."""

    source: str
    quote: str
    url: str


@dataclass
class Evidence:
    """The citations of a view's rows and of its cells (by row key, then column key), and
    the sources they cite, numbered from 1 in the order the rows first cite them."""

    rows: dict[str, list[Cited]] = field(default_factory=dict)
    cells: dict[str, dict[str, list[Cited]]] = field(default_factory=dict)
    sources: list[Source] = field(default_factory=list)
    numbers: dict[str, int] = field(default_factory=dict)
    # The notes about each row's record (a contradiction between sources, a note), as
    # (kind, text): what a report must not lose of a row flagged ! or n.
    notes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)

    def note_lines(self, view: View) -> list[str]:
        """The notes of the view's rows, one line each: '! West-Antiterror: Dates …'."""
        lines = []
        keys = [column.key for column in view.columns]
        # The row by what names its record (a Timeline row's title, not its date: two
        # meetings of one date read alike), up to its label where the title has one.
        named = next((keys.index(k) for k in ("title", "name") if k in keys), 0)
        for row in view.rows:
            for kind, text in self.notes.get(row.key, ()):
                mark = "!" if kind == "contradiction" else "n"
                name = row.cells[named].split(": ", 1)[0] if row.cells else row.key
                lines.append(f"{mark} {name}: {text}")
        return lines

    def all_of(self, row_key: str) -> Iterator[tuple[str, Cited]]:
        """A row's citations with the column each is about ('' for the row's record)."""
        for cited in self.rows.get(row_key, ()):
            yield "", cited
        for column, cells in self.cells.get(row_key, {}).items():
            for cited in cells:
                yield column, cited

    def source_ids(self, row_key: str) -> list[str]:
        """The ids of the sources a row cites, in their numbers' order."""
        cited = {c.source for _, c in self.all_of(row_key)}
        return sorted(cited, key=lambda s: self.numbers.get(s, 0))

    def refs(self, row_key: str) -> str:
        """The numbers of the sources a row cites, as a report writes them: '[1] [3]'."""
        return " ".join(f"[{self.numbers[s]}]" for s in self.source_ids(row_key))


class Provenance(NamedTuple):
    """The dataset and view an export was made from."""

    files: tuple[str, ...]  # as given; BUNDLED for the bundled data
    sha256: str  # of the files' content (dataset.combined_sha256)
    view: str
    query: str
    sort: str  # "Date", "Date descending", or ""
    version: str
    exported: str = ""  # an ISO time, only when asked for
    hidden: tuple[str, ...] = ()  # the labels of the columns left out
    file_hashes: tuple[str, ...] = ()  # each file's sha256, when there are several

    def lines(self) -> list[str]:
        """What text, Markdown, CSV and TOML exports say of it: the data, its hash, the
        view (and the time of the export when asked), a line each."""
        query = f"query: {self.query}" if self.query.strip() else "no query"
        sort = f" · sorted by {self.sort}" if self.sort else ""
        hidden = f" · columns hidden: {', '.join(self.hidden)}" if self.hidden else ""
        lines = [f"data: {', '.join(self.files)}", f"sha256 {self.sha256}"]
        if len(self.file_hashes) > 1:  # the combined hash, then each file's
            lines += [f"  {h}  {f}" for f, h in zip(self.files, self.file_hashes, strict=True)]
        lines.append(f"view: {self.view} · {query}{sort}{hidden} · atctui {self.version}")
        if self.exported:
            lines.append(f"exported {self.exported}")
        return lines

    def as_json(self) -> dict[str, Any]:
        """What a JSON export's `meta` says of it."""
        out: dict[str, Any] = {
            "dataset": {
                "files": list(self.files),
                "sha256": self.sha256,
                **({"file_sha256": list(self.file_hashes)} if len(self.file_hashes) > 1 else {}),
            },
            "view": self.view,
            "query": self.query,
            "sort": self.sort or None,
            "hidden_columns": list(self.hidden),
            "atctui": self.version,
        }
        if self.exported:
            out["exported_at"] = self.exported
        return out


def sort_phrase(view: View) -> str:
    """The view's sort as provenance names it: 'Date', 'Date descending', '' unsorted."""
    if view.sort_column is None or view.sort_column >= len(view.columns):
        return ""
    label = view.columns[view.sort_column].label
    return f"{label} descending" if view.sort_reverse else label


def provenance_of(dataset: Dataset, view: View, timestamp: bool = False) -> Provenance:
    """The provenance of an export of `view`; with `timestamp`, the time it is made."""
    # Absolute paths: the command the app copies (C) names them so, and a report's
    # reader is not in the folder the export was made in.
    files = tuple(os.path.abspath(f.path) for f in dataset.files) if dataset.paths else (BUNDLED,)
    hashes = tuple(f.sha256 for f in dataset.files) if dataset.paths else ()
    exported = dt.datetime.now(dt.UTC).isoformat(timespec="seconds") if timestamp else ""
    return Provenance(
        files, dataset.sha256, view.name, view.query, sort_phrase(view), __version__, exported,
        view.hidden, hashes,
    )  # fmt: skip


def cited(dataset: Dataset, citations: Sequence[Citation]) -> list[Cited]:
    """Citations as exports write them, each with its source's address."""
    out = []
    for citation in citations:
        source = dataset.sources.get(citation.source)
        url = source.url if source is not None and source.url else ""
        out.append(Cited(citation.source, citation.quote or "", url))
    return out


def record_citations(dataset: Dataset, row_key: str) -> list[Cited]:
    """The citations of the record behind a row: an agenda item's own (a Compare row
    'agenda:meeting-id:index'), or the record's."""
    kind, _, rest = row_key.partition(":")
    if kind == "agenda":
        meeting_id, _, index = rest.partition(":")
        meeting = dataset.meetings_by_id.get(meeting_id)
        if meeting is not None and index.isdigit() and int(index) < len(meeting.agenda):
            return cited(dataset, meeting.agenda[int(index)].citations)
        return []
    record: Any = dataset.records.get(row_key)
    return cited(dataset, getattr(record, "citations", ()))


def cell_citations(dataset: Dataset, participant: str, meeting: str) -> list[Cited]:
    """A participant's evidence at a meeting or exercise (by reference, 'meeting:x-2017'):
    the attendance's citations, or those of the source's list that makes it absent or
    unknown (none when the source gives no list)."""
    attendance = dataset.attendance.get(meeting, {}).get(participant)
    if attendance is not None:
        return cited(dataset, attendance.citations)
    known = dataset.participants.get(participant)
    plist = dataset.lists.get((meeting, known.kind)) if known is not None else None
    return cited(dataset, plist.citations) if plist is not None else []


def evidence_of(dataset: Dataset, view: View) -> Evidence:
    """The citations behind every row of `view`, and behind each of its meeting cells
    (the matrix's, Compare's)."""
    evidence = Evidence()

    def numbered(citations: list[Cited]) -> list[Cited]:
        """The citations, their sources numbered on first use."""
        for c in citations:
            if c.source not in evidence.numbers and c.source in dataset.sources:
                evidence.sources.append(dataset.sources[c.source])
                evidence.numbers[c.source] = len(evidence.sources)
        return citations

    meeting_columns = [key for key in view.column_keys if key in dataset.gatherings]
    for row in view.rows:
        evidence.rows[row.key] = numbered(record_citations(dataset, row.key))
        notes = dataset.notes_about.get(row.key) if not row.key.startswith("agenda:") else None
        if notes:
            evidence.notes[row.key] = [(n.kind, n.text) for n in notes]
        if meeting_columns and row.key.startswith("participant:"):
            participant = row.key.partition(":")[2]
            evidence.cells[row.key] = {
                key: numbered(cell_citations(dataset, participant, key)) for key in meeting_columns
            }
    return evidence


def source_parts(number: int, source: Source) -> tuple[str, str]:
    """A numbered source as a report lists it, and where it is: ('[1] CIS ATC, Title
    (2019-10-17), en.', 'https://…'), its file when it has no address."""
    parts = [p for p in (source.publisher, source.title) if p] or [source.id]
    when = f" ({source.published})" if source.published else ""
    language = f", {source.language}" if source.language else ""
    where = source.url or (f"file {source.file}" if source.file else "")
    return f"[{number}] {', '.join(parts)}{when}{language}.", where


def source_line(number: int, source: Source) -> str:
    """A numbered source on one line: '[1] CIS ATC, Title (2019-10-17), en. https://…'."""
    return " ".join(source_parts(number, source)).rstrip()
