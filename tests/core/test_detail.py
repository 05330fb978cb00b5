"""What the detail pane says of a record or a matrix cell (detail.py)."""

from __future__ import annotations

from atctui.dataset import Dataset
from atctui.detail import as_text, describe, describe_cell

SCO_NOTE = "The 2017 report names the Shanghai Cooperation Organization"
HEAD_TERM_NOTE = "The head of the CIS ATC serves a three-year term."
COUNT_NOTE = "The source says competent authorities of 9 CIS member states attended"


# --- the notes a matrix cell shows ----------------------------------------------------


def test_a_meetings_note_is_not_shown_on_every_participants_cell(dataset: Dataset) -> None:
    # Before: the note about SCO RATS at X 2017 was shown on Moldova's X 2017 cell (and on
    # every other participant's), and the XVIII count on every XVIII cell.
    moldova = as_text(describe_cell(dataset, "moldova", "x-2017"))
    assert SCO_NOTE not in moldova
    assert "Note" not in moldova and "About" not in moldova
    assert COUNT_NOTE not in as_text(describe_cell(dataset, "russia", "xviii-2025"))
    # The meeting's own record still shows its notes.
    assert SCO_NOTE in as_text(describe(dataset, "meeting:x-2017"))
    assert COUNT_NOTE in as_text(describe(dataset, "meeting:xviii-2025"))


def test_a_note_about_a_participant_at_a_meeting_is_on_that_cell_only(dataset: Dataset) -> None:
    sections = describe_cell(dataset, "sco-rats", "x-2017")
    name = dataset.participants["sco-rats"].name
    about = {s.title: s.lines for s in sections}
    assert [line for line in about[f"About {name} at this meeting"] if SCO_NOTE in line]
    # At another meeting the note, which is about X 2017, is not shown.
    assert SCO_NOTE not in as_text(describe_cell(dataset, "sco-rats", "xii-2019"))
    # The participant's record shows it.
    assert SCO_NOTE in as_text(describe(dataset, "participant:sco-rats"))


def test_a_note_about_the_participant_alone_is_on_each_of_its_cells(dataset: Dataset) -> None:
    name = dataset.participants["cis-atc"].name
    for meeting in ("xii-2019", "xviii-2025"):
        sections = describe_cell(dataset, "cis-atc", meeting)
        about = {s.title: s.lines for s in sections}
        assert about[f"About {name}"] == [f"Note: {HEAD_TERM_NOTE}"]
        assert f"About {name} at this meeting" not in about
    assert HEAD_TERM_NOTE not in as_text(describe_cell(dataset, "russia", "xii-2019"))
