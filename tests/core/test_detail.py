"""What the detail pane says of a record or a matrix cell (detail.py): which notes a cell
shows, and the names a user reads where a record holds another record's id."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import tomli_w

from atctui.dataset import Dataset
from atctui.detail import as_text, describe, describe_cell
from atctui.loading import load
from atctui.loading.references import walk
from atctui.model import ID_FIELDS, REF_FIELDS, SECTIONS
from atctui.views import meeting_label

SCO_NOTE = "The 2017 report names the Shanghai Cooperation Organization"
HEAD_TERM_NOTE = "The head of the CIS ATC serves a three-year term."
COUNT_NOTE = "The source says competent authorities of 9 CIS member states attended"


# --- the notes a matrix cell shows ----------------------------------------------------


def test_a_meetings_note_is_not_shown_on_every_participants_cell(dataset: Dataset) -> None:
    # Before: the note about SCO RATS at X 2017 was shown on Moldova's X 2017 cell (and on
    # every other participant's), and the XVIII count on every XVIII cell.
    moldova = as_text(describe_cell(dataset, "moldova", "meeting:x-2017"))
    assert SCO_NOTE not in moldova
    assert "Note" not in moldova and "About" not in moldova
    assert COUNT_NOTE not in as_text(describe_cell(dataset, "russia", "meeting:xviii-2025"))
    # The meeting's own record still shows its notes.
    assert SCO_NOTE in as_text(describe(dataset, "meeting:x-2017"))
    assert COUNT_NOTE in as_text(describe(dataset, "meeting:xviii-2025"))


def test_a_note_about_a_participant_at_a_meeting_is_on_that_cell_only(dataset: Dataset) -> None:
    sections = describe_cell(dataset, "sco-rats", "meeting:x-2017")
    name = dataset.participants["sco-rats"].name
    about = {s.title: s.lines for s in sections}
    assert [line for line in about[f"About {name} at this meeting"] if SCO_NOTE in line]
    # At another meeting the note, which is about X 2017, is not shown.
    assert SCO_NOTE not in as_text(describe_cell(dataset, "sco-rats", "meeting:xii-2019"))
    # The participant's record shows it.
    assert SCO_NOTE in as_text(describe(dataset, "participant:sco-rats"))


def test_a_note_about_the_participant_alone_is_on_each_of_its_cells(dataset: Dataset) -> None:
    name = dataset.participants["cis-atc"].name
    for meeting in ("meeting:xii-2019", "meeting:xviii-2025"):
        sections = describe_cell(dataset, "cis-atc", meeting)
        about = {s.title: s.lines for s in sections}
        assert about[f"About {name}"] == [f"Note: {HEAD_TERM_NOTE}"]
        assert f"About {name} at this meeting" not in about
    assert HEAD_TERM_NOTE not in as_text(describe_cell(dataset, "russia", "meeting:xii-2019"))


# --- labels, not ids ---------------------------------------------------------------


def _label(dataset: Dataset, kind: str, record_id: str) -> str:
    """What a user reads for a record elsewhere in the app (independently of detail.py)."""
    record = dataset.records[f"{kind}:{record_id}"]
    if kind == "meeting":
        return meeting_label(record, dataset)
    if kind == "source":
        return str(record.title or record.file or record.url)
    return str(getattr(record, "name", None) or getattr(record, "title", None) or record.id)


def _every_field_dataset(tmp_path: Path) -> Path:
    """A dataset holding a value in every id-holding and reference field the model has,
    every id unlike its record's name."""
    cite = [{"source": "src-titled", "quote": "a quoted sentence"}]
    web = [{"source": "src-untitled"}]
    data: dict[str, Any] = {
        "sources": [
            {"id": "src-titled", "kind": "source_text", "file": "0001.txt",
             "title": "Report on the first meeting", "publisher": "The Centre"},
            {"id": "src-untitled", "kind": "web_page", "url": "https://example.org/x"},
        ],
        "participants": [
            {"id": "org-alpha", "name": "Alpha Council", "kind": "cis_body", "citations": cite},
            {"id": "org-beta", "name": "Beta Structure", "short": "BS",
             "kind": "international_organization", "citations": web},
        ],
        "people": [
            {"id": "per-one", "name": "Ivan Petrov", "citations": cite,
             "roles": [{"title": "Head", "organisation": "org-beta", "citations": cite}]},
        ],
        "formats": [{"id": "fmt-one", "name": "Annual meeting of heads", "citations": cite}],
        "meetings": [
            {"id": "mtg-one", "number": 12, "title": "Twelfth meeting", "date": "2019-02-19",
             "series": "fmt-one", "organiser": "org-alpha", "citations": cite,
             "attendances": [
                 {"participant": "org-beta", "as_written": "the Structure", "citations": cite}
             ]},
            {"id": "mtg-two", "number": 13, "title": "Thirteenth meeting", "date": "2020",
             "citations": cite},
        ],
        "exercises": [
            {"id": "exe-one", "name": "Mountain-Antiterror", "date": "2019-09",
             "host": "org-alpha", "partners": ["org-beta"], "status": "held",
             "discussed_at": ["mtg-one", "mtg-two"], "citations": cite},
        ],
        "programs": [
            {"id": "prg-one", "title": "Program of cooperation 2020-2022",
             "approved_by": "org-alpha", "citations": cite},
        ],
        "events": [
            {"id": "evt-one", "kind": "event", "title": "A founding decision", "date": "2000",
             "related": ["participant:org-alpha", "meeting:mtg-one", "format:fmt-one",
                         "exercise:exe-one", "program:prg-one", "person:per-one",
                         "source:src-titled"],
             "citations": cite},
        ],
        "notes": [
            {"id": "nte-one", "kind": "note", "text": "A remark.", "citations": cite,
             "about": ["meeting:mtg-two", "event:evt-one", "participant:org-beta",
                       "source:src-untitled"]},
        ],
    }  # fmt: skip
    path = tmp_path / "every-field.toml"
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def _held_ids(dataset: Dataset, cls: type[Any]) -> list[tuple[str, str, str, str]]:
    """(record key, field, kind, id) for every id that a `cls` in the records holds."""
    found = []
    for section, singular in SECTIONS.items():
        for record in getattr(dataset.content, section):
            key = f"{singular}:{record.id}"
            for obj, _ in walk(record, ()):
                if type(obj) is not cls:
                    continue
                for name, kind in ID_FIELDS.get(cls, {}).items():
                    value = getattr(obj, name)
                    for target in value if isinstance(value, list) else [value]:
                        if target is not None:
                            found.append((key, name, kind, target))
                if cls in REF_FIELDS:
                    for ref in getattr(obj, REF_FIELDS[cls]):
                        kind, _, target = ref.partition(":")
                        found.append((key, REF_FIELDS[cls], kind, target))
    return found


