"""Load TOML dataset files into a validated, merged, reference-checked `Dataset`."""

from __future__ import annotations

import difflib
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atctui.dataset import Dataset
from atctui.errors import DataError, Problem, short_repr
from atctui.model import (
    SECTIONS,
    DatasetFile,
    dataset_file_adapter,
    record_class_in,
    record_fields,
    sharing_plan,
)
from atctui.snapshot import DEFAULT_MAX_BYTES, FileSnapshot

if TYPE_CHECKING:
    from atctui.locate import KeyLines

# The TOML parsers, the key-line scanner and the slicer are imported where a file is
# parsed: the bundled data usually opens from its compiled records without them.


def bundled_data_path() -> Path:
    """The dataset shipped inside the package (or the repository's, when run from source)."""
    # Beside this module, as pip installs the wheel (importlib.resources costs 7 ms of
    # imports at start-up to find the same file).
    packaged = Path(__file__).parent / "data" / "meetings.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "meetings.toml"


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to load, in order: directories give their *.toml files, sorted. Whether each
    can be read (a broken link, a FIFO, a missing file) is said when it is opened."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.is_dir():
            # Links among them too, even broken or looping ones: reading them says why
            # they cannot be read, where skipping them would leave records out unsaid.
            found = sorted(p for p in path.rglob("*.toml") if not p.is_dir())
            if not found:
                problems.append(Problem(str(path), "directory holds no .toml files"))
        elif path.exists() or path.is_symlink():
            found = [path]
        else:
            problems.append(Problem(str(path), "no such file or directory"))
            continue
        for file in found:
            real = os.path.realpath(file)  # never raises, even on a link loop
            if real in seen:
                problems.append(Problem(str(file), f"loaded twice (also given as {seen[real]})"))
                continue
            seen[real] = file
            files.append(file)
    return files, problems


@contextmanager
def paused_gc() -> Iterator[None]:
    """Loading makes millions of objects, none of them in cycles; the cyclic collector
    would scan them again and again (half of validation's time at 10,000 meetings).
    Freezing them afterwards spares that scan when collection resumes, and later, in the
    app, every full collection (they are still freed by reference counting)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


@dataclass
class ParsedFile:
    path: str
    content: DatasetFile
    # The text that was parsed, for a file read whole; a file read in slices is read
    # again by name for a message, and only while its name holds that same version.
    text: str | None = None
    version: FileSnapshot | None = None
    _lines: KeyLines | None = None

    @property
    def lines(self) -> KeyLines:
        """Key lines, scanned only when a message needs one: the scan of a large file
        costs as much as its validation, and valid files never need it."""
        if self._lines is None:
            from atctui.locate import KeyLines

            text = self.text
            if text is None:
                path = Path(self.path)
                same = self.version is None or self.version.same_file(path)
                text = path.read_text("utf-8", errors="replace") if same else ""
            self._lines = KeyLines(text)
        return self._lines


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
    from atctui.tomlparse import TomlSyntaxError, loads

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
    """Read, parse and validate one file; raise DataError with every located problem."""
    for _ in range(READ_ATTEMPTS):
        with FileSnapshot(path, max_bytes) as snapshot:
            parsed = _parse_snapshot(snapshot)
            if not snapshot.changed():
                return parsed
    message = "the file changed while it was read, each time: try again when it is written"
    raise DataError([Problem(str(path), message)])


def _parse_snapshot(snapshot: FileSnapshot) -> ParsedFile:
    name = str(snapshot.path)
    with paused_gc():
        if snapshot.size >= LARGE_FILE:
            from atctui.chunked import load_in_slices

            content = load_in_slices(snapshot)
            if content is not None:
                return ParsedFile(name, content, version=snapshot)
        text = decode(name, snapshot.read())  # whole: small, not cut, or for the messages
        data = parse_text(name, text)
        from pydantic import ValidationError

        from atctui.locate import KeyLines
        from atctui.slicing import share

        share([data], sharing_plan())  # ids and names: one string each

        try:
            content = dataset_file_adapter().validate_python(data)
        except ValidationError as exc:
            lines = KeyLines(text)
            problems = [_schema_problem(name, lines, error) for error in exc.errors()]
            raise DataError(problems) from None
    return ParsedFile(name, content, text=text)


def _schema_problem(name: str, lines: KeyLines, error: Any) -> Problem:
    from atctui.locate import dotted

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
        form = "kind:id, such as meeting:x-2017" if ":" in str(error["ctx"]["pattern"]) else (
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


def load(
    paths: Iterable[Path | str] | None = None,
    *,
    compiled: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Dataset:
    """Load and merge the given files and directories (the bundled dataset when none,
    from its compiled records when they match its text and `compiled` allows); a file
    over `max_bytes` is refused unread."""
    if compiled and not paths:
        with paused_gc():
            content = _compiled_bundle(bundled_data_path())
        if content is not None:
            # Compiled only from a file that loaded, its references checked, and only used
            # while the text and the code that checked it are unchanged (bundled.key).
            return Dataset(content, [])
    given = [Path(p) for p in paths] if paths else [bundled_data_path()]
    files, problems = expand_paths(given)
    parsed: list[ParsedFile] = []
    for file in files:
        try:
            parsed.append(parse_file(file, max_bytes))
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    # paths: what the user gave, empty for the bundled dataset (exports name it so).
    with paused_gc():
        return build_dataset(parsed, [str(p) for p in paths] if paths else [])


def _compiled_bundle(path: Path) -> DatasetFile | None:
    from atctui.bundled import read_compiled

    return read_compiled(path)


def build_dataset(parsed: list[ParsedFile], paths: list[str]) -> Dataset:
    """Merge parsed files, reporting duplicate ids and unknown references with places."""
    from atctui.references import check_references

    merged = DatasetFile()
    origins: dict[tuple[str, str], tuple[str, int]] = {}
    problems: list[Problem] = []
    by_path = {pf.path: pf for pf in parsed}
    for pf in parsed:
        for section, singular in SECTIONS.items():
            for index, record in enumerate(getattr(pf.content, section)):
                key = (singular, record.id)
                if key in origins:
                    first_path, first_index = origins[key]
                    first_line = by_path[first_path].lines.line_of((section, first_index))
                    where = f"{first_path}:{first_line}" if first_line else first_path
                    problems.append(
                        Problem(
                            pf.path,
                            f"duplicate {singular} id '{record.id}' (first defined at {where})",
                            pf.lines.line_of((section, index, "id")),
                            field=f"{section}[{index}].id",
                        )
                    )
                    continue
                origins[key] = (pf.path, index)
                getattr(merged, section).append(record)
    problems.extend(check_references(merged, origins, by_path))
    if problems:
        raise DataError(problems)
    return Dataset(merged, paths)
