"""User settings: a TOML file in the user's config directory, overridden by ATCTUI_*
environment variables. No Textual here: `atctui config` and the CLI use it too.

The file is only ever written when the user asks (the palette's "Save theme"), by
editing the one `theme = …` line so that the rest of the file, comments included, stays.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from atctui.errors import DataError, Problem, short_repr
from atctui.formats import FORMATS
from atctui.model import STRICT, Constraints
from atctui.textsafe import UNSAFE

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, TypeAdapter, ValidationError
    from pydantic_core import CoreSchema

ENV_PREFIX = "ATCTUI_"
CONFIG_ENV = "ATCTUI_CONFIG"  # another settings file than the default
# The app's own actions that `keys` may bind, by binding id (a test checks the app's).
ACTIONS = (
    "tab.timeline", "tab.participants", "tab.exercises", "tab.compare", "filter", "escape",
    "enter", "next", "previous", "sort", "year.next", "year.prev", "export", "copy.view",
    "copy.record", "copy.command", "source.open", "query.save", "compare.mark",
    "compare.choose", "frequency", "chart.toggle", "names.toggle", "columns.cycle",
    "column.narrow", "column.widen", "column.fit", "column.hide", "column.show",
    "detail.toggle", "counts.toggle", "help", "quit",
)  # fmt: skip


# A key as Textual names it: ctrl+f, f2, question_mark, shift+tab, a letter or a digit;
# several separated by commas. Anything else (an escape sequence) is not a key, and the
# key bar, the tab bar and the help would draw it.
_KEY = re.compile(r"^[A-Za-z0-9_+-]{1,40}(?:,[A-Za-z0-9_+-]{1,40})*$")


def _known_actions(keys: dict[str, str]) -> dict[str, str]:
    """The keymap, checked: every action known, every key a key's name."""
    for action, key in keys.items():
        if action not in ACTIONS:
            close = difflib.get_close_matches(action, ACTIONS, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(ACTIONS)}"
            raise ValueError(f"unknown action '{action}' ({hint})")
        if not _KEY.match(key.replace(" ", "")):
            raise ValueError(
                f"{short_repr(key)} is not a key for '{action}': write a key's name, such "
                "as ctrl+f, f2, question_mark or j"
            )
    return keys


def _plain_folder(folder: str) -> str:
    """An export folder without control characters (the dialog shows it as typed)."""
    if UNSAFE.search(folder):
        raise ValueError(f"{short_repr(folder)} holds control characters: not a folder name")
    return folder


class _PlainFolder:
    """Checks `export_folder` when Pydantic validates the settings."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_plain_folder, handler(source))


def _known_format(name: str) -> str:
    if name not in FORMATS:
        close = difflib.get_close_matches(name, FORMATS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"formats: {', '.join(FORMATS)}"
        raise ValueError(f"unknown format '{name}' ({hint})")
    return name


class _KnownFormat:
    """Checks `export_format` against the formats' table (formats.py)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_known_format, handler(source))


class _KnownActions:
    """Checks `keys` when Pydantic validates the settings (a field's own error location)."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_known_actions, handler(source))


StrictStr = Annotated[str, STRICT]


def _plain_names(queries: dict[str, Any]) -> dict[str, Any]:
    """Saved queries' names without control characters (the palette shows them)."""
    for name in queries:
        if not name.strip() or UNSAFE.search(name):
            raise ValueError(f"{short_repr(name)} is not a name for a query")
    return queries


