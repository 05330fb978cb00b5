"""`atctui export VIEW --chart`, run as a subprocess: the chart as text, its marks in the
other formats, and what it refuses."""

from __future__ import annotations

import csv
import io
import json

from tests.helpers import run_cli, svg_lines


def test_export_chart_as_text_draws_the_lanes_the_legend_and_the_provenance() -> None:
    result = run_cli("export", "timeline", "--chart", "--query", "kind:exercise", "-f", "text",
                     "--width", "60")  # fmt: skip
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert lines[0] == "Timeline chart — query: kind:exercise"
    assert any(line.startswith("Exercises") and "│" in line for line in lines)
    # Only the exercises' lane: the filter applies.
    assert not any(line.startswith(("Programs", "Terms in office")) for line in lines)
    assert "hollow" in out and "Sources:" in out and "view: timeline-chart" in out
    chart = out.split("Sources:")[0]
    assert all(len(line) <= 60 for line in chart.split("● a day")[0].splitlines())


def test_export_chart_as_csv_lists_the_marks_and_json_keeps_their_records() -> None:
    result = run_cli("export", "participants", "--chart", "-f", "csv", "--query", "moldova")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["Lane"] for r in rows} == {"Moldova"}
    assert all(r["id"] == "participant:moldova" for r in rows)
    assert all(r["Marker"].isdigit() or r["Marker"] == "?" for r in rows)  # ?: unknown
    result = run_cli("export", "timeline", "--chart", "-f", "json", "--query", "year:2019")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["rows"] and all(row["citations"] for row in data["rows"])


def test_export_chart_refuses_a_view_without_one() -> None:
    result = run_cli("export", "exercises", "--chart")
    assert result.returncode == 2
    assert "--chart draws the timeline or participants view" in result.stderr
    assert "--chart" in run_cli("export", "--help").stdout


def test_export_chart_as_svg_is_the_apps_picture_of_the_chart() -> None:
    result = run_cli("export", "timeline", "--chart", "-f", "svg", "--width", "100",
                     "--height", "30")  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = svg_lines(result.stdout)
    assert any("Exercises" in line and "│" in line for line in lines)
    assert any("v table" in line for line in lines)
