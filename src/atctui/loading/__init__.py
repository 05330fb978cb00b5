"""Loading: from the files a user names to one validated, merged `Dataset`.

The path a file takes:

    load(paths)                                           __init__.py
      │  no paths: the bundled data's compiled records,
      │  when their key matches its text ─────────────────▶ bundled.py (no Pydantic)
      ├─ expand_paths: folders give their *.toml files
      ├─ parse_file, per file                              parsed.py
      │    ├─ FileSnapshot: opened once, regular files only files.py
      │    ├─ 2 MB and more: in slices ────────────────────▶ chunked.py
      │    │     a helper process parses them (python -I)    slicing.py
      │    │     while this one validates them; any failure
      │    │     falls back to the whole read below
      │    ├─ whole: decode, parse (deep nesting safe) ─────▶ toml.py
      │    └─ validate (Pydantic); a problem is located ───▶ locate.py
      └─ build_dataset: merge, ids unique, references ─────▶ merge.py, references.py

Every problem of every file is collected and raised at once as a DataError.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from atctui.dataset import DataFile, Dataset
from atctui.errors import DataError, Problem
from atctui.loading.bundled import bundled_data_path, compiled_bundle
from atctui.loading.files import DEFAULT_MAX_BYTES, paused_gc

if TYPE_CHECKING:
    from atctui.loading.parsed import ParsedFile

# Parsing and merging (parsed.py, merge.py) are imported where a file is read: the
# bundled data usually opens from its compiled records without them.
__all__ = ["DEFAULT_MAX_BYTES", "bundled_data_path", "expand_paths", "load", "paused_gc"]


def _kind_of(path: Path) -> str | None:
    """'dir', 'file' (anything else that is there: opening it says what it is), or None
    when nothing is; an error other than "no such file" is a problem for the caller."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    try:
        return "dir" if stat.S_ISDIR(os.stat(path).st_mode) else "file"
    except OSError:  # a broken link, a loop, no permission: opening it says which
        return "file"


def _toml_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """A folder's *.toml files, in its subfolders too, sorted. A subfolder that cannot be
    read is a problem, never skipped unsaid; links among the files are kept (even broken
    or looping ones: reading them says why they cannot be read), links to folders are
    not followed. Walked with a stack, not recursion (Path.rglob and os.walk recurse: a
    tree 1,100 folders deep raised RecursionError), and every error is reported."""
    found: list[Path] = []
    folders = [str(folder)]
    while folders:
        current = folders.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False):
                        folders.append(entry.path)
                    elif entry.name.endswith(".toml"):
                        found.append(Path(entry.path))
        except OSError as error:
            problems.append(Problem(current, f"cannot read the folder: {error.strerror}"))
    files = []
    for path in sorted(found):
        if _kind_of(path) == "dir":  # a link to a folder: not followed, and said so
            problems.append(Problem(str(path), "a link to a folder, not followed"))
        else:
            files.append(path)
    return files


def expand_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    """Files to load, in order: folders give their *.toml files, sorted. Whether each can
    be read (a broken link, a FIFO, a missing file) is said when it is opened."""
    files: list[Path] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if not str(path) or str(path) != str(path).strip():
            problems.append(Problem(repr(str(path)), "not a file name"))
            continue
        try:
            kind = _kind_of(path)
        except OSError as exc:
            problems.append(Problem(str(path), f"cannot read it: {exc.strerror}"))
            continue
        if kind == "dir":
            found = _toml_files(path, problems)
            if not found:
                problems.append(Problem(str(path), "directory holds no .toml files"))
        elif kind == "file":
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
            compiled_ = compiled_bundle()
        if compiled_ is not None:
            # Compiled only from a file that loaded, its references checked, and only used
            # while the text and the code that checked it are unchanged (bundled.key).
            content, sha256 = compiled_
            return Dataset(content, [], [DataFile(str(bundled_data_path()), sha256)])
    from atctui.loading.merge import build_dataset
    from atctui.loading.parsed import parse_file

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
