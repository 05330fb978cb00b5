from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from rich.cells import cell_len
from tests.helpers import ROOT, imported_after, run_cli, svg_lines

from atctui import __version__
from atctui.textsafe import printable


def test_help_and_version() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for word in ("validate", "export", "--data"):
        assert word in result.stdout
    import hashlib

    from atctui.loading import bundled_data_path

    lines = run_cli("--version").stdout.splitlines()
    assert lines[0] == f"atctui {__version__}"
    # The bundled TOML's own sha256: `sha256sum meetings.toml` gives the same.
    assert lines[-1] == f"sha256 {hashlib.sha256(bundled_data_path().read_bytes()).hexdigest()}"


def test_validate_bundled() -> None:
    result = run_cli("validate")
    assert result.returncode == 0
    assert result.stdout.startswith(
        "ok: bundled dataset: 23 meetings, 24 exercises, 54 participants"
    )


def test_usage_errors_exit_2() -> None:
    assert run_cli("export", "nonsense").returncode == 2
    assert run_cli("export", "timeline", "--width", "abc").returncode == 2
    assert run_cli("frobnicate").returncode == 2


def test_export_text_matches_the_data() -> None:
    result = run_cli("export", "exercises", "--query", "host:tajikistan", "--width", "200")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Exercises — query: host:tajikistan"
    assert "│ Commonwealth" in result.stdout and "Tajikistan" in result.stdout
    assert "Ararat" not in result.stdout
    assert "5 of 24 rows" in lines
    assert lines[-3] == "data: bundled dataset"
    assert lines[-2].startswith("sha256 ") and len(lines[-2]) == len("sha256 ") + 64
    assert lines[-1] == f"view: exercises · query: host:tajikistan · atctui {__version__}"


def test_export_participants_at_80_keeps_every_column() -> None:
    result = run_cli("export", "participants", "--width", "80")
    # a source's address is one line of its own, so it can be copied whole
    lines = [line for line in result.stdout.splitlines() if not line.startswith("    https://")]
    assert all(len(line) <= 80 for line in lines)
    for label in ("X 2017", "XII 2019", "XIII* 2020", "XVIII 2025", "Total"):
        assert label in result.stdout


def _columns_read_back(text: str) -> list[dict[str, str]]:
    """Per table drawn: each column's text, top to bottom, spaces removed, by label."""
    tables: list[dict[str, str]] = []
    columns: dict[str, str] = {}
    header: list[list[str]] = []
    body: list[list[str]] = []
    part = None
    for line in text.splitlines():
        if line.startswith("┌"):
            part, header, body, columns = "header", [], [], {}
            tables.append(columns)
        elif line.startswith("├") and part == "header":
            part = "body"
        elif line.startswith(("├", "└")) and part == "body":
            labels = ["".join(seg) for seg in zip(*header, strict=True)]
            for label, cells in zip(labels, zip(*body, strict=True), strict=True):
                columns[label] = columns.get(label, "") + "".join(cells)
            part = "footer" if line.startswith("├") else None
        elif line.startswith("│") and part in ("header", "body"):
            segments = ["".join(seg.split()) for seg in line.strip("│").split("│")]
            (header if part == "header" else body).append(segments)
    return tables


def test_narrow_exports_lose_nothing() -> None:
    """Every character of every cell is in the text export at any width: the table read
    back column by column gives the cells back (rich would crop silently)."""
    from atctui.export import to_text
    from atctui.loading import load
    from atctui.views import VIEWS, build

    dataset = load()
    for name in VIEWS:
        view = build(name, dataset)
        for width in (30, 50, 80, 100, 160):
            text = to_text(view, width=width)
            assert all(len(line) <= width for line in text.splitlines()), (name, width)
            read_back = _columns_read_back(text)
            if not read_back:  # too narrow for a table: one block per row
                flat = "".join(text.split())
                for row in view.rows:
                    assert "".join(f"── {row.cells[0]}".split()) in flat
                continue
            labels = {"".join(c.label.split()): i for i, c in enumerate(view.columns)}
            seen = set()
            for table in read_back:
                for label, text_of_column in table.items():
                    i = labels[label]
                    seen.add(i)
                    expected = "".join("".join(row.cells[i].split()) for row in view.rows)
                    assert text_of_column == expected, (name, width, label)
            assert seen == set(range(len(view.columns))), (name, width)


def test_bad_query_exits_1_and_points_at_it() -> None:
    result = run_cli("export", "timeline", "--query", "moldova cty:x")
    assert result.returncode == 1
    assert "unknown field 'cty'" in result.stderr
    assert "        ^" in result.stderr