class _PlainNames:
    """Checks the names of `queries` when Pydantic validates the settings."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        from pydantic_core import core_schema

        return core_schema.no_info_after_validator_function(_plain_names, handler(source))


@dataclass(frozen=True, kw_only=True)
class SavedQuery:
    """A query saved under a name, and the tab it is for (the current one when none)."""

    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    query: StrictStr
    tab: Literal["timeline", "participants", "exercises", "compare"] | None = None


def expand_user(path: str) -> Path:
    """`path` with a leading ~ or ~user made the home folder; as written when there is no
    such user (opening it then says there is no such file)."""
    try:
        return Path(path).expanduser()
    except RuntimeError:
        return Path(path)


def _doc(text: str) -> dict[str, str]:
    return {"doc": text}


# A plain dataclass, validated through Pydantic only when a settings file or variable
# exists: with none (the usual case) the app starts without importing Pydantic.
@dataclass(kw_only=True)
class Settings:
    """atctui's settings; every field is optional."""

    # Strict field by field: a dataclass strict as a whole accepts only its own instances.
    __pydantic_config__: ClassVar[dict[str, Any]] = {"extra": "forbid"}

    theme: StrictStr | None = field(
        default=None,
        metadata=_doc(
            "The app's Textual theme: textual-dark, textual-light, nord, gruvbox, dracula, …"
        ),
    )
    data: list[StrictStr] = field(
        default_factory=list,
        metadata=_doc(
            "Dataset files or folders opened when --data is not given (default: the bundled data)."
        ),
    )
    language: Literal["en", "ru"] = field(
        default="en",
        metadata=_doc(
            "The language records are named in: en, or ru (Russian where the data give a "
            "Russian name, else English marked °); L switches it in the app, --names on the "
            "command line."
        ),
    )
    export_format: Annotated[StrictStr, _KnownFormat()] = field(
        default="text",
        metadata=_doc(
            "The format the export dialog (e) proposes, and `atctui export` / `diff` use."
        ),
    )
    export_folder: Annotated[StrictStr, _PlainFolder()] | None = field(
        default=None,
        metadata=_doc(
            "The folder the export dialog proposes (default: the current folder); ~ is your home."
        ),
    )
    max_file_mb: Annotated[int, Constraints(strict=True, ge=1, le=1_000_000)] = field(
        default=1024,
        metadata=_doc("The largest data file atctui reads, in MB: a larger one is refused unread."),
    )
    keys: Annotated[dict[StrictStr, StrictStr], _KnownActions()] = field(
        default_factory=dict,
        metadata=_doc(
            "Other keys for the app's actions, by action id: "
            '{ filter = "ctrl+f", quit = "ctrl+q" }.'
        ),
    )
    queries: Annotated[dict[StrictStr, StrictStr | SavedQuery], _PlainNames()] = field(
        default_factory=dict,
        metadata=_doc(
            'Saved queries, by name: a query, or { query = "…", tab = "exercises" }; '
            "offered in the palette and by `atctui export VIEW --saved NAME`."
        ),
    )
    serve_max_apps: Annotated[int, Constraints(strict=True, ge=1, le=1000)] = field(
        default=8,
        metadata=_doc(
            "The most app processes `atctui serve` runs at once, one per open page; "
            "a page over the limit is told the server is busy (--max-apps overrides it)."
        ),
    )

    def saved_queries(self) -> dict[str, SavedQuery]:
        """The saved queries by name, each with its tab if it names one."""
        return {
            name: SavedQuery(query=value) if isinstance(value, str) else value
            for name, value in self.queries.items()
        }

    def data_paths(self) -> list[Path]:
        """The `data` setting as paths, with `~` expanded."""
        return [expand_user(p) for p in self.data]

    @property
    def max_file_bytes(self) -> int:
        """The `max_file_mb` setting in bytes: the data files' size limit."""
        return self.max_file_mb * 1024 * 1024


SETTING_NAMES = tuple(f.name for f in dataclasses.fields(Settings))
# Whole-number settings: their variables are read as numbers (the fields are strict).
INT_SETTINGS = frozenset(f.name for f in dataclasses.fields(Settings) if type(f.default) is int)


@cache
def _adapter() -> TypeAdapter[Settings]:
    from pydantic import TypeAdapter

    return TypeAdapter(Settings)


def validated(values: dict[str, Any]) -> Settings:
    """Settings from a file's or the environment's values; raises ValidationError."""
    return _adapter().validate_python(values) if values else Settings()


def settings_path() -> Path:
    """Where the settings file is: $ATCTUI_CONFIG, or the user's config directory."""
    given = os.environ.get(CONFIG_ENV)
    if given:
        return expand_user(given)
    from platformdirs import user_config_path

    return user_config_path("atctui", appauthor=False) / "settings.toml"


def _env_values() -> tuple[dict[str, Any], dict[str, str]]:
    """Fields given by ATCTUI_* variables, and the variable that gave each."""
    values: dict[str, Any] = {}
    origin: dict[str, str] = {}
    for name in SETTING_NAMES:
        variable = ENV_PREFIX + name.upper()
        raw = os.environ.get(variable)
        if raw is None:
            continue
        value: Any = raw
        if name == "data":
            value = [part for part in raw.split(os.pathsep) if part]
        elif name == "keys":  # ATCTUI_KEYS="filter=ctrl+f,quit=ctrl+q"
            pairs = [item.partition("=") for item in raw.split(",") if item.strip()]
            value = {k.strip(): v.strip() for k, _, v in pairs}
        elif name in INT_SETTINGS and raw.strip().isascii() and raw.strip().isdigit():
            value = int(raw)  # ATCTUI_SERVE_MAX_APPS=4; other text: validation reports it
        values[name] = value
        origin[name] = variable
    return values, origin


# A settings file is a few lines; anything this large is not one.
SETTINGS_MAX_BYTES = 1 << 20


