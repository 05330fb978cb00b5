"""One file, read, parsed and validated: its records and where each key is, for messages.

`parse_file` reads a file once (files.FileSnapshot), in slices when it is large
(chunked.py, with the helper process of slicing.py), whole otherwise, and validates its
tables into a `DatasetFile`; every problem it finds comes back located (file, line,
field).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atctui.errors import DataError, Problem, short_repr
from atctui.loading.files import DEFAULT_MAX_BYTES, FileSnapshot, Part, checksum, paused_gc
from atctui.model import (
    DatasetFile,
    dataset_file_adapter,
    record_class_in,
    record_fields,
    sharing_plan,
)

if TYPE_CHECKING:
    from atctui.loading.locate import KeyLines

# The TOML parsers, the key-line scanner and the slicer are imported where a file is
# parsed: the bundled data usually opens from its compiled records without them.


@dataclass
class ParsedFile:
    """One file's validated records, and what a message about them needs: its path, and its
    text (or, for a file read in slices, the version that was read)."""

    path: str
    content: DatasetFile
    # The text that was parsed, for a file read whole; a file read in slices is read
    # again by name for a message, and only while its name holds that same version.
    text: str | None = None
    version: FileSnapshot | None = None
    sha256: str = ""  # of the bytes that were read
    _lines: KeyLines | None = None

    @property
    def lines(self) -> KeyLines:
        """Key lines, scanned only when a message needs one: the scan of a large file
        costs as much as its validation, and valid files never need it."""
        if self._lines is None:
            from atctui.loading.locate import KeyLines

            self._lines = KeyLines(self.text if self.text is not None else self._read_again())
        return self._lines

    def _read_again(self) -> str:
        """The text of a file read in slices, read again by name for a message, when the
        name still holds that version (and is still a regular file: opened as any data
        file is, so a FIFO swapped in meanwhile is refused, not waited on); else none."""
        try:
            with FileSnapshot(Path(self.path)) as again:
                if self.version is not None and not self.version.same_version(again):
                    return ""
                return again.read().decode("utf-8", errors="replace")
        except DataError:
            return ""


def decode(name: str, raw: bytes) -> str:
    """A file's bytes as text; raise DataError when they are not UTF-8 text."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x})"
        raise DataError([Problem(name, message, line, column)]) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise DataError([Problem(name, "binary data (NUL byte), not a TOML file", line)])
    return text


def parse_text(name: str, text: str) -> dict[str, Any]:
    """The text's tables; raise DataError with a located message when it is not TOML
    or holds no record."""
    from atctui.loading.toml import TomlSyntaxError, loads

    try:
        data = loads(text)
    except TomlSyntaxError as exc:
        problem = Problem(name, f"TOML syntax: {exc.message}", exc.line, exc.column)
        raise DataError([problem]) from None
    if not data:
        what = "empty file" if not text.strip() else "no tables or keys, only comments"
        raise DataError([Problem(name, f"{what}: a dataset file holds at least one record")])
    return data


# Files this large are parsed and validated a slice of records at a time (chunked.py),
# so that their raw tables never all exist at once; smaller files are read whole.
LARGE_FILE = 2_000_000  # bytes


# A file changed while it was read is read again, this many times at most.
READ_ATTEMPTS = 3


def parse_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> ParsedFile:
    """Read, parse and validate one file; raise DataError with every located problem.
    A file that no longer holds what was read of it is read again."""
    for _ in range(READ_ATTEMPTS):
        with FileSnapshot(path, max_bytes) as snapshot:
            parsed, parts = _parse_snapshot(snapshot)
            # Hashed before the check: when the file still holds what was parsed, the
            # hash is of the bytes the records came from.
            parsed.sha256 = parsed.sha256 or snapshot.sha256()
            if not snapshot.changed(parts):
                return parsed
    message = "the file changed while it was read, each time: try again when it is written"
    raise DataError([Problem(str(path), message)])


def _parse_snapshot(snapshot: FileSnapshot) -> tuple[ParsedFile, list[Part]]:
    """Parse and validate an open file: in slices when it is large and can be cut, whole
    otherwise (and always whole for the located messages of a file that fails); and the
    parts of it read, by checksum, for `FileSnapshot.changed`."""
    name = str(snapshot.path)
    with paused_gc():
        if snapshot.size >= LARGE_FILE:
            from atctui.loading.chunked import load_in_slices

            sliced = load_in_slices(snapshot)
            if sliced is not None:
                return ParsedFile(name, sliced[0], version=snapshot), sliced[1]
        raw = snapshot.read()
        text = decode(name, raw)  # whole: small, not cut, or for the messages
        data = parse_text(name, text)
        from pydantic import ValidationError

        from atctui.loading.locate import KeyLines
        from atctui.loading.slicing import share

        share([data], sharing_plan())  # ids and names: one string each

        try:
            content = dataset_file_adapter().validate_python(data)
        except ValidationError as exc:
            lines = KeyLines(text)
            problems = [_schema_problem(name, lines, error) for error in exc.errors()]
            raise DataError(problems) from None
    import hashlib

    parsed = ParsedFile(name, content, text=text, sha256=hashlib.sha256(raw).hexdigest())
    return parsed, [Part(0, len(raw), checksum(raw))]


def _schema_problem(name: str, lines: KeyLines, error: Any) -> Problem:
    from atctui.loading.locate import dotted

    loc: tuple[str | int, ...] = tuple(error["loc"])
    message: str = error["msg"]
    kind = error["type"]
    if kind in ("extra_forbidden", "unexpected_keyword_argument"):
        known = _fields_at(loc[:-1])
        message = f"unknown field '{loc[-1]}'"
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        if close:
            message += f" (did you mean '{close[0]}'?)"
        elif known:
            message += f"; known fields: {', '.join(sorted(known))}"
    elif kind in ("missing", "missing_keyword_argument"):
        message = f"missing required field '{loc[-1]}'"
    elif kind == "literal_error":
        message = f"{message}, got {_short(error['input'])}"
    elif kind.endswith("_type"):
        if kind == "tuple_type":  # evidence is held in tuples; in TOML it is a list
            message = "Input should be a valid list"
        got = type(error["input"]).__name__
        message = f"{message.rstrip('.')}, got {got} {_short(error['input'])}"
    elif kind == "string_pattern_mismatch":
        pattern = str(error["ctx"]["pattern"])
        if pattern.startswith("^https?"):
            message = f"{short_repr(error['input'], 90)} is not a web address: write https://…"
        elif pattern == r"\S":
            message = f"{short_repr(error['input'], 90)} is blank: write the name itself"
        elif pattern.startswith("^[a-z]{2,3}$"):
            message = f"{short_repr(error['input'], 90)} is not a language code: write en, ru, …"
        else:
            form = "kind:id, such as meeting:x-2017" if ":" in pattern else (
                "lowercase letters, digits and '-', such as x-2017"
            )  # fmt: skip
            message = f"{short_repr(error['input'], 90)} is not an id: write {form}"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return Problem(name, message, lines.line_of(loc), field=dotted(loc) or None)


def _short(value: object) -> str:
    """A value as a message quotes it: at most 40 characters, however deep or long."""
    return short_repr(value)


def _fields_at(loc: Sequence[str | int]) -> list[str]:
    """Field names of the model found at `loc` inside a DatasetFile."""
    model: Any = DatasetFile
    for part in loc:
        if isinstance(part, int):
            continue
        field = record_fields(model).get(part)
        if field is None:
            return []
        model = record_class_in(field)
    return list(record_fields(model))