def _under_the_caret(stderr: str) -> str:
    """The character of the line above the caret line that its `^` stands under, counted
    in terminal cells (a CJK character takes two)."""
    lines = stderr.splitlines()
    caret = next(i for i, line in enumerate(lines) if line.lstrip().startswith("^ "))
    column = cell_len(lines[caret][: lines[caret].index("^")])
    at = 0
    for char in lines[caret - 1]:
        if at == column:
            return char
        at += cell_len(char)
    return ""


@pytest.mark.parametrize(
    ("query", "fault", "message"),
    [
        ("moldova cty:x", "c", "unknown field 'cty'"),
        ("has:foo", "f", "unknown marker 'foo'"),
        ('moldova "border', '"', "unclosed quote"),
        ("中文漢字 colour:red", "c", "unknown field 'colour'"),  # two cells a character
        ("кириллица -", "-", "'-' must be followed by a term"),
        ("\x1b[31m year:20x", "y", "year:20x is not a year"),  # shown as \x1b, 4 cells
        ("e\u0301\u0301 \t host:", "h", "field 'host' needs a value"),  # accents take none
    ],
)
def test_the_caret_stands_under_the_fault(query: str, fault: str, message: str) -> None:
    """`atctui: bad query: Q` then `^` under the fault of Q on the line above: before, the
    caret was placed as if Q started the line, and counted characters, not cells."""
    result = run_cli("export", "timeline", "--query", query)
    assert result.returncode == 1
    assert message in result.stderr
    assert result.stderr.splitlines()[0] == "atctui: bad query: " + printable(query)
    assert _under_the_caret(result.stderr) == fault


def test_output_is_written_and_never_overwritten(tmp_path: Path) -> None:
    out = tmp_path / "timeline.txt"
    assert run_cli("export", "timeline", "-o", str(out)).returncode == 0
    first = out.read_text(encoding="utf-8")
    assert first.startswith("Timeline\n")
    out.write_text("mine", encoding="utf-8")
    refused = run_cli("export", "timeline", "-o", str(out))
    assert refused.returncode == 1 and "file exists" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert run_cli("export", "timeline", "-o", str(out), "--force").returncode == 0
    assert out.read_text(encoding="utf-8") == first
    assert [p.name for p in tmp_path.iterdir()] == ["timeline.txt"]  # no temp files left


def test_export_json_and_csv() -> None:
    data = json.loads(run_cli("export", "timeline", "-f", "json", "-q", "moldova").stdout)
    assert data["meta"]["view"] == "timeline" and data["meta"]["count"] == len(data["rows"]) == 14
    assert [r["id"] for r in data["rows"]] == [
        "exercise:south-antiterror-2001", "exercise:south-antiterror-2002",
        "exercise:west-antiterror-2004", "exercise:donbass-antiterror-2011",
        "exercise:ala-too-antiterror-2013", "exercise:zhetysu-antiterror-2014",
        "exercise:cyber-antiterror-2016", "meeting:au-executives-2016", "meeting:x-2017",
        "meeting:xiii-2020", "meeting:xiv-2021", "exercise:caspian-antiterror-2021",
        "meeting:authorized-representatives-2025-04",
        "meeting:authorized-representatives-2025-09",
    ]  # fmt: skip
    csv_text = run_cli("export", "exercises", "-f", "csv").stdout
    assert csv_text.splitlines()[0].startswith("id,Exercise,Date,Host")


def test_python_dash_m_works() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "atctui", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0


def test_headless_commands_do_not_import_textual() -> None:
    code = (
        "import contextlib, io\n"
        "from atctui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['validate']); main(['export', 'participants', '-f', 'toml'])\n"
    )
    assert imported_after(code, "textual") == []


def test_export_svg_draws_the_filtered_view_as_the_app_does(tmp_path: Path) -> None:
    """Before: the dialog offered svg and the CLI refused it ('invalid choice: svg')."""
    out = tmp_path / "x.svg"
    result = run_cli("export", "timeline", "--query", "moldova", "--format", "svg", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"wrote 14 rows to {out}\n"
    svg = out.read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)  # well-formed XML
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    lines = svg_lines(svg)
    assert screen_size(svg) == (120, 40)
    text = "\n".join(lines)
    rows = [r for r in cli_csv("timeline", "moldova")[1:]]
    assert len(rows) == 14
    for row in rows:  # each row's date and kind, on one line of the picture
        assert any(row[1] in line and row[2] in line for line in lines), (row, text)
    assert "14 of 70 rows" in text and "moldova" in text
    assert "Azov-Antiterror" not in text  # a row the filter leaves out