def _read_file(path: Path) -> tuple[dict[str, Any], str]:
    """The settings file's values and text; ({}, "") when there is none. Only a regular
    file is read (a FIFO would block the start for ever), and it is parsed so that no
    nesting can crash atctui."""
    # Here, not at the top: most users have no settings file.
    from atctui.loading.files import read_regular
    from atctui.loading.parsed import decode
    from atctui.loading.toml import TomlSyntaxError, loads

    raw = read_regular(path, SETTINGS_MAX_BYTES)
    if raw is None:
        return {}, ""
    text = decode(str(path), raw)
    try:
        return loads(text), text
    except TomlSyntaxError as exc:
        problem = Problem(str(path), f"TOML syntax: {exc.message}", exc.line, exc.column)
        raise DataError([problem]) from None


def _problems(exc: ValidationError, where: str, text: str, origin: dict[str, str]) -> list[Problem]:
    from atctui.loading.locate import KeyLines, dotted

    lines = KeyLines(text)
    problems = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        if error["type"] in ("extra_forbidden", "unexpected_keyword_argument"):
            close = difflib.get_close_matches(str(loc[0]), SETTING_NAMES, n=1)
            message = f"unknown setting '{loc[0]}'"
            message += f" (did you mean '{close[0]}'?)" if close else (
                f"; settings: {', '.join(SETTING_NAMES)}"
            )  # fmt: skip
        elif error["type"] == "literal_error":
            message = f"{message}, got {short_repr(error['input'])}"
        unknown_action = re.match(r"unknown action '([^']*)'", message)
        if unknown_action:  # point at the key's own line, not the [keys] header
            loc = (*loc, unknown_action[1])
        name = str(loc[0]) if loc else ""
        if name in origin:  # a bad environment variable, not the file
            problems.append(Problem(origin[name], message, field=dotted(loc)))
        else:
            problems.append(Problem(where, message, lines.line_of(loc), field=dotted(loc)))
    return problems


def load_settings() -> tuple[Settings, list[Problem]]:
    """The effective settings, and every problem found. A bad file or variable is
    reported and left out: the defaults (and the good part of the rest) still apply."""
    path = settings_path()
    problems: list[Problem] = []
    try:
        from_file, text = _read_file(path)
    except DataError as exc:
        from_file, text = {}, ""
        problems += exc.problems
    from_env, origin = _env_values()
    if not from_file and not from_env:
        return Settings(), problems
    from pydantic import ValidationError

    try:
        return validated(from_file | from_env), problems
    except ValidationError as exc:
        problems += _problems(exc, str(path), text, origin)
    # Keep what is valid: drop the offending settings and validate again.
    bad = {str(p.field).split(".")[0].split("[")[0] for p in problems if p.field}
    kept = {k: v for k, v in (from_file | from_env).items() if k not in bad}
    try:
        return validated(kept), problems
    except ValidationError:
        return Settings(), problems


def show(settings: Settings) -> str:
    """The effective settings as TOML, each with its description as a comment."""
    import tomli_w

    out = []
    for info in dataclasses.fields(Settings):
        name = info.name
        out.append(f"# {info.metadata['doc']}")
        value = getattr(settings, name)
        if name == "queries":  # tomli_w writes dicts, not the SavedQuery class
            value = {k: _plain(v) for k, v in value.items()}
        if value is None:
            out.append(f"# {name} = (not set)")
        else:
            out.append(toml_escaped(tomli_w.dumps({name: value}).strip()))
        out.append("")
    return "\n".join(out)


def _plain(value: str | SavedQuery) -> str | dict[str, str]:
    """A saved query as the settings file writes it."""
    if isinstance(value, str):
        return value
    return {k: v for k, v in dataclasses.asdict(value).items() if v is not None}


def toml_escaped(text: str) -> str:
    """TOML whose strings hold no character that acts on a terminal: tomli_w escapes C0
    controls; C1 controls, bidi overrides and the like are escaped here the same way
    (\\uXXXX, which TOML reads back as the character)."""
    return UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\u{code:04X}" if code < 0x10000 else f"\\U{code:08X}"


def with_theme(text: str, theme: str) -> str:
    """The settings text with `theme` set and everything else as it was, comments too.
    Edited by tomlkit, which parses what it keeps: a `theme = …` line inside a multi-line
    string is text, not the setting (a line pattern replaced it there)."""
    import tomli_w
    import tomlkit

    document = tomlkit.parse(text)
    if "theme" in document:
        document["theme"] = theme
        return tomlkit.dumps(document)
    # No top-level theme yet: it goes first, before any table.
    return tomli_w.dumps({"theme": theme}) + text


def save_theme(theme: str, path: Path | None = None) -> Path:
    """Write `theme` into the settings file (created if missing), atomically; the new
    text is validated before it replaces the old."""
    from atctui.loading.toml import loads
    from atctui.writing import write_atomic

    path = path or settings_path()
    _, text = _read_file(path)
    new = with_theme(text, theme)
    validated(loads(new))
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, new, overwrite=True)
    return path
