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

import contextlib
import fcntl
import itertools
import marshal
import os
import re
import sys
import threading
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any

import toml_rs
from pydantic import ValidationError

from atctui.model import DATASET_FILE, SECTIONS, DatasetFile, share_strings

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
    """One slice's tables, ids and names interned; raises when it does not parse or is
    not arrays of tables."""
    data: dict[str, Any] = toml_rs.loads(piece, toml_version="1.0.0")  # as a whole file
    if not all(type(value) is list for value in data.values()):
        raise Unsliceable
    share_strings(data)
    return data


def helper_can_parse() -> bool:
    """Whether slices can be parsed by a forked helper process on another core: on Linux,
    with more than one core, and with no other thread running (a fork copies only the
    calling thread, and a lock held by another would stay held in the copy)."""
    return (
        sys.platform == "linux"
        and len(os.sched_getaffinity(0)) > 1
        and threading.active_count() == 1
    )


def _slices_of(path: Path) -> Iterator[str]:
    """The file's text in slices; raises when it cannot be read or cut."""
    text = path.read_bytes().decode("utf-8")
    cuts = cut_points(text)
    if cuts is None:
        raise Unsliceable
    return slices(text, cuts)


# A frame is its length in 8 bytes, then the slice's tables as marshal data; a length of
# 0 means that the helper failed, and END that it sent every slice.
_FAILED, _END = 0, (1 << 64) - 1


def parsed_slices(path: Path) -> Generator[dict[str, Any], None, None]:
    """Each slice's tables (`parse_slice`), parsed here or by a helper process; raises on
    any failure."""
    if not helper_can_parse():
        for piece in _slices_of(path):
            yield parse_slice(piece)
        return
    # The helper reads the file, parses the slices and interns their strings while this
    # process validates the slices before them, and never holds the file's text. Marshal
    # data loads in about half the time a parse takes, and keeps interned strings so.
    read_end, write_end = os.pipe()
    with contextlib.suppress(OSError):  # 1 MB (a user's limit) lets it run slices ahead
        fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 1 << 20)
    pid = os.fork()
    if pid == 0:  # the helper
        status = 1
        try:
            os.close(read_end)
            with open(write_end, "wb") as out:
                try:
                    for piece in _slices_of(path):
                        frame = marshal.dumps(parse_slice(piece))
                        out.write(len(frame).to_bytes(8, "little") + frame)
                    out.write(_END.to_bytes(8, "little"))
                except Exception:  # any failure: the parent reads the file whole
                    out.write(_FAILED.to_bytes(8, "little"))
            status = 0
        finally:
            os._exit(status)  # no atexit handlers, no flushing of the parent's buffers
    os.close(write_end)
    try:
        with open(read_end, "rb") as stream:
            while (size := int.from_bytes(stream.read(8) or bytes(8), "little")) != _END:
                frame = stream.read(size) if size else b""
                if not frame or len(frame) != size:
                    raise Unsliceable  # a failed slice, or a helper that died
                yield marshal.loads(frame)
    finally:
        os.waitpid(pid, 0)  # the helper ends at once when its pipe closes


def load_in_slices(path: Path) -> DatasetFile | None:
    """The file's records, parsed and validated slice by slice; None when it cannot be
    cut or anything fails (the caller then reads it whole, for the messages)."""
    records: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    try:
        with contextlib.closing(parsed_slices(path)) as tables:
            for data in tables:
                content = DATASET_FILE.validate_python(data)
                for section in SECTIONS:
                    records[section].extend(getattr(content, section))
                del data, content  # a slice's raw tables go before the next is parsed
    except (OSError, UnicodeDecodeError, toml_rs.TOMLDecodeError, ValidationError, Unsliceable):
        return None
    merged = DatasetFile()
    for section, items in records.items():
        setattr(merged, section, items)  # every record was validated above
    return merged
