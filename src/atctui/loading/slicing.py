"""Cut a large dataset file into slices of records, parse them, and share their strings;
run by `chunked.helper_command` (FD SIZE END), the helper process that does this for
`chunked.py` and writes the parsed slices to its standard output.

Cut only at lines that are `[[section]]` headers, the file is a run of small TOML
documents whose arrays of tables, concatenated section by section, are what the whole
file parses to, provided that nothing but comments comes before the first record header,
and that every slice parses and holds only arrays of tables at its top level. What could
make a slice mean something else breaks one of those: a cut inside a multi-line string
or array leaves the slice before it unterminated (a parse error), and a subtable away
from its record (`[[meetings.attendances]]` at the start of a slice) makes its section a
table. On any of these the file is read whole, so messages are always the whole file's.

This module imports neither Pydantic nor the model, so that the helper starts fast.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import os
import re
import sys
import zlib
from collections.abc import Iterator
from typing import Any

from atctui.loading.toml import fast_loads

# A record header line, such as `[[meetings]]`, found by its literal "\n[[" (fast in `re`).
_HEADER = r"\[\[[ \t]*[A-Za-z0-9_-]+[ \t]*\]\][ \t]*(?:#[^\n]*)?\r?(?=\n|\Z)"
_RECORD = re.compile("\n" + _HEADER)
_FIRST_LINE_RECORD = re.compile(_HEADER)
_RECORD_BYTES = re.compile(_RECORD.pattern.encode())
_BLANK = re.compile(r"^\s*(?:#.*)?$")
# Slices of about 50 meetings: the raw tables of one slice interleave in memory with the
# records kept, and the holes they leave stay (larger slices kept more memory).
SLICE_CHARS = 200_000

# Which fields of a kind of table hold strings to share, and which hold tables of which
# kind: derived from the model by `model.sharing_plan`.
SharingPlan = tuple[tuple[str, ...], tuple[tuple[str, Any], ...]]

# A frame is its length in 8 bytes, then the slice's tables as marshal data; a length of
# 0 means that the helper failed, and END that it sent every slice; after END come 8
# bytes, the CRC-32 of the bytes it read (the parent compares it with the file after the
# load, to tell a file rewritten meanwhile).
FAILED, END = 0, (1 << 64) - 1


class Unsliceable(Exception):
    """The file cannot be read in slices (no cut points, a slice that is not only arrays
    of tables, a helper that failed): read it whole."""


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
    if first is None or not all(_BLANK.match(line) for line in text[:first].split("\n")):
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


def read_bytes(fd: int, end: int) -> bytes:
    """The open file's bytes up to byte `end`."""
    parts = []
    position = 0
    while position < end:
        chunk = os.pread(fd, min(end - position, 1 << 26), position)
        if not chunk:
            break
        parts.append(chunk)
        position += len(chunk)
    return b"".join(parts)


def slices_of(raw: bytes, size: int | None = None) -> Iterator[str]:
    """The text of `raw` in slices; raises when it is not UTF-8 or cannot be cut."""
    return text_slices(raw.decode("utf-8"), size)


def text_slices(text: str, size: int | None = None) -> Iterator[str]:
    """The text in slices; raises Unsliceable when it cannot be cut."""
    cuts = cut_points(text, size)
    if cuts is None:
        raise Unsliceable
    return slices(text, cuts)


def records_from(raw: bytes) -> int | None:
    """Where the first record header line in `raw` starts (after a newline in `raw`: its
    first byte may be in the middle of a line, such as a comment), or None."""
    found = _RECORD_BYTES.search(raw)
    return None if found is None else found.start() + 1


def parse_slice(piece: str, plan: SharingPlan) -> dict[str, Any]:
    """One slice's tables, their shared strings interned; raises when it does not parse
    or is not arrays of tables."""
    data = fast_loads(piece)  # as a whole file; deep nesting cannot crash it
    if not all(type(value) is list for value in data.values()):
        raise Unsliceable
    share([data], plan)
    return data


def share(tables: list[Any], plan: SharingPlan) -> None:
    """Intern, in place, the strings of the plan's fields in the tables and the tables
    nested in them. Anything not shaped as the plan expects is passed over: validation
    reports it."""
    # Field by field over all the tables of one kind (every attendance of a slice, then
    # every citation of those), not table by table: a call per table, over the many tables
    # of a large file, cost more than the interning.
    intern = sys.intern
    shared, nested = plan
    tables = [table for table in tables if type(table) is dict]
    for name in shared:
        for table in tables:
            value = table.get(name)
            if type(value) is str:
                table[name] = intern(value)
            elif type(value) is list:  # a list of ids
                table[name] = [intern(v) if type(v) is str else v for v in value]
    for name, inner in nested:
        inner_tables: list[Any] = []
        for table in tables:
            value = table.get(name)
            if type(value) is list:
                inner_tables += value
            elif type(value) is dict:
                inner_tables.append(value)
        if inner_tables:
            share(inner_tables, inner)


def main(argv: list[str]) -> int:
    """The helper: the plan comes on standard input, the frames go to standard output."""
    out = sys.stdout.buffer
    with contextlib.suppress(ImportError, AttributeError, OSError):
        import fcntl  # Linux: a 1 MB pipe (a user's limit) lets the helper run slices ahead

        fcntl.fcntl(out.fileno(), fcntl.F_SETPIPE_SZ, 1 << 20)
    try:
        plan = marshal.loads(sys.stdin.buffer.read())
        raw = read_bytes(int(argv[0]), int(argv[2]))
        for piece in slices_of(raw, int(argv[1])):
            frame = marshal.dumps(parse_slice(piece, plan))
            out.write(len(frame).to_bytes(8, "little") + frame)
        out.write(END.to_bytes(8, "little") + zlib.crc32(raw).to_bytes(8, "little"))
        out.flush()
    except Exception:  # any failure: the parent reads the file whole
        with contextlib.suppress(OSError):  # the parent may have stopped reading
            out.write(FAILED.to_bytes(8, "little"))
            out.flush()
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
