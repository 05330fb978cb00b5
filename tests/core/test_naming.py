"""Records named in Russian (`--names ru`, the language setting, L in the app), the
matrix's columns chosen by kind: and series:, and Compare on exercises."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from tests.helpers import run_cli

from atctui.compare import compare
from atctui.dataset import Dataset, Presence
from atctui.naming import NO_LOCAL_NAME, in_language, local_name
from atctui.views import build
from atctui.viewstate import Sort, ViewState


def test_a_record_is_named_in_russian_where_the_data_give_a_name(dataset: Dataset) -> None:
    view = in_language(build("participants", dataset), dataset, "ru")
    names = {row.key: row.cells[0] for row in view.rows}
    assert names["participant:moldova"] == "Молдова"
    assert names["participant:csto"] == local_name(dataset.participants["csto"], "ru")
    assert all(local_name(p, "ru") for p in dataset.participants.values())
    # English: the cells as built, and both names carried for the exports.
    english = in_language(build("participants", dataset), dataset, "en")
    built = build("participants", dataset)
    assert [r.cells for r in english.rows] == [r.cells for r in built.rows]
    assert english.names["participant:moldova"] == {"en": "Moldova", "ru": "Молдова"}


def test_a_record_without_a_name_in_the_language_is_marked(tmp_path: Path) -> None:
    from atctui.loading import load

    data = tmp_path / "d.toml"
    data.write_text(
        '[[sources]]\nid = "s"\nkind = "web_page"\nurl = "https://example.org/"\n\n'
        '[[participants]]\nid = "p"\nname = "Bare"\nkind = "member_state"\n'
        'citations = [{ source = "s" }]\n\n'
        '[[participants]]\nid = "q"\nname = "Named"\nkind = "member_state"\n'
        'names = [{ text = "Именованный", language = "ru", citations = [{ source = "s" }] }]\n'
        'citations = [{ source = "s" }]\n',
        encoding="utf-8",
    )
    small = load([data])
    view = in_language(build("participants", small), small, "ru")
    assert [r.cells[0] for r in view.rows] == ["Bare" + NO_LOCAL_NAME, "Именованный"]
    assert NO_LOCAL_NAME in view.legend


def test_exercises_and_their_hosts_are_named_in_russian(dataset: Dataset) -> None:
    view = in_language(build("exercises", dataset, "year:2021"), dataset, "ru")
    keys = [c.key for c in view.columns]
    row = next(r for r in view.rows if r.key == "exercise:caspian-antiterror-2021")
    assert row.cells[keys.index("name")].startswith("Каспий-Антитеррор")
    assert row.cells[keys.index("host")] == "Казахстан"
    timeline = in_language(build("timeline", dataset, "year:2021"), dataset, "ru")
    title = [c.key for c in timeline.columns].index("title")
    shown = {r.key: r.cells[title] for r in timeline.rows}
    assert shown["exercise:caspian-antiterror-2021"].startswith("Каспий-Антитеррор")
    assert shown["exercise:caspian-antiterror-2021"].endswith("(held)")


def test_a_sort_by_name_sorts_the_names_shown(dataset: Dataset) -> None:
    state = ViewState.of_view("participants")
    state.names, state.sort = "ru", Sort("participant")
    shown = [r.cells[0] for r in state.build(dataset).rows]
    assert shown == sorted(shown, key=str.casefold)
    assert "Молдова" in shown and "Moldova" not in shown


def test_the_command_line_names_records_as_asked_and_csv_json_carry_both() -> None:
    out = run_cli("export", "exercises", "--names", "ru", "-q", "year:2017", "-f", "csv")
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert rows[0]["Exercise"].startswith("Душанбе")
    assert rows[0]["name_en"] == "Dushanbe-Antiterror" and rows[0]["name_ru"] == rows[0]["Exercise"]
    english = run_cli("export", "exercises", "-q", "year:2017", "-f", "json")
    row = json.loads(english.stdout)["rows"][0]
    assert row["name"] == "Dushanbe-Antiterror" and row["names"]["ru"].startswith("Душанбе")
    assert run_cli("export", "timeline", "--names", "fr").returncode == 2


def test_the_language_setting_names_records_in_exports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = tmp_path / "settings.toml"
    settings.write_text('language = "ru"\n', encoding="utf-8")
    monkeypatch.setenv("ATCTUI_CONFIG", str(settings))
    out = run_cli("export", "participants", "-q", "moldova", "-f", "csv")
    assert "Молдова" in out.stdout
    settings.write_text('language = "de"\n', encoding="utf-8")
    out = run_cli("export", "participants", "-q", "moldova", "-f", "csv")
    assert "language" in out.stderr and "Moldova" in out.stdout  # said, then the default


@pytest.mark.parametrize(
    ("query", "kinds"),
    [
        ("", {"meeting"}),
        ("kind:exercise", {"exercise"}),
        ("kind:exercises year:2023", {"exercise"}),
        ("kind:all", {"meeting", "exercise"}),
        ("series:exercise", {"exercise"}),
        ("series:authorized", {"meeting"}),
        ("-kind:exercise kind:all", {"meeting"}),
    ],
)
def test_kind_and_series_choose_the_matrix_columns(
    dataset: Dataset, query: str, kinds: set[str]
) -> None:
    view = build("participants", dataset, query)
    columns = [k for k in view.column_keys if k]
    assert columns and {k.partition(":")[0] for k in columns} == kinds
    assert len(view.rows) == len(dataset.participants)  # the rows are not filtered by it


def test_series_chooses_meetings_of_a_format_on_the_matrix_and_the_timeline(
    dataset: Dataset,
) -> None:
    columns = [k for k in build("participants", dataset, "series:authorized").column_keys if k]
    expected = [
        f"meeting:{m.id}"
        for m in dataset.meetings
        if m.series == "authorized-representatives-meeting"
    ]
    assert columns == expected and len(expected) == 2
    timeline = build("timeline", dataset, "series:heads kind:meeting")
    assert {r.key for r in timeline.rows} == {
        f"meeting:{m.id}" for m in dataset.meetings if m.series == "heads-of-national-atc-meeting"
    }


def test_the_matrix_shows_who_took_part_in_an_exercise(dataset: Dataset) -> None:
    view = build("participants", dataset, "kind:exercise meeting:dushanbe-antiterror-2017")
    assert [c.label for c in view.columns][2:-1] == ["Dushanbe 2017"]
    took_part = {r.key for r in view.rows if r.cells[2] == Presence.ATTENDED.mark}
    assert took_part >= {
        f"participant:{p}"
        for p in ("armenia", "belarus", "kazakhstan", "kyrgyzstan", "russia", "tajikistan")
    }
    assert view.footer_row is not None and view.footer_row[0] == "Participants per exercise"


def test_compare_takes_two_exercises(dataset: Dataset) -> None:
    view = compare(dataset, "east-antiterror-2024", "eurasia-antiterror-2023")
    assert view.column_keys[3:] == (
        "exercise:eurasia-antiterror-2023",
        "exercise:east-antiterror-2024",
    )
    changes = {r.key: r.cells[2] for r in view.rows}
    # China: in Eurasia's complete list; East's pages list no country outside the CIS.
    assert changes["participant:china"] == "unknown"
    assert changes["participant:azerbaijan"] == "joined"  # not in Eurasia's complete list
    assert changes["participant:russia"] == "stayed"
    out = run_cli("diff", "eurasia-antiterror-2023", "exercise:east-antiterror-2024")
    assert out.returncode == 0 and "Eurasia 2023" in out.stdout and "China" in out.stdout


@pytest.mark.parametrize("query", ["series:zzz", "series:autorized", "-series:zzz"])
def test_a_series_no_format_holds_is_an_error_not_an_empty_view(query: str) -> None:
    """Before: 'series:zzz' gave "0 rows" and an empty matrix (attack report 4, #2)."""
    for view in ("timeline", "participants"):
        out = run_cli("export", view, "-q", query)
        assert out.returncode == 1 and out.stdout == ""
        assert "no series" in out.stderr and "authorized-representatives-meeting" in out.stderr


def test_series_takes_british_spelling(dataset: Dataset) -> None:
    british = build("participants", dataset, "series:authorised")
    american = build("participants", dataset, "series:authorized")
    assert british.column_keys == american.column_keys
    assert len([k for k in british.column_keys if k]) == 2


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("Caspian-Antiterror-2021", "exercise:caspian-antiterror-2021"),
        ("East-Antiterror-2024", "exercise:east-antiterror-2024"),
        ("Commonwealth-Antiterror-2025", "exercise:commonwealth-antiterror-2025"),
        ("Восток-Антитеррор-2024", "exercise:east-antiterror-2024"),
        ('"Евразия – Антитеррор — 2023"', "exercise:eurasia-antiterror-2023"),
        ('"Dushanbe-Anti-Terror"', "exercise:dushanbe-antiterror-2017"),
    ],
)
def test_an_exercise_is_found_by_its_name_and_year_whatever_the_dashes(
    dataset: Dataset, query: str, found: str
) -> None:
    """Before: the names with their year found nothing, and - – — with or without
    spaces were different characters (new-user report 4, F2)."""
    keys = [r.key for r in build("exercises", dataset, query).rows]
    assert keys == [found]


