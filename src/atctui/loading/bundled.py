"""The bundled dataset, validated when it is compiled into a pickle shipped beside it.

Opening on the bundled data then needs neither Pydantic nor its schemas (a large part of
the start-up). The pickle is used only when its key matches: a hash of the TOML text
and of the source of the model and of the reference checks (not run again when it is
read), so an edited dataset, model or check is validated as any file is. `atctui
validate` always validates. Rebuild after editing data/meetings.toml (or those modules):

    python -m atctui.loading
"""

from __future__ import annotations

import sys
from pathlib import Path

from atctui.model import DatasetFile

COMPILED_NAME = "meetings.pickle"
_FORMAT = b"atctui compiled dataset 1\n"
_PACKAGE = Path(__file__).resolve().parents[1]  # src/atctui, or site-packages/atctui


def bundled_data_path() -> Path:
    """The dataset shipped inside the package (or the repository's, when run from source)."""
    # In the package, as pip installs the wheel (importlib.resources costs start-up time
    # in imports to find the same file).
    packaged = _PACKAGE / "data" / "meetings.toml"
    if packaged.is_file():
        return packaged
    return _PACKAGE.parents[1] / "data" / "meetings.toml"


def compiled_bundle() -> tuple[DatasetFile, str] | None:
    """The bundled dataset's compiled records and the sha256 of the text they were
    compiled from, or None when they do not match its text."""
    found = _compiled(bundled_data_path())
    if found is None:
        return None
    import hashlib

    return found[0], hashlib.sha256(found[1]).hexdigest()


def compiled_path(toml_path: Path) -> Path:
    """Where the records compiled from a TOML file are: beside it, in meetings.pickle."""
    return toml_path.with_name(COMPILED_NAME)


def key(toml_bytes: bytes) -> bytes:
    """What the compiled records depend on: the TOML, the classes they are made of, and
    the reference checks they passed (they are not checked again when read)."""
    import hashlib

    digest = hashlib.sha256(_FORMAT)
    for module in ("model.py", "dates.py", "loading/references.py"):  # read, not imported
        digest.update((_PACKAGE / module).read_bytes())
    digest.update(toml_bytes)
    return digest.hexdigest().encode()


def read_compiled(toml_path: Path) -> DatasetFile | None:
    """The records compiled from this TOML file, or None when there are none for its
    current text (missing, stale, or from another model)."""
    found = _compiled(toml_path)
    return None if found is None else found[0]


def _compiled(toml_path: Path) -> tuple[DatasetFile, bytes] | None:
    """The compiled records and the TOML text they match."""
    try:
        toml_bytes = toml_path.read_bytes()
        blob = compiled_path(toml_path).read_bytes()
    except OSError:
        return None
    stored_key, _, payload = blob.partition(b"\n")
    if stored_key != key(toml_bytes):
        return None
    import pickle

    try:
        content = pickle.loads(payload)
    except Exception:  # a damaged file: the TOML is validated instead
        return None
    return (content, toml_bytes) if isinstance(content, DatasetFile) else None


def compile_file(toml_path: Path) -> Path:
    """Validate the TOML file and write its records beside it (atomically)."""
    import pickle

    from atctui.loading.merge import build_dataset
    from atctui.loading.parsed import parse_file
    from atctui.writing import write_atomic

    toml_bytes = toml_path.read_bytes()
    parsed = parse_file(toml_path)
    build_dataset([parsed], [])  # references too: a file that does not load is refused
    blob = key(toml_bytes) + b"\n" + pickle.dumps(parsed.content, pickle.HIGHEST_PROTOCOL)
    target = compiled_path(toml_path)
    write_atomic(target, blob, overwrite=True)
    return target


def main() -> int:
    """Compile the bundled dataset (or the file the first argument names); print every
    problem and return 1 when it does not load."""
    from atctui.errors import DataError

    source = Path(sys.argv[1]) if len(sys.argv) > 1 else bundled_data_path()
    try:
        target = compile_file(source)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    print(f"{source} -> {target}")
    return 0