def test_export_svg_takes_width_and_height_and_height_is_for_svg_only() -> None:
    result = run_cli(
        "export",
        "exercises",
        "-f",
        "svg",
        "--width",
        "80",
        "--height",
        "24",
        "-q",
        "host:tajikistan",
    )
    assert result.returncode == 0, result.stderr
    lines = svg_lines(result.stdout)
    assert screen_size(result.stdout) == (80, 24)
    assert any("Tajikistan" in line for line in lines)
    refused = run_cli("export", "exercises", "-f", "csv", "--height", "24")
    assert refused.returncode == 2 and "--height" in refused.stderr
    assert run_cli("export", "exercises", "-f", "svg", "--height", "3").returncode == 2


def test_export_help_and_readme_say_the_same_of_svg() -> None:
    help_text = " ".join(run_cli("export", "--help").stdout.split())
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    for text in (help_text, readme):
        assert "svg" in text and "--height" in text
        assert "the app's screen" in text and "120x40" in text


def screen_size(svg: str) -> tuple[int, int]:
    """A screenshot's size in cells: Rich paints each line's background from x=0, and each
    cell is 12.2 pixels wide."""
    rects = re.findall(r'<rect fill="[^"]*" x="([\d.]+)" y="([\d.]+)" width="([\d.]+)"', svg)
    lines = {y for x, y, _ in rects if x == "0"}
    columns = max(float(x) + float(width) for x, _, width in rects)
    return round(columns / 12.2), len(lines)


def cli_csv(view: str, query: str) -> list[list[str]]:
    out = run_cli("export", view, "-f", "csv", "-q", query).stdout
    return list(csv.reader(io.StringIO(out, newline="")))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("export", "exercises", "-q", "kind:zzz"), "no kind 'zzz' on the Exercises tab"),
        (("export", "timeline", "-q", "status:hled"), "no status 'hled' on the Timeline tab"),
        (("diff", "X", "XII", "-q", "kind:agenda"), "no kind 'agenda' on the Compare tab"),
        (("sources", "participants", "-q", "-kind:stat3"), "no kind 'stat3'"),
    ],
)
def test_a_value_no_row_can_have_is_a_located_error(args: tuple[str, ...], message: str) -> None:
    """Before: `kind:zzz` printed "0 of 22 rows" with exit 0, a typo unseen (has:foo was
    already an error)."""
    result = run_cli(*args)
    assert result.returncode == 1 and message in result.stderr
    assert "^" in result.stderr  # pointed at


def test_values_a_tab_shows_are_still_accepted() -> None:
    for args in (("export", "participants", "-q", "kind:intl"),
                 ("export", "timeline", "-q", "status:held"),
                 ("diff", "X", "XII", "-q", "kind:topic")):  # fmt: skip
        result = run_cli(*args, "-f", "csv")
        assert result.returncode == 0 and len(result.stdout.splitlines()) > 1, args


@pytest.mark.parametrize("port", ["99999", "-1", "0", "abc"])
def test_serve_refuses_a_port_it_cannot_listen_on_as_a_usage_error(port: str) -> None:
    """Before: 99999 and -1 ended in an OverflowError traceback, and 0 printed an address
    with port 0 while the server listened elsewhere and refused its Host header."""
    result = run_cli("serve", f"--port={port}")
    assert result.returncode == 2 and "argument --port" in result.stderr
    assert "Traceback" not in result.stderr


def test_sort_and_sources_say_when_they_have_nothing_to_do() -> None:
    """Attack report 3, A7 and A11: `--sort ''` sorted nothing silently; the app took a
    column the filtered view does not have; `sources` of no rows wrote an empty file."""
    empty_sort = run_cli("export", "participants", "--sort", "")
    assert empty_sort.returncode == 2 and "name a column" in empty_sort.stderr
    filtered_out = run_cli("--tab", "participants", "--query", "year:2019", "--sort", "X 2017")
    assert filtered_out.returncode == 2 and "no column 'X 2017'" in filtered_out.stderr
    no_sources = run_cli("sources", "participants", "-q", "zzzzz", "-f", "ris")
    assert no_sources.returncode == 1 and "cites no sources" in no_sources.stderr


@pytest.mark.parametrize(
    "words",
    [
        ("--data", "/nonexistent.toml", "validate"),
        ("-q", "moldova", "export", "timeline"),
        ("--names", "ru", "--sort", "date", "export", "timeline"),
        ("--data", "x.toml", "sources"),
    ],
)
def test_an_app_option_before_a_command_is_refused_not_dropped(words: tuple[str, ...]) -> None:
    """Before: `atctui --data /nonexistent.toml validate` checked the bundled data and
    said ok (attack report 4, #1)."""
    result = run_cli(*words)
    assert result.returncode == 2 and result.stdout == ""
    command = next(w for w in words if w in ("validate", "export", "sources"))
    assert f"goes after the command: atctui {command} {words[0]}" in result.stderr


def test_a_command_named_as_an_option_value_is_a_value() -> None:
    result = run_cli("--data", "validate")  # a data file named 'validate'
    assert result.returncode == 1 and "validate: no such file" in result.stderr
