"""Exports keep their evidence (#20): each format's citations read back equal the
dataset's, and every export says which data, query and sort it was made from."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from tests.helpers import BUNDLED_TOML, run_cli

from atctui.export import export_view
from atctui.loading import load
from atctui.views import VIEWS, build

DATASET = load()
QUERIES = ["", "moldova", "host:kyrgyzstan", "kind:state"]


def _records_citations(key: str) -> list[tuple[str, str]]:
    """What the dataset cites for the record behind a row: (source, quote) pairs."""
    record = DATASET.records[key]
    return [(c.source, c.quote or "") for c in record.citations]


@pytest.mark.parametrize("view_name", VIEWS)
@pytest.mark.parametrize("query", QUERIES)
def test_json_citations_are_the_datasets(view_name: str, query: str) -> None:
    view = build(view_name, DATASET, query)
    data = json.loads(export_view(DATASET, view, "json"))
    assert [row["id"] for row in data["rows"]] == [row.key for row in view.rows]
    numbered = {s["id"] for s in data["sources"]}
    for row in data["rows"]:
        got = [(c["source"], c["quote"] or "") for c in row["citations"]]
        assert got == _records_citations(row["id"]), row["id"]
        for c in row["citations"]:
            source = DATASET.sources[c["source"]]
            assert c["url"] == source.url  # null where the source has no address
            assert c["source"] in numbered
        for column, cited in row.get("cell_citations", {}).items():
            participant = row["id"].partition(":")[2]
            attendance = DATASET.attendance.get(column, {}).get(participant)
            if attendance is not None:
                assert [(c["source"], c["quote"] or "") for c in cited] == [
                    (c.source, c.quote or "") for c in attendance.citations
                ]
    assert data["meta"]["dataset"]["sha256"] == DATASET.sha256
    assert data["meta"]["query"] == query


@pytest.mark.parametrize("view_name", VIEWS)
def test_csv_evidence_joins_back_to_the_views_rows(view_name: str) -> None:
    rows_csv = run_cli("export", view_name, "--query", "moldova", "--format", "csv")
    evidence_csv = run_cli("export", view_name, "--query", "moldova", "--evidence")
    assert rows_csv.returncode == evidence_csv.returncode == 0, evidence_csv.stderr
    rows = list(csv.DictReader(io.StringIO(rows_csv.stdout)))
    evidence = list(csv.DictReader(io.StringIO(evidence_csv.stdout)))
    assert rows and evidence
    by_id = {row["id"]: row for row in rows}
    assert {e["id"] for e in evidence} <= set(by_id)  # every citation joins a row
    for row in rows:  # every source a row names has its citation rows
        joined = {e["source"] for e in evidence if e["id"] == row["id"]}
        assert set(row["sources"].split()) == joined, row["id"]
    for e in (e for e in evidence if not e["column"]):
        assert (e["source"], e["quote"]) in _records_citations(e["id"])
        assert e["url"] == (DATASET.sources[e["source"]].url or "")


@pytest.mark.parametrize("view_name", VIEWS)
def test_every_markdown_reference_resolves_in_its_source_list(view_name: str) -> None:
    view = build(view_name, DATASET, "")
    text = export_view(DATASET, view, "markdown")
    table, _, listed = text.partition("### Sources")
    used = set(re.findall(r"\[(\d+)\]", table))
    entries = dict(re.findall(r"^\[(\d+)\] (.+)$", listed, re.M))
    assert used and used == set(entries)
    for number, entry in entries.items():  # [n] names the n-th source cited
        assert entry.strip()
        assert int(number) <= len(entries)


@pytest.mark.parametrize("fmt", ["text", "markdown", "csv", "json", "toml"])
def test_every_format_states_its_data_query_sort_and_version(fmt: str) -> None:
    result = run_cli(
        "export", "exercises", "--query", "host:kyrgyzstan", "--sort", "date", "--reverse",
        "--format", fmt,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert DATASET.sha256 in result.stdout
    assert "bundled dataset" in result.stdout
    assert "host:kyrgyzstan" in result.stdout
    assert re.search(r"Date[^\n]*descending|\"reverse\": true", result.stdout)


def test_two_exports_are_byte_identical_unless_a_timestamp_is_asked() -> None:
    args = ("export", "participants", "--query", "moldova", "--format", "json")
    assert run_cli(*args).stdout == run_cli(*args).stdout
    stamped = json.loads(run_cli(*args, "--timestamp").stdout)
    assert re.match(r"\d{4}-\d\d-\d\dT", stamped["meta"]["exported_at"])


def _hash_line(data: Path) -> str:
    result = run_cli("validate", str(data))
    assert result.returncode == 0, result.stderr
    return next(line for line in result.stdout.splitlines() if line.startswith("sha256 "))


def test_the_hash_changes_when_the_data_changes_and_not_otherwise(tmp_path: Path) -> None:
    data = tmp_path / "meetings.toml"
    shutil.copyfile(BUNDLED_TOML, data)
    first = _hash_line(data)
    # The same hash sha256sum gives, and the same in --version and every export.
    assert first == "sha256 " + hashlib.sha256(data.read_bytes()).hexdigest()
    version = run_cli("--data", str(data), "--version")
    assert first in version.stdout
    assert first.split()[1] in run_cli("export", "timeline", "--data", str(data)).stdout
    data.touch()  # a new modification time, the same bytes
    shutil.copyfile(data, tmp_path / "copy.toml")
    assert _hash_line(data) == first == _hash_line(tmp_path / "copy.toml")
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('city = "Moscow"', 'city = "Moskva"', 1), encoding="utf-8")
    assert _hash_line(data) != first
    data.write_text(text + "\n# a comment\n", encoding="utf-8")
    assert _hash_line(data) != first  # any byte: the hash is of the file


def test_hidden_columns_and_the_sort_are_said_and_reproduced() -> None:
    """Before: hiding a column dropped the sort from the provenance, and nothing said a
    column was hidden (report writer's test, R14)."""
    args = ("export", "exercises", "-q", "host:kyrgyzstan", "--sort", "Date", "--reverse")
    text = run_cli(*args, "--hide", "place", "--hide", "Stages")
    assert text.returncode == 0, text.stderr
    assert "sorted by Date descending · columns hidden: Place, Stages" in text.stdout
    assert "│ Place" not in text.stdout and "Cholpon-Ata" not in text.stdout
    meta = json.loads(run_cli(*args, "--hide", "place", "-f", "json").stdout)["meta"]
    assert meta["sort"] == "Date descending" and meta["hidden_columns"] == ["Place"]
    bad = run_cli(*args, "--hide", "colour")
    assert bad.returncode == 2 and "no column 'colour'" in bad.stderr


def test_sources_number_as_the_sorted_export_does() -> None:
    """Before: `sources VIEW` numbered in the view's own order and refused --sort, so its
    [n] named other sources than a sorted export's (R8)."""
    args = ("exercises", "-q", "year:2017..2025", "--sort", "date", "--reverse")
    listed = run_cli("sources", *args).stdout.splitlines()
    exported = run_cli("export", *args, "-f", "markdown").stdout
    section = exported.split("### Sources")[1].split("---")[0]
    in_export = [line for line in section.splitlines() if re.match(r"\[\d+\] ", line)]
    assert len(listed) == len(in_export) > 1
    for mine, theirs in zip(listed, in_export, strict=True):
        assert mine.split(". ")[0].split(", ")[0] == theirs.split(". ")[0].split(", ")[0]


def test_markdown_references_link_to_their_pages() -> None:
    from markdown_it import MarkdownIt

    markdown = run_cli("export", "participants", "-q", "moldova", "-f", "markdown").stdout
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    links = dict(re.findall(r'<a href="([^"]+)">(\d+)</a>', html))
    assert links and all(url.startswith(("https://", "http://")) for url in links)
    urls = {s.url for s in DATASET.sources.values() if s.url}
    assert set(links) <= urls


def test_a_saved_query_for_another_tab_is_refused(tmp_path: Path) -> None:
    """Before: `export timeline --saved kg` applied an exercises filter to the timeline;
    `sources --saved kg` without a view asked for one (R6)."""
    import os
    import subprocess
    import sys

    settings = tmp_path / "settings.toml"
    settings.write_text('[queries]\nkg = { query = "host:kyrgyzstan", tab = "exercises" }\n')
    env = {**os.environ, "ATCTUI_CONFIG": str(settings)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "atctui", *args], capture_output=True,
                              text=True, env=env, timeout=60)  # fmt: skip

    wrong = run("export", "timeline", "--saved", "kg")
    assert wrong.returncode == 2
    assert "the saved query 'kg' is for the exercises tab, not timeline" in wrong.stderr
    assert run("export", "exercises", "--saved", "kg").returncode == 0
    sources = run("sources", "--saved", "kg")
    assert sources.returncode == 0 and "eng.cisatc.org/1289/133" in sources.stdout


