"""The command line's parser: the app's options, each command's, and the checks of
their values (argparse reports a bad one as a usage error, exit 2)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from atctui.formats import FORMATS
from atctui.textsafe import printable

EXIT_USAGE = 2
TEXT_WIDTH = 100  # the text export's width unless --width says
PICTURE_SIZE = (120, 40)  # the svg's screen, in cells, unless --width and --height say
VIEW_NAMES = ("timeline", "participants", "exercises")
CHART_VIEWS = ("timeline", "participants")  # views.chart.CHART_VIEWS, without importing it
TAB_NAMES = (*VIEW_NAMES, "compare")
SOURCE_FORMATS = ("text", "csl-json", "bibtex", "ris")


def data_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        metavar="PATH",
        action="append",
        type=_path,
        help="a TOML dataset file or a directory of them (repeatable; default: the bundled data)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _port(text: str) -> int:
    """A TCP port to listen on, 1 to 65535: 0 (any free port) would print an address with
    the wrong port, and the server would refuse the real one's Host header."""
    value = _positive(printable(text))
    if value > 65535:
        raise argparse.ArgumentTypeError("a port is at most 65535")
    return value


def _column(text: str) -> str:
    """A column's name for --sort; an empty one names none (it sorted nothing, silently)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("name a column, by its label or key")
    return text


def _path(text: str) -> Path:
    """A path argument; an empty one names nothing (Path("") would be the current folder)."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file")
    return Path(text)


def _output_path(text: str) -> Path | None:
    """An --output file; "-" is the standard output (None, as without --output), and a
    name ending in "/" names a folder (pathlib would drop the slash and write a file of
    that name)."""
    if text == "-":  # as Unix tools read it, not a file named "-" in the working folder
        return None
    if text.endswith(("/", os.sep)):
        raise argparse.ArgumentTypeError(f"'{text}' ends with '/': give a file name")
    return _path(text)


class Parser(argparse.ArgumentParser):
    """argparse, its errors shown as text: an argument holding ESC or BEL is echoed
    visibly, never sent to the terminal."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error, control characters made visible; exit 2."""
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, printable(f"{self.prog}: error: {message}") + "\n")


