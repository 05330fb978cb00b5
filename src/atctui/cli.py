"""The command line: `atctui` opens the app; `validate` and `export` stay free of Textual.

Exit codes: 0 success, 1 invalid data or query, 2 usage error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from atctui import __version__
from atctui.formats import DEFAULT_FORMAT, FORMATS
from atctui.textsafe import printable

if TYPE_CHECKING:
    from atctui.dataset import Dataset
    from atctui.errors import Problem, QueryError
    from atctui.settings import Settings
    from atctui.views import View

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
TEXT_WIDTH = 100  # the text export's width unless --width says
PICTURE_SIZE = (120, 40)  # the svg's screen, in cells, unless --width and --height say
VIEW_NAMES = ("timeline", "participants", "exercises")


def _data_option(parser: argparse.ArgumentParser) -> None:
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


def _path(text: str) -> Path:
    """A path argument; an empty one names nothing (Path("") would be the current folder)."""
    if not text:
        raise argparse.ArgumentTypeError("an empty path names no file")
    return Path(text)


def _output_path(text: str) -> Path:
    """An --output file; a name ending in "/" names a folder (pathlib would drop the
    slash and write a file of that name)."""
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
    parser.add_argument("--version", action="version", version=f"atctui {__version__}")
    _data_option(parser)
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

    diff = commands.add_parser(
        "diff", help="compare two meetings: who joined, left, stayed; topics of one only",
        description="Compare two meetings, named by id, number or Roman numeral "
        "(x-2017, 10, X, 'X 2017'); the earlier one comes first.",
    )  # fmt: skip
    diff.add_argument("first", metavar="MEETING")
    diff.add_argument("second", metavar="MEETING")
    _output_options(diff)

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
    _data_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    serve.add_argument(
        "--max-apps", type=_positive, metavar="N",
        help="the most app processes at once, one per page (default: the settings' "
        "serve_max_apps, 8)",
    )  # fmt: skip
    return parser


def _output_options(parser: argparse.ArgumentParser) -> None:
    _data_option(parser)
    parser.add_argument("--query", "-q", default="", help="filter, as in the app's filter bar")
    parser.add_argument(
        "--format", "-f", choices=tuple(FORMATS), default=None,
        help="output format (default: text, or the settings' export_format); svg: a "
        "picture of the app's screen, --width x --height cells (default 120x40)",
    )  # fmt: skip
    parser.add_argument("--output", "-o", type=_output_path, metavar="FILE", help="write to FILE")
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


def _error(message: str) -> None:
    """A message on stderr; control characters in it (from a file name, a value, a
    query) are shown, never sent to the terminal."""
    print(f"atctui: {printable(message)}", file=sys.stderr)


def _query_error(query: str, error: QueryError) -> None:
    """`atctui: bad query: Q`, then `^` and what is wrong, the caret under the fault of Q
    in the line above: counted in terminal cells of Q as shown (a CJK character takes two,
    an escape shown as `\\x1b` four)."""
    from rich.cells import cell_len

    _error(f"bad query: {query}")
    before = printable(f"atctui: bad query: {query[: error.position]}")
    print(f"{' ' * cell_len(before)}^ {printable(error.message)}", file=sys.stderr)


def cmd_validate(paths: list[Path]) -> int:
    """`atctui validate`: load and validate the files, the bundled data when none (validated,
    not read from its compiled records); print every problem, or the counts of records."""
    from atctui.errors import DataError
    from atctui.loading import load

    settings, _ = _settings()
    try:
        # Validated, even the bundled data.
        dataset = load(paths, compiled=False, max_bytes=settings.max_file_bytes)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        _error(f"{count} problem{'s' if count != 1 else ''} found")
        return EXIT_DATA
    where = ", ".join(str(p) for p in paths) if paths else "bundled dataset"
    print(printable(f"ok: {where}: {dataset.summary()}"))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """`atctui export`: a view, filtered by the query, to stdout or a file."""
    from atctui.views import build

    return _output(args, lambda dataset: build(args.view, dataset, args.query))


def cmd_diff(args: argparse.Namespace) -> int:
    """`atctui diff`: the comparison of two meetings, to stdout or a file."""
    from atctui.compare import compare

    return _output(args, lambda dataset: compare(dataset, args.first, args.second, args.query))


def _output(args: argparse.Namespace, make_view: Callable[[Dataset], View]) -> int:
    """Load, build the view, and print it or write it: `export` and `diff` alike."""
    from atctui.compare import MeetingNotFound
    from atctui.errors import DataError, QueryError
    from atctui.export import export_view, rows_phrase
    from atctui.loading import load
    from atctui.writing import WriteRefused, write_atomic

    settings, _ = _settings()
    fmt = args.format or (
        settings.export_format if settings.export_format in FORMATS else DEFAULT_FORMAT
    )
    picture = FORMATS[fmt].needs_app
    if args.height is not None and not picture:
        _error("--height is for --format svg (the lines of the app's screen)")
        return EXIT_USAGE
    try:
        dataset = load(args.data or settings.data_paths(), max_bytes=settings.max_file_bytes)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_DATA
    try:
        view = make_view(dataset)
    except QueryError as exc:
        _query_error(args.query, exc)
        return EXIT_DATA
    except MeetingNotFound as exc:
        _error(str(exc))
        return EXIT_DATA
    from atctui.subset import EmptySubset

    try:
        if picture:
            content = _picture(args, dataset, settings)
        else:
            content = export_view(dataset, view, fmt, args.width or TEXT_WIDTH, raw=args.raw)
    except EmptySubset as exc:
        _error(str(exc))
        return EXIT_DATA
    if args.output is None:
        sys.stdout.write(content)
        return EXIT_OK
    try:
        write_atomic(args.output, content, overwrite=args.force)
    except WriteRefused as exc:
        _error(str(exc))
        return EXIT_DATA
    print(printable(f"wrote {rows_phrase(len(view.rows))} to {args.output}"), file=sys.stderr)
    return EXIT_OK


def _picture(args: argparse.Namespace, dataset: Dataset, settings: Settings) -> str:
    """The svg: the app, run headless at the size asked, draws the view (or the
    comparison) as it shows it. Textual is imported here only, for this format."""
    from atctui.app.picture import view_svg

    size = (args.width or PICTURE_SIZE[0], args.height or PICTURE_SIZE[1])
    meetings = (args.first, args.second) if args.command == "diff" else None
    view_name = "compare" if meetings else args.view
    svg, problems = view_svg(
        dataset, view_name, args.query, size, settings=settings, meetings=meetings
    )
    for problem in problems:
        print(f"{problem} (settings ignored)", file=sys.stderr)
    return svg


def _settings() -> tuple[Settings, list[Problem]]:
    """The settings in effect; their problems are printed, never fatal."""
    from atctui.settings import load_settings

    settings, problems = load_settings()
    for problem in problems:
        print(f"{problem} (settings ignored)", file=sys.stderr)
    return settings, problems


def cmd_config(action: str) -> int:
    """`atctui config path`: where the settings file is; `show`: the settings in effect,
    as TOML, and every problem with them (exit code 1)."""
    from atctui.settings import load_settings, settings_path, show

    if action == "path":
        print(printable(str(settings_path())))
        return EXIT_OK
    settings, problems = load_settings()
    for problem in problems:
        print(problem, file=sys.stderr)
    print(show(settings), end="")
    return EXIT_DATA if problems else EXIT_OK


def cmd_app(data: list[Path] | None) -> int:
    """Open the app on the data given (or the settings', or the bundled data); a problem in
    the data is printed and the app does not open. Under `atctui serve`, the process is
    first tied to its server."""
    from atctui.lifeline import tie_to_server

    tie_to_server()  # an app process of `atctui serve` ends with its server
    from atctui.errors import DataError
    from atctui.loading import load

    settings, problems = _settings()
    try:
        dataset = load(data or settings.data_paths(), max_bytes=settings.max_file_bytes)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_DATA
    from atctui.app.main import AtcApp

    app = AtcApp(dataset, settings=settings, settings_problems=problems)
    app.run()
    return app.return_code or EXIT_OK  # an app that stopped on an error says so


def cmd_serve(args: argparse.Namespace) -> int:
    """Each browser session runs `atctui` (with the same --data) in its own process;
    the server and its safeguards are in atctui.serve."""
    try:
        import textual_serve  # noqa: F401
    except ImportError:
        _error("serving needs textual-serve: pip install 'atctui[serve]'")
        return EXIT_USAGE
    from atctui.serve import AtcServer, app_command

    settings, _ = _settings()
    server = AtcServer(
        app_command(args.data or []),
        host=args.host,
        port=args.port,
        max_apps=args.max_apps or settings.serve_max_apps,
    )
    try:
        server.serve()  # prints the address with its token once it listens
    except OSError as exc:
        _error(f"cannot serve on {args.host}:{args.port}: {exc.strerror or exc}")
        return EXIT_USAGE
    return EXIT_OK


def _query_values_kept(argv: Sequence[str]) -> list[str]:
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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command the arguments name (the app when none); returns the exit code. An
    interrupt exits with 130; a pipe closed by the reader (`| head`) is not an error."""
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches the output as a lone surrogate where a
        # message quotes it unescaped: shown as \udcff, never a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    args = build_parser().parse_args(_query_values_kept(sys.argv[1:] if argv is None else argv))
    try:
        if args.command == "validate":
            return cmd_validate(args.paths)
        if args.command == "export":
            return cmd_export(args)
        if args.command == "diff":
            return cmd_diff(args)
        if args.command == "config":
            return cmd_config(args.action)
        if args.command == "serve":
            return cmd_serve(args)
        return cmd_app(args.data)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `atctui export … | head`
        sys.stderr.close()
        return EXIT_OK
