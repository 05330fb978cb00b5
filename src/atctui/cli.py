"""The command line: `atctui` opens the app; `validate` and `export` stay free of Textual.

Exit codes: 0 success, 1 invalid data or query, 2 usage error.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from atctui import __version__
from atctui.cli_args import (
    CHART_VIEWS,
    EXIT_USAGE,
    PICTURE_SIZE,
    TEXT_WIDTH,
    build_parser,
    options_before_the_command,
    query_values_kept,
)
from atctui.formats import DEFAULT_FORMAT, FORMATS
from atctui.textsafe import printable

if TYPE_CHECKING:
    from atctui.app.main import StartView
    from atctui.dataset import Dataset
    from atctui.errors import Problem, QueryError
    from atctui.settings import Settings
    from atctui.views import View
    from atctui.viewstate import Sort

EXIT_OK, EXIT_DATA = 0, 1


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
    _print_hashes(dataset)
    return EXIT_OK


def _print_hashes(dataset: Dataset) -> None:
    """The dataset's sha256 (the one its exports state), and each file's when several."""
    print(f"sha256 {dataset.sha256}")
    if len(dataset.files) > 1:
        for file in dataset.files:
            print(printable(f"  {file.sha256}  {file.path}"))


def cmd_version(data: list[Path] | None) -> int:
    """`atctui --version`: the version, and the data it opens with its sha256."""
    from atctui.errors import DataError
    from atctui.loading import load
    from atctui.provenance import BUNDLED

    print(f"atctui {__version__}")
    settings, _ = _settings()
    paths = data or settings.data_paths()
    try:
        dataset = load(paths, max_bytes=settings.max_file_bytes)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_DATA
    print(printable(f"data: {', '.join(map(str, paths)) if paths else BUNDLED}"))
    _print_hashes(dataset)
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """`atctui export`: a view, filtered by the query, to stdout or a file."""
    return _output(args, lambda dataset: _checked_build(args.view, dataset, args.query))


def cmd_diff(args: argparse.Namespace) -> int:
    """`atctui diff`: the comparison of two meetings, to stdout or a file."""
    from atctui.compare import compare
    from atctui.query import parse
    from atctui.vocabulary import check_values

    def make_view(dataset: Dataset) -> View:
        query = parse(args.query)
        check_values(query, "compare", dataset)
        return compare(dataset, args.first, args.second, query)

    return _output(args, make_view)


def _checked_build(view_name: str, dataset: Dataset, text: str) -> View:
    """The view filtered by `text`, a value that no row can have (`kind:zzz`) refused
    (vocabulary.check_values) as the app refuses it."""
    from atctui.query import parse
    from atctui.views import build
    from atctui.vocabulary import check_values

    query = parse(text)
    check_values(query, view_name, dataset)
    return build(view_name, dataset, query)


def _saved_query(args: argparse.Namespace, settings: Settings, query_attr: str) -> str | None:
    """The query `--saved NAME` names (put in `args.<query_attr>`), or a message why not."""
    if not args.saved:
        return None
    from atctui.saved_queries import NoSuchQuery, find_saved

    if getattr(args, query_attr):
        return "give --query or --saved, not both"
    try:
        saved = find_saved(settings.saved_queries(), args.saved)
    except NoSuchQuery as exc:
        return str(exc)
    view = "compare" if args.command == "diff" else getattr(args, "view", None)
    if saved.tab and view and saved.tab != view:  # an exercises filter is no timeline one
        return f"the saved query '{args.saved}' is for the {saved.tab} tab, not {view}"
    setattr(args, query_attr, saved.query)
    return None


def _usage_problem(args: argparse.Namespace, settings: Settings, fmt: str) -> str | None:
    """What is wrong with a combination of `export`'s or `diff`'s options, if anything."""
    if args.height is not None and not FORMATS[fmt].needs_app:
        return "--height is for --format svg (the lines of the app's screen)"
    if args.reverse and not args.sort:
        return "--reverse reverses a --sort: name the column to sort by"
    if args.evidence and fmt != "csv":
        return "--evidence writes CSV (one row per citation): leave out --format, or say csv"
    if getattr(args, "chart", False) and (args.view not in CHART_VIEWS or args.evidence):
        return "--chart draws the timeline or participants view (not with --evidence)"
    return _saved_query(args, settings, "query")


def _load_data(args: argparse.Namespace, settings: Settings) -> Dataset | None:
    """The data `--data` names (or the settings', or the bundled data); None when it has
    problems, each printed."""
    from atctui.errors import DataError
    from atctui.loading import load

    try:
        return load(args.data or settings.data_paths(), max_bytes=settings.max_file_bytes)
    except DataError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def _emit(args: argparse.Namespace, content: str, what: str) -> int:
    """Print `content`, or write it to `--output` (never over a file without `--force`)
    and say what was written."""
    from atctui.writing import WriteRefused, write_atomic

    if args.output is None:
        sys.stdout.write(content)
        return EXIT_OK
    try:
        write_atomic(args.output, content, overwrite=args.force)
    except WriteRefused as exc:
        _error(str(exc))
        return EXIT_DATA
    print(printable(f"wrote {what} to {args.output}"), file=sys.stderr)
    return EXIT_OK


def _output(args: argparse.Namespace, make_view: Callable[[Dataset], View]) -> int:
    """Load, build the view, and print it or write it: `export` and `diff` alike."""
    from atctui.compare import MeetingNotFound
    from atctui.errors import QueryError
    from atctui.export import export_view, rows_phrase, svg_with_evidence
    from atctui.naming import in_language
    from atctui.viewstate import Sort, UnknownColumn, column_key, sorted_view, without_columns

    settings, _ = _settings()
    fmt = "csv" if args.evidence and not args.format else args.format
    fmt = fmt or (settings.export_format if settings.export_format in FORMATS else DEFAULT_FORMAT)
    picture = FORMATS[fmt].needs_app
    problem = _usage_problem(args, settings, fmt)
    if problem:
        _error(problem)
        return EXIT_USAGE
    dataset = _load_data(args, settings)
    if dataset is None:
        return EXIT_DATA
    try:
        view = make_view(dataset)
    except QueryError as exc:
        _query_error(args.query, exc)
        return EXIT_DATA
    except MeetingNotFound as exc:
        _error(str(exc))
        return EXIT_DATA
    if args.names:  # the app (an svg) reads the language from its settings
        settings = dataclasses.replace(settings, language=args.names)
    view = in_language(view, dataset, settings.language)
    sort = None
    try:
        if args.sort:
            sort = Sort(column_key(view, args.sort), args.reverse)
            view = sorted_view(view, sort)
        if args.hide:
            view = without_columns(view, frozenset(column_key(view, c) for c in args.hide))
    except UnknownColumn as exc:
        _error(str(exc))
        return EXIT_USAGE
    from atctui.subset import EmptySubset

    try:
        if getattr(args, "chart", False):
            content = _chart(args, dataset, settings, view, fmt)
        elif picture:
            svg = _picture(args, dataset, settings, sort)
            content = svg_with_evidence(svg, dataset, view)
        else:
            fmt = "evidence" if args.evidence else fmt
            width = args.width or TEXT_WIDTH
            content = export_view(dataset, view, fmt, width, args.raw, args.timestamp)
    except EmptySubset as exc:
        _error(str(exc))
        return EXIT_DATA
    return _emit(args, content, rows_phrase(len(view.rows)))


def cmd_sources(args: argparse.Namespace) -> int:
    """`atctui sources`: the sources a view's rows cite (every source without a view), as
    text, CSL-JSON, BibTeX or RIS."""
    from atctui.citing import write_sources
    from atctui.errors import QueryError
    from atctui.provenance import evidence_of
    from atctui.viewstate import Sort, UnknownColumn, column_key, sorted_view

    settings, _ = _settings()
    if args.saved and not args.view:  # the view its saved query is for
        saved = settings.saved_queries().get(args.saved)
        args.view = saved.tab if saved is not None and saved.tab != "compare" else None
    problem = _saved_query(args, settings, "query")
    if problem is None and (args.query or args.sort) and not args.view:
        problem = "--query and --sort choose a view's rows: name the view (timeline, "
        problem += "participants, exercises)"
    elif problem is None and args.reverse and not args.sort:
        problem = "--reverse reverses a --sort: name the column to sort by"
    if problem:
        _error(problem)
        return EXIT_USAGE
    dataset = _load_data(args, settings)
    if dataset is None:
        return EXIT_DATA
    if args.view:
        try:
            view = _checked_build(args.view, dataset, args.query)
            if args.sort:  # numbered in the order of the sorted rows, as export numbers them
                view = sorted_view(view, Sort(column_key(view, args.sort), args.reverse))
            sources = evidence_of(dataset, view).sources
        except QueryError as exc:
            _query_error(args.query, exc)
            return EXIT_DATA
        except UnknownColumn as exc:
            _error(str(exc))
            return EXIT_USAGE
    else:
        sources = list(dataset.content.sources)
    if not sources:
        _error("the view cites no sources: nothing to write")
        return EXIT_DATA
    content = write_sources(sources, args.format)
    count = len(sources)
    return _emit(args, content, f"{count} source{'s' if count != 1 else ''}")


def _chart(
    args: argparse.Namespace, dataset: Dataset, settings: Settings, view: View, fmt: str
) -> str:
    """`export --chart`: the chart drawn as text or by the app (svg), or its marks."""
    from atctui.export import svg_with_evidence
    from atctui.export_chart import chart_export, chart_marks

    if FORMATS[fmt].needs_app:
        svg = _picture(args, dataset, settings, None, chart=True)
        return svg_with_evidence(svg, dataset, chart_marks(dataset, view))
    return chart_export(dataset, view, fmt, args.width or TEXT_WIDTH, args.raw, args.timestamp)


def _picture(
    args: argparse.Namespace,
    dataset: Dataset,
    settings: Settings,
    sort: Sort | None,
    chart: bool = False,
) -> str:
    """The svg: the app, run headless at the size asked, draws the view (or the
    comparison) sorted as asked, as it shows it. Textual is imported here only, for this
    format."""
    from atctui.app.picture import view_svg

    size = (args.width or PICTURE_SIZE[0], args.height or PICTURE_SIZE[1])
    meetings = (args.first, args.second) if args.command == "diff" else None
    view_name = "compare" if meetings else args.view
    svg, problems = view_svg(
        dataset,
        view_name,
        args.query,
        size,
        settings=settings,
        meetings=meetings,
        sort=sort,
        chart=chart,
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


def cmd_app(args: argparse.Namespace) -> int:
    """Open the app on the data given (or the settings', or the bundled data), on the
    view `--tab`, `--query` (or `--saved`) and `--sort` say; a problem in the data, the
    query or the sort is printed and the app does not open. Under `atctui serve`, the
    process is first tied to its server."""
    from atctui.lifeline import tie_to_server

    tie_to_server()  # an app process of `atctui serve` ends with its server

    settings, problems = _settings()
    if args.saved and not args.tab:  # a saved query's own tab, unless --tab says
        saved = settings.saved_queries().get(args.saved)
        args.tab = saved.tab if saved is not None else None
    usage = _saved_query(args, settings, "app_query") or (
        "--reverse reverses a --sort: name the column to sort by"
        if args.reverse and not args.sort
        else None
    )
    if usage:
        _error(usage)
        return EXIT_USAGE
    dataset = _load_data(args, settings)
    if dataset is None:
        return EXIT_DATA
    start = _start_view(args, dataset)
    if isinstance(start, int):
        return start
    from atctui.app.main import AtcApp

    if args.names:
        settings = dataclasses.replace(settings, language=args.names)
    app = AtcApp(dataset, settings=settings, settings_problems=problems, start=start)
    app.run()
    return app.return_code or EXIT_OK  # an app that stopped on an error says so


def _start_view(args: argparse.Namespace, dataset: Dataset) -> StartView | int:
    """The view the app opens on, its query and sort checked against the data; or the
    exit code of a bad one (its message printed)."""
    from atctui.app.main import StartView
    from atctui.errors import QueryError
    from atctui.query import parse
    from atctui.views import build
    from atctui.viewstate import Sort, UnknownColumn, column_key
    from atctui.vocabulary import check_values

    tab = args.tab or "timeline"
    try:
        check_values(parse(args.app_query), tab, dataset)
        sort = None
        if args.sort:
            if tab == "compare":
                _error("--sort: the Compare tab has no columns until two meetings are chosen")
                return EXIT_USAGE
            # The filtered view's columns, as `export` checks them (a matrix filtered
            # to one year has only that year's meeting columns).
            view = build(tab, dataset, args.app_query)
            sort = Sort(column_key(view, args.sort), args.reverse)
    except QueryError as exc:
        _query_error(args.app_query, exc)
        return EXIT_DATA
    except UnknownColumn as exc:
        _error(str(exc))
        return EXIT_USAGE
    return StartView(tab, args.app_query, sort)


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


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command the arguments name (the app when none); returns the exit code. An
    interrupt exits with 130; a pipe closed by the reader (`| head`) is not an error."""
    for stream in (sys.stdout, sys.stderr):
        # A file name that is not UTF-8 reaches the output as a lone surrogate where a
        # message quotes it unescaped: shown as \udcff, never a traceback.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    words = list(sys.argv[1:] if argv is None else argv)
    misplaced = options_before_the_command(words)
    if misplaced is not None:
        _error(misplaced)
        return EXIT_USAGE
    args = build_parser().parse_args(query_values_kept(words))
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
        if args.command == "sources":
            return cmd_sources(args)
        if args.version:
            return cmd_version(args.data)
        return cmd_app(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `atctui export … | head`
        sys.stderr.close()
        return EXIT_OK