def _width(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 20 <= value <= 1000:
        raise argparse.ArgumentTypeError("width must be between 20 and 1000")
    return value


def _height(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not 10 <= value <= 500:
        raise argparse.ArgumentTypeError("height must be between 10 and 500")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The command line's parser: the app's options and every command's."""
    parser = Parser(
        prog="atctui",
        description="Explore the cooperation record of the CIS Anti-Terrorism Center: "
        "meetings, participants and joint exercises, every fact cited.",
        epilog="With no command, opens the explorer. "
        "Exit codes: 0 ok, 1 bad data or query, 2 usage.",
    )
    parser.add_argument(
        "--version", action="store_true",
        help="print atctui's version and the sha256 of the data it opens, then exit",
    )  # fmt: skip
    data_option(parser)
    _view_options(parser, app=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    validate = commands.add_parser(
        "validate", help="check dataset files and print a summary", description="Load and check "
        "TOML dataset files (the bundled dataset when none is given); print every problem."
    )  # fmt: skip
    validate.add_argument("paths", nargs="*", type=_path, metavar="PATH")

    export = commands.add_parser(
        "export", help="print or write a view as text, Markdown, CSV, JSON, TOML or SVG",
        description="Export a view, filtered by a query, to stdout or a file. --format svg "
        "is a picture of the app's screen showing the view, drawn by the app run without "
        "a terminal, --width x --height cells (120x40 by default).",
    )  # fmt: skip
    export.add_argument("view", choices=VIEW_NAMES)
    _output_options(export)
    export.add_argument(
        "--chart", action="store_true",
        help="timeline, participants: the view's chart (as `v` shows it in the app): text "
        "draws it in characters, svg is the app's picture of it; markdown, csv, json and "
        "toml list its marks (lane, date, record, marker)",
    )  # fmt: skip

    diff = commands.add_parser(
        "diff", help="compare two meetings: who joined, left, stayed; topics of one only",
        description="Compare two meetings, named by id, number or Roman numeral "
        "(x-2017, 10, X, 'X 2017'); the earlier one comes first.",
    )  # fmt: skip
    diff.add_argument("first", metavar="MEETING")
    diff.add_argument("second", metavar="MEETING")
    _output_options(diff)

    sources = commands.add_parser(
        "sources", help="the sources a view cites, for a reference manager",
        description="List the sources the rows of a view cite (every source of the "
        "dataset when no view is named), as text or for Zotero, Pandoc and other "
        "reference managers: CSL-JSON, BibTeX or RIS.",
    )  # fmt: skip
    sources.add_argument("view", choices=VIEW_NAMES, nargs="?")
    data_option(sources)
    sources.add_argument("--query", "-q", default="", help="filter, as in the app's filter bar")
    sources.add_argument("--saved", metavar="NAME", help="the query saved as NAME in the settings")
    sources.add_argument(
        "--sort", metavar="COLUMN", type=_column,
        help="number the sources in the order of the rows sorted by COLUMN, as export does",
    )  # fmt: skip
    sources.add_argument("--reverse", action="store_true", help="with --sort: descending")
    sources.add_argument(
        "--format", "-f", choices=SOURCE_FORMATS, default="text", help="output format"
    )
    sources.add_argument("--output", "-o", type=_output_path, metavar="FILE",
        help="write to FILE (- for the standard output)")  # fmt: skip
    sources.add_argument("--force", action="store_true", help="overwrite FILE if it exists")

    config = commands.add_parser(
        "config", help="where the settings file is, and the settings in effect",
        description="Settings live in a TOML file (see 'config path'); ATCTUI_* environment "
        "variables override it (ATCTUI_THEME, ATCTUI_DATA, ATCTUI_EXPORT_FORMAT, "
        "ATCTUI_EXPORT_FOLDER, ATCTUI_KEYS, ATCTUI_SERVE_MAX_APPS, and ATCTUI_CONFIG for "
        "another file).",
    )  # fmt: skip
    config.add_argument("action", choices=("path", "show"))

    serve = commands.add_parser(
        "serve", help="serve the app to a web browser",
        description="Serve the explorer to web browsers with textual-serve: each visitor "
        "gets their own app on the same data. Open the address it prints: it holds a "
        "secret token, and every request without it is refused.",
    )  # fmt: skip
    data_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=_port, default=8000, help="port, 1-65535 (default 8000)")
    serve.add_argument(
        "--max-apps", type=_positive, metavar="N",
        help="the most app processes at once, one per page (default: the settings' "
        "serve_max_apps, 8)",
    )  # fmt: skip
    return parser


def _view_options(parser: argparse.ArgumentParser, app: bool = False) -> None:
    """The options that choose a view's rows and order: the app's (which tab it opens on)
    and `export`'s and `diff`'s alike."""
    if app:
        parser.add_argument(
            "--tab", choices=TAB_NAMES, help="the tab the app opens on (default: Timeline)"
        )
    parser.add_argument(
        "--query", "-q", default="", dest="app_query" if app else "query",
        help="filter, as in the app's filter bar",
    )  # fmt: skip
    parser.add_argument(
        "--saved", metavar="NAME",
        help="the query saved as NAME in the settings' [queries] (and its tab)",
    )  # fmt: skip
    parser.add_argument(
        "--sort", metavar="COLUMN", type=_column,
        help="sort by COLUMN, named by its label or key (Date, host, 'X 2017')",
    )  # fmt: skip
    parser.add_argument("--reverse", action="store_true", help="with --sort: descending")
    parser.add_argument(
        "--names", choices=("en", "ru"), default=None,
        help="name records in English or in Russian where the data give a Russian name "
        "(default: the settings' language, en)",
    )  # fmt: skip


def _output_options(parser: argparse.ArgumentParser) -> None:
    data_option(parser)
    _view_options(parser)
    parser.add_argument(
        "--hide", metavar="COLUMN", type=_column, action="append", default=[],
        help="leave COLUMN out, as - hides it in the app (repeatable)",
    )  # fmt: skip
    parser.add_argument(
        "--format", "-f", choices=tuple(FORMATS), default=None,
        help="output format (default: text, or the settings' export_format); svg: a "
        "picture of the app's screen, --width x --height cells (default 120x40)",
    )  # fmt: skip
    parser.add_argument("--output", "-o", type=_output_path, metavar="FILE",
        help="write to FILE (- for the standard output)")  # fmt: skip
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.add_argument(
        "--width", type=_width, default=None,
        help=f"text width (default {TEXT_WIDTH}); svg: the screen's columns "
        f"(default {PICTURE_SIZE[0]})",
    )  # fmt: skip
    parser.add_argument(
        "--height", type=_height, default=None,
        help=f"svg only: the screen's lines (default {PICTURE_SIZE[1]})",
    )  # fmt: skip
    parser.add_argument(
        "--raw", action="store_true",
        help="CSV: write cells that start with = + - @ as they are (by default they start "
        "with ' so that a spreadsheet shows them as text, not as formulas)",
    )  # fmt: skip
    parser.add_argument(
        "--evidence", action="store_true",
        help="CSV of the evidence instead of the rows: one row per citation (the row's id, "
        "the column it is about, the source, the words quoted, the source's address)",
    )  # fmt: skip
    parser.add_argument(
        "--timestamp", action="store_true",
        help="say when the export was made (by default two exports of the same data and "
        "query are the same bytes)",
    )  # fmt: skip


def query_values_kept(argv: Sequence[str]) -> list[str]:
    """`-q -term`, the README's negation, as `--query=-term`: argparse would read a value
    that starts with '-' as an option."""
    out: list[str] = []
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word in ("-q", "--query") and i + 1 < len(words) and words[i + 1].startswith("-"):
            out.append(f"--query={words[i + 1]}")
            i += 2
            continue
        out.append(word)
        i += 1
    return out


# The app's options that take a value, and the commands: an option before a command was
# silently dropped (the command's own default replaced it: `atctui --data X validate`
# checked the bundled data).
_VALUE_OPTIONS = {"--data", "--query", "-q", "--saved", "--sort", "--tab", "--names"}
_COMMANDS = {"validate", "export", "diff", "sources", "config", "serve"}


def options_before_the_command(words: Sequence[str]) -> str | None:
    """What is wrong when an option of the app's comes before a command, else None."""
    before: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return None
        if word in _COMMANDS:
            options = [w for w in before if w not in ("--version", "-h", "--help")]
            if not options:
                return None
            moved = " ".join(before)
            return (
                f"{options[0]} goes after the command: atctui {word} {moved} … "
                f"(before it, it is the app's option)"
            )
        if not word.startswith("-"):
            return None
        before.append(word)
        if word in _VALUE_OPTIONS:  # its value, which may be a command's name
            if i + 1 < len(words):
                before.append(words[i + 1])
            i += 1
        i += 1
    return None