def _as_a_word(record_id: str) -> str:
    """A pattern of the id standing alone (not inside a longer id, a file name, a ref or a
    web address: asiaplus.news/en/news/tajikistan/... is a path, not the id tajikistan)."""
    return rf"(?<![\w.:/-]){re.escape(record_id)}(?![\w/-])"


def _shown(dataset: Dataset, key: str, cls: type[Any]) -> str:
    text = as_text(describe(dataset, key))
    if key.startswith(("meeting:", "exercise:")) and cls.__name__ in ("Attendance", "Citation"):
        # and in its cells, where an attendance and its sources are shown
        for participant in dataset.attendance[key]:
            text += "\n" + as_text(describe_cell(dataset, participant, key))
    return text


@pytest.mark.parametrize(
    "cls", [*ID_FIELDS, *REF_FIELDS], ids=lambda cls: cls.__name__
)  # fmt: skip
def test_every_id_field_of_every_record_kind_shows_a_label(cls: type[Any], tmp_path: Path) -> None:
    # Before: 'discussed at: xii-2019', 'partners: sco-rats', 'series: heads-of-…',
    # 'related: participant:cis-atc', a role's organisation not shown, a citation without
    # its source's title.
    dataset = load([_every_field_dataset(tmp_path)])
    held = _held_ids(dataset, cls)
    fields = {name for _, name, _, _ in held}
    assert fields == set(ID_FIELDS.get(cls, {})) | (
        {REF_FIELDS[cls]} if cls in REF_FIELDS else set()
    )
    for key, name, kind, target in held:
        text = _shown(dataset, key, cls)
        label = _label(dataset, kind, target)
        assert label in text, (key, name, target)
        assert not re.search(_as_a_word(target), text), (key, name)
        assert f"{kind}:{target}" not in text, (key, name)


def test_the_bundled_records_show_labels_where_they_hold_ids(dataset: Dataset) -> None:
    for cls in [*ID_FIELDS, *REF_FIELDS]:
        for key, name, kind, target in _held_ids(dataset, cls):
            text = _shown(dataset, key, cls)
            assert _label(dataset, kind, target) in text, (key, name, target)
            assert f"{kind}:{target}" not in text, (key, name)
            assert not re.search(_as_a_word(target), text), (key, name, target)
    ararat = {s.title: s.lines for s in describe(dataset, "exercise:ararat-antiterror-2019")}
    assert "discussed at: XII 2019" in ararat["Exercise: Ararat-Anti-Terror – 2019"]
    eurasia = as_text(describe(dataset, "exercise:eurasia-antiterror-2023"))
    assert f"partners: {dataset.participants['sco-rats'].name}" in eurasia
    x_2017 = as_text(describe(dataset, "meeting:x-2017"))
    assert f"series: {dataset.records['format:heads-of-national-atc-meeting'].name}" in x_2017


def test_references_show_their_kind_and_label(tmp_path: Path) -> None:
    dataset = load([_every_field_dataset(tmp_path)])
    event = {s.title: s.lines for s in describe(dataset, "event:evt-one")}
    related = (
        "related: participant Alpha Council; meeting XII 2019; format Annual meeting of heads;"
        " exercise Mountain-Antiterror (Sep 2019); program Program of cooperation 2020-2022;"
        " person Ivan Petrov; source Report on the first meeting"
    )
    assert related in event["Event: A founding decision"]
    person = {s.title: s.lines for s in describe(dataset, "person:per-one")}
    assert person["Role: Head"] == ["organisation: Beta Structure"]
    exercise = as_text(describe(dataset, "exercise:exe-one"))
    assert "discussed at: XII 2019, XIII 2020" in exercise
    assert "The Centre, Report on the first meeting\n    file 0001.txt" in exercise


def test_an_absent_cell_names_the_kind_as_a_sentence_does(dataset: Dataset) -> None:
    """Before: 'the source lists cis bodies completely' (report writer's test, R19)."""
    text = as_text(describe_cell(dataset, "cis-atc", "meeting:xii-2019"))
    assert "the source lists CIS bodies completely" in text
