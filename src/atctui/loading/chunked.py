"""Parse and validate a large dataset file a slice of records at a time (the cutting is
`slicing.py`'s).

Parsing a large file gives dicts and strings many times its size; kept whole while Pydantic
builds the records, they set the peak memory of opening the file. Slice by slice, they
never all exist at once.

With more than one core, a helper process (`python -m atctui.loading.slicing`) reads the file
and parses the slices while this process validates them: parsing and validating take
about the same time, so on two cores a large file loads in much less time than one
process doing both. It sends each slice as marshal data, which loads faster than a parse
and keeps interned strings interned. It is a new interpreter, not a fork: it starts fast
without Pydantic, and shares no pages with this process (a fork's copy-on-write faults
slowed this process down on a second load). While it starts, this process parses and
validates the file's last few megabytes itself.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import toml_rs
from pydantic import ValidationError  # this module is imported for large files only

from atctui.loading import slicing
from atctui.loading.files import FileSnapshot, Part, checksum
from atctui.loading.slicing import END, SharingPlan, Unsliceable
from atctui.model import SECTIONS, DatasetFile, dataset_file_adapter, sharing_plan

# The helper runs isolated (-I): nothing from the current directory, PYTHONPATH or the
# user's site-packages is imported, only atctui from where this process found it.
_HELPER_BOOT = (
    "import sys; sys.path.insert(0, sys.argv[1]); import atctui.loading.slicing as s; "
    "sys.exit(s.main(sys.argv[2:]))"
)


def helper_command(fd: int, end: int) -> list[str]:
    """The helper's command line: it reads the open file `fd` up to byte `end`."""
    package_parent = str(Path(slicing.__file__).resolve().parents[2])
    return [
        sys.executable, "-I", "-c", _HELPER_BOOT, package_parent,
        str(fd), str(slicing.SLICE_CHARS), str(end),
    ]  # fmt: skip


# The part of a file this process parses itself while the helper starts: work enough to
# cover the helper's start and the slices its pipe holds meanwhile.
TAIL_BYTES = 4_000_000

Records = dict[str, list[Any]]


def helper_can_parse() -> bool:
    """Whether a helper process can parse on another core than this one's."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return (len(cores) if cores is not None else os.cpu_count() or 1) > 1


def _validated(tables: Iterable[dict[str, Any]]) -> Records:
    """The records of the slices' tables, section by section; raises on any error."""
    records: Records = {section: [] for section in SECTIONS}
    adapter = dataset_file_adapter()
    for data in tables:
        content = adapter.validate_python(data)
        for section in SECTIONS:
            records[section].extend(getattr(content, section))
        del data, content  # a slice's raw tables go before the next is parsed
    return records


class HelperFrames:
    """The slices' tables as the helper process sends them, then the checksum of the bytes
    it read (`checksum`, once every frame is read)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.checksum: int | None = None

    def __iter__(self) -> Iterator[dict[str, Any]]:
        """Each slice's tables, up to the helper's END; raises Unsliceable at a failed or
        cut-short frame."""
        stream = self.stream
        while (size := int.from_bytes(stream.read(8) or bytes(8), "little")) != END:
            frame = stream.read(size) if size else b""
            if not frame or len(frame) != size:
                raise Unsliceable  # a failed slice, or a helper that did not start or died
            yield marshal.loads(frame)
        crc = stream.read(8)
        if len(crc) != 8:
            raise Unsliceable
        self.checksum = int.from_bytes(crc, "little")


@contextlib.contextmanager
def _helper(fd: int, end: int, plan: SharingPlan) -> Iterator[HelperFrames]:
    """A helper process parsing the open file `fd` up to byte `end` (the very file this
    process reads, whatever happens to its name), and its slices' tables as it sends
    them; raises on any failure, and leaves no process behind."""
    helper = subprocess.Popen(
        helper_command(fd, end),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        pass_fds=(fd,),
    )
    assert helper.stdin is not None and helper.stdout is not None
    stream = helper.stdout
    try:
        with helper.stdin:
            helper.stdin.write(marshal.dumps(plan))
        yield HelperFrames(stream)
    finally:
        stream.close()  # a helper still writing stops at once
        with contextlib.suppress(ProcessLookupError):
            helper.kill()
        helper.wait()


def _sliced(snapshot: FileSnapshot, plan: SharingPlan) -> tuple[Records, list[Part]]:
    """Every record of the file, read in slices, and the parts read (by checksum);
    raises on any failure."""
    if not helper_can_parse():
        raw = snapshot.read()
        pieces = slicing.text_slices(raw.decode("utf-8"))
        records = _validated(slicing.parse_slice(p, plan) for p in pieces)
        return records, [Part(0, len(raw), checksum(raw))]
    size = snapshot.size
    position = max(size - TAIL_BYTES, size // 2)
    tail = snapshot.read(position)
    start = slicing.records_from(tail)  # the tail is whole records, from a header on
    split = position + len(tail) if start is None else position + start
    parts = [Part(split, position + len(tail), checksum(tail[split - position :]))]
    with _helper(snapshot.fd, split, plan) as frames:
        tail_records: Records = {section: [] for section in SECTIONS}
        if start is not None:
            pieces = slicing.text_slices(tail[start:].decode("utf-8"))
            tail_records = _validated(slicing.parse_slice(p, plan) for p in pieces)
        del tail
        records = _validated(frames)
        if frames.checksum is None:
            raise Unsliceable
        parts.append(Part(0, split, frames.checksum))
    for section in SECTIONS:
        records[section] += tail_records[section]
    return records, parts


def load_in_slices(snapshot: FileSnapshot) -> tuple[DatasetFile, list[Part]] | None:
    """The file's records, parsed and validated slice by slice, and the parts of the file
    read (by checksum); None when it cannot be cut or anything fails (the caller then
    reads it whole, for the messages)."""
    try:
        records, parts = _sliced(snapshot, sharing_plan())
    except (OSError, UnicodeDecodeError, toml_rs.TOMLDecodeError, ValidationError, Unsliceable):
        return None
    merged = DatasetFile()
    for section, items in records.items():
        setattr(merged, section, items)  # every record was validated above
    return merged, parts