@pytest.mark.parametrize(
    "query",
    ["\x1b]52;c;SGVsbG8=\x07moldova", "moldova\x9b31m", "moldova\u202e", "it's\nmoldova"],
)
def test_the_reproducing_command_holds_no_control_character_and_runs(
    query: str, tmp_path: Path
) -> None:
    """Before: C copied ESC, BEL, C1 and newlines raw from the query and the data path
    (attack report 4, #8)."""
    import shutil
    import subprocess

    from atctui.reproduce import reproducing_command
    from atctui.textsafe import UNSAFE

    data = tmp_path / "d\x1b[31m.toml"
    shutil.copy(BUNDLED_TOML, data)
    command = reproducing_command("timeline", query, None, [str(data)], names="ru")
    assert not UNSAFE.search(command) and "\n" not in command
    assert "--names ru" in command
    # The shell gives atctui the same words: the query and the path as they were.
    words = subprocess.run(
        ["bash", "-c", "printf '%s\\0' " + command.removeprefix("atctui ")],
        capture_output=True, check=True,
    ).stdout.decode("utf-8", "surrogateescape").split("\0")[:-1]  # fmt: skip
    assert words[words.index("--query") + 1] == query
    assert words[words.index("--data") + 1] == str(data)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_the_notes_of_the_rows_shown_travel_with_the_export(fmt: str) -> None:
    """Before: a row flagged ! said there was a contradiction, and no export but TOML
    said what it was (new-user report 4, F11)."""
    from atctui.loading import load
    from atctui.loading.bundled import bundled_data_path

    dataset = load([bundled_data_path()])
    out = run_cli("export", "exercises", "-q", "west-antiterror", "-f", fmt)
    assert out.returncode == 0, out.stderr
    notes = dataset.notes_for("exercise", "west-antiterror-2004")
    assert notes and any(n.kind == "contradiction" for n in notes)
    if fmt == "json":
        row = json.loads(out.stdout)["rows"][0]
        assert row["notes"] == [{"kind": n.kind, "text": n.text} for n in notes]
    else:
        flat = " ".join(out.stdout.split()).replace("\\", "")
        for n in notes:
            assert " ".join(n.text.split()) in flat
    other = run_cli("export", "exercises", "-q", "dushanbe", "-f", fmt)
    assert "Maldives" not in other.stdout  # only the notes of the rows shown
