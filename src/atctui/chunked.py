"""Parse and validate a large dataset file a slice of records at a time (the cutting is
`slicing.py`'s).

Parsing a 49 MB file gives about 570 MB of dicts and strings; kept whole while Pydantic
builds the records, they set the peak memory of opening the file. Slice by slice, they
never all exist at once.

With more than one core, a helper process (`python -m atctui.slicing`) reads the file
and parses the slices while this process validates them: parsing and validating take
about the same time, so on two cores 10,000 meetings load in 0.9 s instead of 1.3 s.
It sends each slice as marshal data, which loads in about half the time a parse takes
and keeps interned strings interned. It is a new interpreter, not a fork: it starts in
30 ms without Pydantic, and shares no pages with this process (a fork's copy-on-write
faults cost this process about 0.1 s on a second load).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import subprocess
import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import toml_rs
from pydantic import ValidationError

from atctui import slicing
from atctui.model import DATASET_FILE, SECTIONS, DatasetFile, sharing_plan
from atctui.slicing import END, Unsliceable


def helper_can_parse() -> bool:
    """Whether a helper process can parse on another core than this one's."""
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return (len(cores) if cores is not None else os.cpu_count() or 1) > 1


def parsed_slices(path: Path) -> Generator[dict[str, Any], None, None]:
    """Each slice's tables (`slicing.parse_slice`), parsed here or by a helper process;
    raises on any failure."""
    plan = sharing_plan()
    if not helper_can_parse():
        for piece in slicing.slices_of(path):
            yield slicing.parse_slice(piece, plan)
        return
    helper = subprocess.Popen(
        [sys.executable, "-m", "atctui.slicing", str(path), str(slicing.SLICE_CHARS)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert helper.stdin is not None and helper.stdout is not None
    try:
        with helper.stdin:
            helper.stdin.write(marshal.dumps(plan))
        stream = helper.stdout
        while (size := int.from_bytes(stream.read(8) or bytes(8), "little")) != END:
            frame = stream.read(size) if size else b""
            if not frame or len(frame) != size:
                raise Unsliceable  # a failed slice, or a helper that did not start or died
            yield marshal.loads(frame)
    finally:
        helper.stdout.close()  # a helper still writing stops at once
        with contextlib.suppress(ProcessLookupError):
            helper.kill()
        helper.wait()


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
