"""Load TOML dataset files into a validated, merged, reference-checked `Dataset`."""

from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from atctui.dataset import Dataset
from atctui.errors import DataError, Problem
from atctui.model import (
    SECTIONS,
    DatasetFile,
    dataset_file_adapter,
    record_class_in,
    record_fields,
    sharing_plan,
)

if TYPE_CHECKING:
    from atctui.locate import KeyLines

# The TOML parsers, the key-line scanner and the slicer are imported where a file is
# parsed: the bundled data usually opens from its compiled records without them.

_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_END = re.compile(r"\(at end of document\)")


def bundled_data_path() -> Path:
    """The dataset shipped inside the package (or the repository's, when run from source)."""
    # Beside this module, as pip installs the wheel (importlib.resources costs 7 ms of
    # imports at start-up to find the same file).
    packaged = Path(__file__).parent / "data" / "meetings.toml"
    if packaged.is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "meetings.toml"


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to load, in order: directories give their *.toml files, sorted."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: dict[Path, Path] = {}
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*.toml") if p.is_file())
            if not found:
                problems.append(Problem(str(path), "directory holds no .toml files"))
        elif path.exists():
            found = [path]
        else:
            problems.append(Problem(str(path), "no such file or directory"))
            continue
        for file in found:
            real = file.resolve()
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
    _lines: KeyLines | None = None

    @property
    def lines(self) -> KeyLines:
        """Key lines, scanned only when a message needs one: the scan of a large file
        costs as much as its validation, and valid files never need it."""
        if self._lines is None:
            from atctui.locate import KeyLines

            text = Path(self.path).read_text(encoding="utf-8", errors="replace")
            self._lines = KeyLines(text)
        return self._lines


def parse_toml(text: str) -> dict[str, Any]:
    """Parse with toml-rs (15x tomllib here); on any error, parse again with tomllib,
    whose messages and positions are the ones atctui reports and tests."""
    import tomllib

    import toml_rs

    try:
        data: dict[str, Any] = toml_rs.loads(text, toml_version="1.0.0")
        return data
    except toml_rs.TOMLDecodeError:
        return tomllib.loads(text)


def read_text(path: Path) -> str:
    """A file's text; raise DataError when it cannot be read or is not UTF-8 text."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except PermissionError:
        raise DataError([Problem(name, "permission denied: cannot read the file")]) from None
    except OSError as exc:
        raise DataError([Problem(name, f"cannot read the file: {exc.strerror}")]) from None
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
    import tomllib

    try:
        data = parse_toml(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([syntax_problem(name, text, str(exc))]) from None
    if not data:
        what = "empty file" if not text.strip() else "no tables or keys, only comments"
        raise DataError([Problem(name, f"{what}: a dataset file holds at least one record")])
    return data


def syntax_problem(name: str, text: str, message: str) -> Problem:
    position = _TOML_POSITION.search(message)
    bare = _TOML_POSITION.sub("", _TOML_END.sub("", message)).strip()
    if position:
        return Problem(name, f"TOML syntax: {bare}", int(position[1]), int(position[2]))
    line = text.count("\n") + 1
    return Problem(name, f"TOML syntax: {bare}", line)


# Files this large are parsed and validated a slice of records at a time (chunked.py),
# so that their raw tables never all exist at once; smaller files are read whole.
LARGE_FILE = 2_000_000  # bytes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_text says what is wrong


def parse_file(path: Path) -> ParsedFile:
    with paused_gc():
        if _size(path) >= LARGE_FILE:
            from atctui.chunked import load_in_slices

            content = load_in_slices(path)
            if content is not None:
                return ParsedFile(str(path), content)
        text = read_text(path)  # read whole: small, not cut, or for the located messages
        data = parse_text(str(path), text)
        from pydantic import ValidationError

        from atctui.locate import KeyLines
        from atctui.slicing import share

        share([data], sharing_plan())  # ids and names: one string each

        try:
            content = dataset_file_adapter().validate_python(data)
        except ValidationError as exc:
            lines = KeyLines(text)
            problems = [_schema_problem(str(path), lines, error) for error in exc.errors()]
            raise DataError(problems) from None
    return ParsedFile(str(path), content)


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
        message = f"{message}, got {error['input']!r}"
    elif kind.endswith("_type"):
        if kind == "tuple_type":  # evidence is held in tuples; in TOML it is a list
            message = "Input should be a valid list"
        got = type(error["input"]).__name__
        message = f"{message.rstrip('.')}, got {got} {_short(error['input'])}"
    elif kind == "string_pattern_mismatch":
        form = "kind:id, such as meeting:x-2017" if ":" in str(error["ctx"]["pattern"]) else (
            "lowercase letters, digits and '-', such as x-2017"
        )  # fmt: skip
        message = f"{error['input']!r} is not an id: write {form}"
    elif message.startswith("Value error, "):
        message = message.removeprefix("Value error, ")
    return Problem(name, message, lines.line_of(loc), field=dotted(loc) or None)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


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


def load(paths: Iterable[Path | str] | None = None, *, compiled: bool = True) -> Dataset:
    """Load and merge the given files and directories (the bundled dataset when none,
    from its compiled records when they match its text and `compiled` allows)."""
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
            parsed.append(parse_file(file))
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
