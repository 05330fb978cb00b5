"""Parse and validate a large dataset file a slice of records at a time.

Parsing a 49 MB file gives about 570 MB of dicts and strings; kept whole while Pydantic
builds the records, they set the peak memory of opening the file. Cut only at lines that
are `[[section]]` headers, the file is a run of small TOML documents whose arrays of
tables, concatenated section by section, are what the whole file parses to, provided
that nothing but comments comes before the first record header, and that every slice
parses and holds only arrays of tables at its top level. What could make a slice mean
something else breaks one of those: a cut inside a multi-line string or array leaves the
slice before it unterminated (a parse error), and a subtable away from its record
(`[[meetings.attendances]]` at the start of a slice) makes its section a table. On any
of these the caller reads the file whole, so messages are always the whole file's.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from typing import Any

import toml_rs

from atctui.model import DATASET_FILE, SECTIONS, DatasetFile

# A record header line, such as `[[meetings]]`, found by its literal "\n[[" (fast in `re`).
_HEADER = r"\[\[[ \t]*[A-Za-z0-9_-]+[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)"
_RECORD = re.compile("\n" + _HEADER)
_FIRST_LINE_RECORD = re.compile(_HEADER)
_BLANK = re.compile(r"^\s*(?:#.*)?$")
# Slices of about 50 meetings: the raw tables of one slice interleave in memory with the
# records kept, and the holes they leave stay (500 a slice kept 123 MB instead of 98).
SLICE_CHARS = 200_000


class Unsliceable(Exception):
    """A slice held something other than arrays of tables: read the file whole."""


def _record_at(text: str, position: int) -> int | None:
    """The start of the first record header line at or after `position`."""
    if position == 0 and _FIRST_LINE_RECORD.match(text):
        return 0
    found = _RECORD.search(text, max(position - 1, 0))
    return None if found is None else found.start() + 1


def cut_points(text: str, size: int | None = None) -> list[int] | None:
    """Where to cut: 0, the starts of record header lines about `size` characters apart
    (SLICE_CHARS by default), and the text's end; None when there is no record header or
    something other than comments before the first one (a top-level key or a `[table]`)."""
    size = size or SLICE_CHARS
    first = _record_at(text, 0)
    if first is None or not all(_BLANK.match(line) for line in text[:first].splitlines()):
        return None
    cuts = [0]
    found = _record_at(text, first + size)
    while found is not None:
        cuts.append(found)
        found = _record_at(text, found + size)
    cuts.append(len(text))
    return cuts


def slices(text: str, cuts: list[int]) -> Iterator[str]:
    """The text between consecutive cut points, each cut only when it is asked for."""
    for start, end in itertools.pairwise(cuts):
        yield text[start:end]


def parse_slice(piece: str) -> dict[str, Any]:
    """One slice's tables; raises when it does not parse or is not arrays of tables."""
    data: dict[str, Any] = toml_rs.loads(piece, toml_version="1.0.0")  # as a whole file
    if not all(type(value) is list for value in data.values()):
        raise Unsliceable
    return data


def validate_slices(text: str, cuts: list[int]) -> DatasetFile:
    """The file's records, validated slice by slice; raises on any error (the caller then
    reads the file whole, for the messages)."""
    records: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    for piece in slices(text, cuts):
        data = parse_slice(piece)
        content = DATASET_FILE.validate_python(data)
        for section in SECTIONS:
            records[section].extend(getattr(content, section))
        del data, content  # the raw tables of this slice go before the next is parsed
    merged = DatasetFile()
    for section, items in records.items():
        setattr(merged, section, items)  # every record was validated above
    return merged