def test_an_observer_is_shown_apart_and_not_counted(dataset: Dataset) -> None:
    """Before: observers were "● attended" and counted: Turkmenistan among Zhetysu
    2014's participants (new-user report 4, F9)."""
    view = build("participants", dataset, "kind:exercise year:2014")
    cells = {r.key: (r.cells[2], r.cells[-1]) for r in view.rows}
    zhetysu = next(e for e in dataset.exercises if e.id == "zhetysu-antiterror-2014")
    roles = {a.participant: a.role for a in zhetysu.attendances}
    assert roles["turkmenistan"] == "observer"
    assert cells["participant:turkmenistan"] == (Presence.OBSERVED.mark, "0")
    assert cells["participant:kazakhstan"] == (Presence.ATTENDED.mark, "1")
    took_part = sum(1 for role in roles.values() if role != "observer")
    assert view.footer_row is not None and view.footer_row[2] == str(took_part)
    assert "○ observer" in view.legend


def test_a_meeting_term_names_exercise_columns_too(dataset: Dataset) -> None:
    """Before: `meeting:caspian` gave a matrix of no columns unless kind:exercise was
    added (new-user report 4, F3)."""
    view = build("participants", dataset, "meeting:caspian")
    assert [k for k in view.column_keys if k] == [
        "exercise:caspian-antiterror-2005",
        "exercise:caspian-antiterror-2021",
    ]
    excluded = build("participants", dataset, "-meeting:xii")
    assert all(k.startswith("meeting:") for k in excluded.column_keys if k)
